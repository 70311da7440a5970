// "Talk about my screen" in the real renderer (Debian Chromium) over the WebSocket transport, against the real
// core and the Realtime simulator: an image pasted or dropped into the composer waits as a thumbnail, can be
// removed, goes with the next typed turn and stays with it in the transcript; a 50 MB file is refused in the
// window before it is read; the headless shell says it cannot capture the screen rather than failing.
import { resolve } from 'node:path';
import sharp from 'sharp';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src-main/core/app/create-core';
import { memorySecrets } from '../../src-main/core/secrets/secret-store';
import { startWebUi, type WebUi } from '../../src-main/shell-headless/web-ui';
import { startRealtimeSim, type RealtimeSim } from '../realtime-sim/server';
import { launchChromium, requireBuiltRenderer, screenshotDir } from '../support/browser';
import { testAudio } from '../support/realtime/test-audio';

const key = 'sk-sim-images-e2e-1234';
let browser: Browser;
let sim: RealtimeSim;
let core: Core;
let ui: WebUi;
let page: Page;
let png: number[];

beforeAll(async () => {
  requireBuiltRenderer();
  sim = await startRealtimeSim({
    apiKey: key,
    defaultReply: { text: 'A blue square on white.', audioMs: 200 },
  });
  core = createCore({
    shell: 'headless',
    version: '9.9.9-e2e',
    secrets: memorySecrets(key),
    audio: testAudio().factory,
  });
  const settings = await core.dispatcher.dispatch('updateSettings', { baseUrl: sim.baseUrl, theme: 'light' });
  if (!settings.ok) throw new Error(settings.error.message);
  const raw = Buffer.alloc(320 * 240 * 3, 0xff);
  for (let y = 60; y < 180; y++) for (let x = 100; x < 220; x++) raw.set([40, 80, 220], (y * 320 + x) * 3);
  png = [
    ...(await sharp(raw, { raw: { width: 320, height: 240, channels: 3 } })
      .png()
      .toBuffer()),
  ];
  ui = await startWebUi(core, 'built');
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1180, height: 760 } });
  await page.goto(ui.url);
  await page.getByRole('textbox', { name: 'Message' }).waitFor();
});

afterAll(async () => {
  await browser?.close();
  await ui?.close();
  await core?.dispose();
  await sim?.close();
});

/** Pastes (or drops) a file into the composer as the browser would hand it over. */
const handOver = (how: 'paste' | 'drop', bytes: number[] | { zeros: number }, name: string) =>
  page.evaluate(
    ({ how, bytes, name }) => {
      const data = Array.isArray(bytes) ? new Uint8Array(bytes) : new Uint8Array(bytes.zeros);
      const transfer = new DataTransfer();
      transfer.items.add(new File([data], name, { type: 'image/png' }));
      if (how === 'paste') {
        const box = document.querySelector('#composer-text')!;
        box.dispatchEvent(
          new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }),
        );
      } else {
        const form = document.querySelector('form.composer')!;
        form.dispatchEvent(
          new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }),
        );
        form.dispatchEvent(
          new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }),
        );
      }
    },
    { how, bytes, name },
  );

const waiting = () => page.getByRole('list', { name: 'Images for the next turn' }).getByRole('img');

describe('images in the composer, end to end', () => {
  it('a pasted image waits as a thumbnail and can be removed; a dropped one goes with the typed turn', async () => {
    await handOver('paste', png, 'screenshot.png');
    await expect.poll(() => waiting().count()).toBe(1);
    expect(await waiting().first().getAttribute('alt')).toBe('Image 1 for the next turn (320×240)');
    expect(await waiting().first().getAttribute('src')).toMatch(/^data:image\/jpeg;base64,/);
    await page.getByRole('button', { name: 'Remove image 1' }).click();
    await expect.poll(() => waiting().count()).toBe(0);
    expect((await core.dispatcher.dispatch('listImages', undefined)).ok).toBe(true);

    await handOver('drop', png, 'dropped.png');
    await expect.poll(() => waiting().count()).toBe(1);
    await page.screenshot({ path: resolve(screenshotDir, 'composer-image.png') });
    await page.getByRole('textbox', { name: 'Message' }).fill('What is in this picture?');
    await page.getByRole('button', { name: 'Send' }).click();

    const turnImages = page.getByRole('list', { name: 'Images with this turn' }).getByRole('img');
    await expect.poll(() => turnImages.count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => waiting().count()).toBe(0);
    await page.getByText('A blue square on white.').waitFor({ timeout: 10_000 });
    const created = sim.received.filter((r) => r.event.type === 'conversation.item.create');
    expect(created).toHaveLength(1);
    const parts = (created[0]!.event as { item: { content: { type: string }[] } }).item.content;
    expect(parts.map((p) => p.type)).toEqual(['input_text', 'input_image']);
    expect(sim.violations).toEqual([]);
  });

  it('a 50 MB image is refused in the window, before it is read; nothing is attached', async () => {
    await handOver('paste', { zeros: 50 * 1024 * 1024 }, 'huge.png');
    await page.getByText(/huge\.png is 50\.0 MB; images over 20\.0 MB are refused/).waitFor();
    expect(await waiting().count()).toBe(0);
    await page.getByRole('button', { name: 'Dismiss message' }).click();
  });

  it('a file that is not a picture gets a clear message and nothing waits', async () => {
    await handOver('paste', [...Buffer.from('not an image at all')], 'broken.png');
    await page.getByText(/Not attached: the image could not be read/).waitFor();
    expect(await waiting().count()).toBe(0);
    await page.getByRole('button', { name: 'Dismiss message' }).click();
  });

  it('"Talk about my screen" in the headless shell says it cannot capture, and how to attach instead', async () => {
    await page.getByRole('button', { name: 'Talk about my screen' }).click();
    await page.getByText(/cannot capture the screen: paste or drop an image instead/).waitFor();
    expect(await waiting().count()).toBe(0);
  });
});
