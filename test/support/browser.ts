// Debian's Chromium driven by playwright-core (no browser download). Flags keep it off the network,
// which is closed on these machines anyway.
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const screenshotDir = resolve('test-results');

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(chromiumPath)) {
    throw new Error(
      `Chromium not found at ${chromiumPath}: install Debian's chromium (scripts/test.sh does).`,
    );
  }
  mkdirSync(screenshotDir, { recursive: true });
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

export function requireBuiltRenderer(): void {
  if (!existsSync(resolve('out/renderer/index.html'))) {
    throw new Error('out/renderer is missing: run `npm run build` first (npm run check does).');
  }
}
