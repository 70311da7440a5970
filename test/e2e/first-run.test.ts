// Issue 19: the first-run setup as a new user meets it, in Debian Chromium over the WebSocket transport,
// against the real core on an EMPTY data directory with no API key (as `npm run dev:web --data-dir=<new>`
// starts), the Realtime simulator, a hand-fed microphone and speaker and a key backend the test presses.
// Screenshots of each step, light and dark, land in test-results/ui-setup-*.png.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src-main/core/app/create-core';
import type { HotkeyBackend, ShortcutEvent } from '../../src-main/core/hotkey/backend';
import { environmentSecrets } from '../../src-main/core/secrets/secret-store';
import { confStoreFactory } from '../../src-main/core/storage/conf-store';
import { startWebUi, type WebUi } from '../../src-main/shell-headless/web-ui';
import { startRealtimeSim, type RealtimeSim } from '../realtime-sim/server';
import { launchChromium, requireBuiltRenderer, screenshotDir } from '../support/browser';
import { testAudio } from '../support/realtime/test-audio';

const goodKey = 'sk-sim-first-run-key-1234';
const question = 'Hello, can you hear me?';
const answer = 'Yes, I can hear you clearly.';

let dataDir: string;
let browser: Browser;
let context: BrowserContext;
let sim: RealtimeSim;
let core: Core;
let ui: WebUi;
let page: Page;
const audio = testAudio();
let pressKey: (type: ShortcutEvent['type']) => void = () => {};

const keys: HotkeyBackend = {
  kind: 'uiohook',
  reportsRelease: true,
  async register(_shortcuts, listener) {
    pressKey = (type) => listener({ id: 'pushToTalk', type, at: performance.now() });
    return { failed: [] };
  },
  async dispose() {},
};

async function call(name: string, payload?: unknown): Promise<Record<string, unknown>> {
  const envelope = await core.dispatcher.dispatch(name, payload);
  if (!envelope.ok) throw new Error(`${name}: ${envelope.error.message}`);
  return envelope.value as Record<string, unknown>;
}

/** Both themes of what is on screen now. */
async function shots(name: string) {
  for (const theme of ['light', 'dark'] as const) {
    await call('updateSettings', { theme });
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe(theme);
    await page.waitForTimeout(150);
    await page.screenshot({ path: resolve(screenshotDir, `ui-setup-${name}-${theme}.png`) });
  }
  await call('updateSettings', { theme: 'light' });
}

const setup = () => page.getByTestId('setup');
const next = () => setup().getByRole('button', { name: 'Next' }).click();

beforeAll(async () => {
  requireBuiltRenderer();
  dataDir = mkdtempSync(join(tmpdir(), 'first-run-'));
  sim = await startRealtimeSim({
    apiKey: goodKey,
    userTranscripts: [question],
    replies: [{ text: answer, audioMs: 300 }],
  });
  core = createCore({
    shell: 'headless',
    version: '9.9.9-e2e',
    // A fresh data directory and no OPENAI_API_KEY: what a new user of dev:web starts with.
    storage: confStoreFactory(dataDir),
    secrets: environmentSecrets({ OPENAI_BASE_URL: sim.baseUrl }),
    audio: audio.factory,
    hotkeyBackends: { uiohook: async () => keys },
  });
  await call('updateSettings', { baseUrl: sim.baseUrl, theme: 'light' });
  ui = await startWebUi(core, 'built');
  browser = await launchChromium();
  // The page's own clipboard (Copy diagnostics in a browser): granted as a user would.
  context = await browser.newContext({
    viewport: { width: 1180, height: 820 },
    permissions: ['clipboard-read', 'clipboard-write'],
  });
  page = await context.newPage();
  await page.goto(ui.url);
});

afterAll(async () => {
  await browser?.close();
  await ui?.close();
  await core?.dispose();
  await sim?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('the first-run setup, end to end', () => {
  it('walks a new user from no key to a first answer, and does not come back once finished', async () => {
    // 1. The key: the dialog is the first thing on screen.
    await expect.poll(() => setup().isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await setup().getByRole('heading').textContent()).toBe('Your OpenAI API key');
    // The key's status arrives from main after the dialog shows ("Unknown" until then): wait for it.
    await expect.poll(() => setup().textContent(), { timeout: 10_000 }).toContain('Kept in memory only');
    await shots('key');
    await setup().getByLabel('API key', { exact: true }).fill(goodKey);
    await setup().getByRole('button', { name: 'Save key' }).click();
    await expect.poll(() => page.getByTestId('api-key-status').textContent()).toBe('Set · not tested');
    await setup().getByRole('button', { name: 'Test' }).click();
    await expect.poll(() => page.getByTestId('api-key-status').textContent()).toBe('Set · works');

    // 2. The microphone: three seconds recorded from it and played back on the speaker.
    await next();
    expect(await setup().getByRole('heading').textContent()).toBe('Microphone');
    await setup().getByRole('button', { name: 'Record 3 seconds and play back' }).click();
    await expect.poll(() => audio.mic.running, { timeout: 5_000 }).toBe(true);
    audio.mic.speak(3_000);
    await expect
      .poll(() => page.getByTestId('setup-clip').textContent(), { timeout: 10_000 })
      .toContain('Recorded and played back 3.0 s');
    expect(audio.speaker.totalWritten).toBe(3 * 48_000);
    await shots('microphone');

    // 3. The speaker: this machine has no output device, and the step says so calmly.
    await next();
    await setup().getByRole('button', { name: 'Play test sound' }).click();
    await expect
      .poll(() => setup().locator('.inline-message').textContent(), { timeout: 10_000 })
      .toMatch(/Not available right now: no output device/);
    await shots('speaker');

    // 4. The push-to-talk key: pressed and released, seen by the app, and no conversation started.
    await next();
    expect(await setup().textContent()).toContain('RightCtrl');
    // Like the key's status, the hotkey backend arrives from main after the step shows.
    await expect.poll(() => page.getByTestId('setup-key-backend').textContent()).toMatch(/go down and up/);
    await setup().getByRole('button', { name: 'Press it now' }).click();
    await expect
      .poll(() => page.getByTestId('setup-key-check').textContent())
      .toBe('Waiting: press RightCtrl now.');
    pressKey('press');
    await expect
      .poll(() => page.getByTestId('setup-key-check').textContent())
      .toBe('✓ Pressed — now let go.');
    pressKey('release');
    await expect
      .poll(() => page.getByTestId('setup-key-check').textContent())
      .toBe('✓ Pressed and ✓ released: the app hears your key.');
    expect(sim.connectionCount()).toBe(0);
    await shots('talk-key');

    // 5. A first turn, held on the dialog's talk button.
    await next();
    const talk = setup().getByRole('button', { name: /hold to talk/i });
    const box = (await talk.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await expect.poll(() => audio.mic.running, { timeout: 10_000 }).toBe(true);
    audio.mic.speak(800);
    await page.mouse.up();
    await expect.poll(() => page.getByTestId('setup-said').textContent(), { timeout: 15_000 }).toBe(question);
    await expect.poll(() => page.getByTestId('setup-answer').textContent(), { timeout: 15_000 }).toBe(answer);
    expect(sim.violations).toEqual([]);
    await shots('practice');

    await setup().getByRole('button', { name: 'Finish' }).click();
    await expect.poll(() => setup().count()).toBe(0);
    expect(await call('getSetupState')).toMatchObject({ show: false, skipped: false });
    // Not shown again: a reload (a new window) opens on the conversation.
    await page.reload();
    await expect.poll(() => page.getByRole('button', { name: /hold to talk/i }).count()).toBe(1);
    expect(await setup().count()).toBe(0);
  });

  it('Settings can run it again, it can be skipped, and Copy diagnostics copies a report without the key', async () => {
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    await page.getByRole('button', { name: 'Run setup again' }).click();
    await expect.poll(() => setup().isVisible()).toBe(true);
    await setup().getByRole('button', { name: 'Skip setup' }).click();
    await expect.poll(() => setup().count()).toBe(0);
    expect(await call('getSetupState')).toMatchObject({ show: false, skipped: true });

    await page.getByRole('button', { name: 'Copy diagnostics' }).click();
    await expect.poll(() => page.getByTestId('diagnostics-copied').count()).toBe(1);
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toContain('Voice Assistant diagnostics');
    expect(copied).toContain('App: Voice Assistant 9.9.9-e2e (headless shell)');
    expect(copied).toContain('API key: set, works: yes');
    expect(copied).not.toContain(goodKey);
  });
});
