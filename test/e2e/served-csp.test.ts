// The packaged renderer's CSP admits no loopback socket (issue 17, finding 8); dev:web serves the same
// built page with exactly its own socket admitted, and Chromium enforces that: another loopback port is
// refused, the core's socket works.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src-main/core/app/create-core';
import { memorySecrets } from '../../src-main/core/secrets/secret-store';
import { startWebUi, type WebUi } from '../../src-main/shell-headless/web-ui';
import { launchChromium, requireBuiltRenderer } from '../support/browser';

const cspOf = (html: string) =>
  /<meta http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1]?.replaceAll('&#39;', "'");

let browser: Browser;
let core: Core;
let ui: WebUi;

beforeAll(async () => {
  requireBuiltRenderer();
  // A key is set (never sent: no session starts), so the window opens on the conversation, not on first-run
  // setup, which has its own e2e test.
  core = createCore({
    shell: 'headless',
    version: '0.0.0-csp',
    secrets: memorySecrets('sk-e2e-unused-0000'),
  });
  ui = await startWebUi(core, 'built');
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await ui?.close();
  await core?.dispose();
});

describe('renderer CSP, packaged and served', () => {
  it('the built file (what the packaged app loads) has no loopback socket', () => {
    const policy = cspOf(readFileSync(resolve('out/renderer/index.html'), 'utf8'));
    expect(policy).toMatch(/connect-src 'self';/);
    expect(policy).not.toMatch(/ws:/);
  });

  it("dev:web's page admits its own socket only, and Chromium holds it to that", async () => {
    const socketPort = new URL(ui.url).searchParams.get('ws');
    const served = await (await fetch(ui.url)).text();
    expect(cspOf(served)).toMatch(new RegExp(`connect-src 'self' ws://127\\.0\\.0\\.1:${socketPort};`));

    const page = await browser.newPage();
    await page.goto(ui.url);
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    await expect.poll(() => page.getByTestId('app-info').textContent()).toContain('0.0.0-csp');
    const blocked = await page.evaluate(async () => {
      const violation = new Promise<string>((done) =>
        document.addEventListener('securitypolicyviolation', (event) => done(event.violatedDirective)),
      );
      try {
        new WebSocket('ws://127.0.0.1:9/');
      } catch {
        // Chromium may throw instead of (or as well as) reporting
      }
      return violation;
    });
    expect(blocked).toBe('connect-src');
    await page.close();
  });
});
