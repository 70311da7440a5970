// The built renderer in Debian Chromium, over the WebSocket transport, against the real core in Node.
import { resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src-main/core/app/create-core';
import { memorySecrets } from '../../src-main/core/secrets/secret-store';
import { startWebUi, type WebUi } from '../../src-main/shell-headless/web-ui';
import { launchChromium, requireBuiltRenderer, screenshotDir } from '../support/browser';

let browser: Browser;
let core: Core;
let ui: WebUi;

beforeAll(async () => {
  requireBuiltRenderer();
  // A key is set (never sent: no session starts), so the window opens on the conversation, not on first-run
  // setup, which has its own e2e test.
  core = createCore({
    shell: 'headless',
    version: '9.9.9-e2e',
    secrets: memorySecrets('sk-e2e-unused-0000'),
  });
  ui = await startWebUi(core, 'built');
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await ui?.close();
});

describe('renderer over the WebSocket transport', () => {
  it('calls a command, receives an event, and obeys its CSP', async () => {
    const page = await browser.newPage();
    const cspViolations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
    });
    await page.goto(ui.url);
    // The app info and the theme live in the Settings view.
    await page.getByRole('button', { name: 'Settings', exact: true }).click();

    // Command: getAppInfo answered by the core in this process.
    await expect.poll(() => page.getByTestId('app-info').textContent()).toContain('9.9.9-e2e');

    // Event: a settings change made in the core reaches the page without the page asking.
    const changedFromCore = core.dispatcher.dispatch('updateSettings', { theme: 'dark' });
    await changedFromCore;
    await expect.poll(() => page.getByTestId('theme-now').textContent()).toBe('Theme: dark');
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');

    // And a command from the page: pick "light" in the UI; the core holds it and echoes it as an event.
    await page.getByLabel('Theme').selectOption('light');
    await expect.poll(() => page.getByTestId('theme-now').textContent()).toBe('Theme: light');
    expect(await core.dispatcher.dispatch('getSettings', undefined)).toMatchObject({
      ok: true,
      value: { theme: 'light' },
    });

    // The production CSP refuses injected inline script (the way an XSS would arrive).
    const inlineRan = await page.evaluate(async () => {
      const violation = new Promise((resolve) =>
        document.addEventListener('securitypolicyviolation', resolve),
      );
      const script = document.createElement('script');
      script.textContent = 'window.__inlineRan = true';
      document.head.append(script);
      await violation;
      return (window as unknown as { __inlineRan?: boolean }).__inlineRan === true;
    });
    expect(inlineRan).toBe(false);
    expect(cspViolations.length).toBe(1);

    await page.screenshot({ path: resolve(screenshotDir, 'foundation-web-transport.png') });
    await page.close();
  });
});
