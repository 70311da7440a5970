// The real renderer in Debian Chromium, over the WebSocket transport, against the real core, realtime
// engine and the Realtime protocol simulator. The microphone is a hand-fed test double; everything
// else — contract, engine, profiles, history — is the production code.
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src-main/core/app/create-core';
import { memorySecrets } from '../../src-main/core/secrets/secret-store';
import { startWebUi, type WebUi } from '../../src-main/shell-headless/web-ui';
import { costText, formatUsd, type TranscriptItem } from '../../src-preload/contract';
import { startRealtimeSim, type RealtimeSim } from '../realtime-sim/server';
import { launchChromium, requireBuiltRenderer, screenshotDir } from '../support/browser';
import { testAudio } from '../support/realtime/test-audio';

const goodKey = 'sk-sim-good-key-1234';
const question = 'What is the capital of Norway?';
const answer = 'Oslo is the capital of Norway.';

let browser: Browser;
let sim: RealtimeSim;
let core: Core;
let ui: WebUi;
let page: Page;
const audio = testAudio();

async function call(name: string, payload?: unknown): Promise<Record<string, unknown>> {
  const envelope = await core.dispatcher.dispatch(name, payload);
  if (!envelope.ok) throw new Error(`${name}: ${envelope.error.message}`);
  return envelope.value as Record<string, unknown>;
}

const shot = async (name: string) => {
  // Let streaming carets and transitions settle so the picture shows the state, not a frame of a blink.
  await page.waitForTimeout(150);
  await page.screenshot({ path: resolve(screenshotDir, `${name}.png`) });
};

async function setTheme(theme: 'light' | 'dark') {
  await call('updateSettings', { theme });
  await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe(theme);
}

beforeAll(async () => {
  requireBuiltRenderer();
  sim = await startRealtimeSim({
    apiKey: goodKey,
    userTranscripts: [question],
    replies: [{ text: answer, audioMs: 400 }],
    defaultReply: { text: 'Noted.', audioMs: 200 },
  });
  core = createCore({
    shell: 'headless',
    version: '9.9.9-e2e',
    secrets: memorySecrets(goodKey),
    audio: audio.factory,
  });
  await call('updateSettings', { baseUrl: sim.baseUrl, theme: 'light' });
  ui = await startWebUi(core, 'built');
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1180, height: 760 } });
  await page.goto(ui.url);
});

afterAll(async () => {
  await browser?.close();
  await ui?.close();
  await core?.dispose();
  await sim?.close();
});

describe('the window, end to end', () => {
  it('a push-to-talk turn from the talk button shows both transcripts', async () => {
    const talk = page.getByRole('button', { name: /hold to talk/i });
    const box = (await talk.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    // The core opened the (test) microphone because the button is held: speak into it.
    await expect.poll(() => audio.mic.running, { timeout: 10_000 }).toBe(true);
    audio.mic.speak(800);
    await page.mouse.up();

    const transcript = page.getByTestId('transcript');
    await expect
      .poll(() => transcript.getByTestId('turn-user').textContent(), { timeout: 15_000 })
      .toContain(question);
    await expect
      .poll(() => transcript.getByTestId('turn-assistant').textContent(), { timeout: 15_000 })
      .toContain(answer);
    expect(sim.received.map((r) => r.event.type)).toEqual(
      expect.arrayContaining(['input_audio_buffer.append', 'input_audio_buffer.commit', 'response.create']),
    );
    await expect.poll(() => page.getByTestId('status').textContent(), { timeout: 10_000 }).toContain('Ready');
    expect(sim.violations).toEqual([]);

    await shot('ui-conversation-light');
    await setTheme('dark');
    await shot('ui-conversation-dark');
    // The log is produced only while its panel is open: nothing came while it was closed, and a typed
    // turn after opening it fills it.
    const logToggle = page.getByRole('button', { name: 'Event log' });
    expect(await logToggle.textContent()).toBe('Event log');
    await logToggle.click();
    await page.getByLabel('Message').fill('And of Sweden?');
    await page.getByRole('button', { name: 'Send' }).click();
    await expect
      .poll(() => page.getByTestId('event-log-list').getByRole('listitem').count(), { timeout: 10_000 })
      .toBeGreaterThan(3);
    await shot('ui-event-log-dark');
    await page.getByRole('button', { name: 'Close event log' }).click();
    await setTheme('light');
  });

  it('a live profile edit sends a session.update the simulator sees', async () => {
    await page.getByRole('button', { name: 'Profiles', exact: true }).click();
    // Built-in profiles are read-only: make an own copy, make it active, then edit it live.
    await page.getByRole('button', { name: 'Duplicate', exact: true }).first().click();
    await expect.poll(() => page.getByRole('button', { name: 'Make active' }).count()).toBe(1);
    await page.getByRole('button', { name: 'Make active' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Active', exact: true }).count()).toBe(1);
    const before = sim.received.filter((r) => r.event.type === 'session.update').length;
    const instructions = page.getByLabel('Instructions');
    await instructions.fill('Answer in one short sentence, like a pirate.');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => page.getByText(/Saved at/).count()).toBe(1);

    const updates = () => sim.received.filter((r) => r.event.type === 'session.update').slice(before);
    await expect.poll(() => updates().length, { timeout: 10_000 }).toBeGreaterThan(0);
    // One edit, one session.update (give a duplicate the time to show up before counting).
    await page.waitForTimeout(500);
    expect(updates()).toHaveLength(1);
    expect(updates()[0]!.event.session).toMatchObject({
      type: 'realtime',
      instructions: 'Answer in one short sentence, like a pirate.',
    });
    expect(sim.violations).toEqual([]);

    await shot('ui-profiles-light');
    await setTheme('dark');
    await shot('ui-profiles-dark');
    await setTheme('light');
  });

  it('history lists the conversation the engine recorded', async () => {
    await page.getByRole('button', { name: 'History', exact: true }).click();
    const list = page.getByRole('list', { name: 'Conversations' });
    await expect.poll(() => list.getByRole('listitem').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await list.getByRole('button').first().click();
    await expect.poll(() => page.getByText(answer).count()).toBeGreaterThan(0);
    await shot('ui-history-light');
  });

  it('the usage meter by the status prices each answer live, with a breakdown on click', async () => {
    const meter = page.getByTestId('usage-meter');
    await expect.poll(() => meter.textContent(), { timeout: 10_000 }).toMatch(/\$\d/);
    const before = await meter.textContent();
    await page.getByRole('button', { name: 'Conversation', exact: true }).click();
    await page.getByLabel('Message').fill('One more, please.');
    await page.getByRole('button', { name: 'Send' }).click();
    // A new answer: a new turn, and the conversation costs more.
    await expect.poll(() => meter.textContent(), { timeout: 15_000 }).not.toBe(before);
    const usage = core.usage.snapshot();
    expect(usage.conversation.responses).toBeGreaterThanOrEqual(3);
    // (The button's name starts with a label only screen readers get.)
    expect(await meter.textContent()).toBe(
      `Usage: this turn, this conversation: ${costText(usage.turn)} · ${costText(usage.conversation)}`,
    );
    await meter.click();
    const breakdown = page.getByRole('region', { name: 'Usage breakdown' });
    const row = breakdown.getByRole('row', { name: /Conversation/ });
    expect(await row.textContent()).toContain(formatUsd(usage.conversation.costUsd));
    // The profile edit earlier shortened the instructions: a smaller input, but not a truncation.
    expect(usage.last?.truncated).toBe(false);
    await shot('ui-usage-meter-light');
    await page.keyboard.press('Escape');
    await expect.poll(() => breakdown.count()).toBe(0);
  });

  it('a bad API key shows its error', async () => {
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    await page.getByLabel('Replace API key').fill('sk-this-key-is-wrong');
    await page.getByRole('button', { name: 'Save key' }).click();
    await expect.poll(() => page.getByTestId('api-key-status').textContent()).toBe('Set · not tested');
    await shot('ui-settings-light');
    await setTheme('dark');
    await shot('ui-settings-dark');
    await setTheme('light');

    // A new session must authenticate with the new key: start over, then say something.
    await page.getByRole('button', { name: 'Conversation', exact: true }).click();
    await call('endSession');
    await page.getByLabel('Message').fill('Are you there?');
    await page.getByRole('button', { name: 'Send' }).click();
    const status = page.getByTestId('status');
    await expect.poll(() => status.textContent(), { timeout: 15_000 }).toContain('Error');
    // As the real server does: the upgrade succeeds, then an error event and close 3000.
    expect(await status.textContent()).toMatch(
      /authentication failed — check the API key: Incorrect API key provided/,
    );
    await shot('ui-bad-key-light');
  });

  it('5,000 messages scroll smoothly: only a window of them is in the page', async () => {
    const at = new Date().toISOString();
    for (let i = 0; i < 5_000; i++) {
      const item: TranscriptItem = {
        id: `bulk_${i}`,
        conversationId: 'conv_bulk',
        role: i % 2 ? 'assistant' : 'user',
        text: `Message ${i}: ${'lorem ipsum dolor sit amet '.repeat((i % 7) + 1)}`,
        final: true,
        at,
      };
      // The same bus the engine emits on: each item crosses the WebSocket as a `transcript` event.
      core.events.emit('transcript', item);
    }
    const transcript = page.getByTestId('transcript');
    await expect.poll(() => transcript.getAttribute('data-count'), { timeout: 20_000 }).toBe('5000');
    // Following the newest turn: the last message is in view.
    await expect.poll(() => transcript.getByText(/^Message 4999:/).count(), { timeout: 10_000 }).toBe(1);

    const result = await page.evaluate(async () => {
      const el = document.querySelector<HTMLElement>('[data-testid="transcript"]')!;
      const frame = () => new Promise<number>((r) => requestAnimationFrame(r));
      let maxRows = 0;
      let worstFrame = 0;
      // Scroll from the bottom to the top in 60 steps, one per frame, as a fast wheel would.
      const steps = 60;
      const start = el.scrollTop;
      let last = await frame();
      for (let s = 1; s <= steps; s++) {
        el.scrollTop = start * (1 - s / steps);
        const now = await frame();
        worstFrame = Math.max(worstFrame, now - last);
        last = now;
        maxRows = Math.max(maxRows, el.querySelectorAll('[data-index]').length);
      }
      return { maxRows, worstFrame, scrollHeight: el.scrollHeight };
    });
    expect(result.maxRows).toBeLessThan(80);
    // Row heights are measured as rows appear, so the virtualizer corrects the offset a frame or two after
    // the top is reached: keep asking for the top until the first message is rendered.
    await expect
      .poll(
        () =>
          page.evaluate(() => {
            const el = document.querySelector<HTMLElement>('[data-testid="transcript"]')!;
            el.scrollTop = 0;
            return el.querySelector('[data-index="0"]')?.textContent ?? '';
          }),
        { timeout: 5_000 },
      )
      .toContain('Message 0:');
    expect(result.scrollHeight).toBeGreaterThan(100_000);
    // Generous for a shared two-core CI machine; an unvirtualized list of 5,000 takes seconds per frame.
    expect(result.worstFrame).toBeLessThan(500);
    await shot('ui-5000-messages-light');
  });

  it('follows the system theme live when set to "Follow system", and shows keyboard focus', async () => {
    await call('updateSettings', { theme: 'system' });
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');

    // Tab from the top: the profile switcher comes first, and the focused control is visibly outlined.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('active-profile');
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).toBe('solid');
    await page.keyboard.press('Tab');
    await shot('ui-keyboard-focus-light');
  });
});
