// "Talk about my screen" through the real core, its contract commands and the Realtime simulator: a pasted
// image waits as a thumbnail, can be removed, and goes with the next typed turn before its response.create;
// the turn keeps its thumbnail in the transcript and in History, as a file beside the conversation (not in its
// JSON lines), exports carry it, and deleting the conversation deletes it. Bad files are refused with a clear
// message and nothing half-made waits. A screen capture comes from the shell's ScreenCapture.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core, type CoreOptions } from '../../src-main/core/app/create-core';
import { memorySecrets } from '../../src-main/core/secrets/secret-store';
import { confStoreFactory } from '../../src-main/core/storage/conf-store';
import type { PendingImages, TranscriptItem } from '../../src-preload/contract';
import { startRealtimeSim, type RealtimeSim } from '../realtime-sim/server';
import { testAudio } from '../support/realtime/test-audio';
import { useTempDir } from '../support/temp-dir';
import { recordingBus } from '../support/core-harness';
import { until } from '../support/until';

const tempDir = useTempDir();
let core: Core | undefined;
let sim: RealtimeSim | undefined;
afterEach(async () => {
  await core?.dispose();
  await sim?.close();
  core = sim = undefined;
});

let pngWithAlpha: Buffer;
beforeAll(async () => {
  // Half transparent, half opaque red: 300×200.
  const raw = Buffer.alloc(300 * 200 * 4);
  for (let i = 0; i < 300 * 200; i++) raw.set(i % 300 < 150 ? [0, 0, 0, 0] : [255, 0, 0, 255], i * 4);
  pngWithAlpha = await sharp(raw, { raw: { width: 300, height: 200, channels: 4 } })
    .png()
    .toBuffer();
});

async function start(extra: Partial<CoreOptions> = {}) {
  sim = await startRealtimeSim({
    apiKey: 'sk-sim-images',
    defaultReply: { text: 'A red box.', audioMs: 100 },
  });
  const directory = tempDir();
  const c = createCore({
    shell: 'headless',
    version: '0.0.0-test',
    storage: confStoreFactory(directory),
    secrets: memorySecrets('sk-sim-images'),
    audio: testAudio().factory,
    ...extra,
  });
  core = c;
  const bus = recordingBus();
  c.events.subscribeAll((name, payload) => bus.events.emit(name as never, payload as never));
  const dispatch = (name: string, payload?: unknown) => c.dispatcher.dispatch(name, payload);
  const call = async <T = Record<string, unknown>>(name: string, payload?: unknown) => {
    const envelope = await dispatch(name, payload);
    if (!envelope.ok) throw new Error(`${name}: ${envelope.error.message}`);
    return envelope.value as T;
  };
  await call('updateSettings', { baseUrl: sim.baseUrl, imageDetail: 'low' });
  return { core: c, sim, call, dispatch, bus, history: join(directory, 'history') };
}

describe('images for the next turn, through the core', () => {
  it('attach, remove, send with a typed turn; the thumbnail stays in the transcript and in History', async () => {
    const { call, sim, bus, history } = await start();
    const base64 = pngWithAlpha.toString('base64');

    const first = await call<PendingImages>('attachImage', { data: base64 });
    expect(first.images).toHaveLength(1);
    expect(first.images[0]).toMatchObject({ width: 300, height: 200, detail: 'low' });
    expect(first.images[0]!.thumbnail).toMatch(/^data:image\/jpeg;base64,/);
    expect(bus.named('pendingImages').at(-1)?.payload).toEqual(first);

    // Removed before sending: it never goes.
    expect((await call<PendingImages>('removeImage', { id: first.images[0]!.id })).images).toEqual([]);
    const kept = await call<PendingImages>('attachImage', { data: base64 });
    expect((await call<PendingImages>('listImages')).images.map((i) => i.id)).toEqual([kept.images[0]!.id]);

    await call('sendText', { text: 'What colour is this?' });
    await until(() => sim.received.some((r) => r.event.type === 'response.create'), 'the response');
    const types = sim.received.map((r) => r.event.type);
    const created = sim.received.filter((r) => r.event.type === 'conversation.item.create');
    expect(created).toHaveLength(1);
    const content = (created[0]!.event as { item: { content: { type: string; detail?: string }[] } }).item
      .content;
    expect(content.map((part) => part.type)).toEqual(['input_text', 'input_image']);
    expect(content[1]!.detail).toBe('low');
    expect(types.indexOf('conversation.item.create')).toBeLessThan(types.indexOf('response.create'));
    expect(sim.violations).toEqual([]);
    expect(sim.simErrors).toEqual([]);
    expect((await call<PendingImages>('listImages')).images).toEqual([]);

    // The typed turn carries its thumbnail in the live transcript.
    const transcript = await call<TranscriptItem[]>('getTranscript');
    const turn = transcript.find((item) => item.role === 'user')!;
    expect(turn.text).toBe('What colour is this?');
    expect(turn.images).toHaveLength(1);
    expect(turn.images![0]).toMatchObject({ id: kept.images[0]!.id, width: 300, height: 200 });
    expect(turn.images![0]!.thumbnail).toBe(kept.images[0]!.thumbnail);

    // History: the lines name the image; its thumbnail is a JPEG file beside them.
    const conversationId = turn.conversationId;
    await until(() => existsSync(join(history, `${conversationId}.jsonl`)), 'the conversation file');
    const lines = readFileSync(join(history, `${conversationId}.jsonl`), 'utf8');
    expect(lines).toContain(kept.images[0]!.id);
    expect(lines).not.toContain('data:image');
    const folder = join(history, `${conversationId}.images`);
    expect(readdirSync(folder)).toEqual([`${kept.images[0]!.id}.jpg`]);
    const file = readFileSync(join(folder, `${kept.images[0]!.id}.jpg`));
    expect(file.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff])); // a JPEG
    expect((await sharp(file).metadata()).exif).toBeUndefined();

    const stored = await call<{ items: TranscriptItem[] }>('getConversation', { id: conversationId });
    expect(stored.items.find((item) => item.role === 'user')?.images?.[0]?.thumbnail).toBe(
      kept.images[0]!.thumbnail,
    );
    const markdown = await call<{ text: string }>('exportConversation', {
      id: conversationId,
      format: 'markdown',
    });
    expect(markdown.text).toContain(`](${kept.images[0]!.thumbnail})`);
    const json = await call<{ text: string }>('exportConversation', { id: conversationId, format: 'json' });
    expect(json.text).toContain(kept.images[0]!.thumbnail);

    await call('deleteConversation', { id: conversationId });
    expect(existsSync(folder)).toBe(false);
    expect(existsSync(join(history, `${conversationId}.jsonl`))).toBe(false);
  });

  it('refuses a corrupt file, an empty one and a fifth image with a clear message; nothing half-made waits', async () => {
    const { call, dispatch } = await start();
    const corrupt = await dispatch('attachImage', {
      data: pngWithAlpha.subarray(0, pngWithAlpha.length / 2).toString('base64'),
    });
    expect(corrupt.ok).toBe(false);
    if (!corrupt.ok) expect(corrupt.error.message).toMatch(/^Not attached: the image could not be read/);
    const notAnImage = await dispatch('attachImage', {
      data: Buffer.from('hello, world').toString('base64'),
    });
    expect(notAnImage.ok).toBe(false);
    expect((await call<PendingImages>('listImages')).images).toEqual([]);

    for (let i = 0; i < 4; i++) await call('attachImage', { data: pngWithAlpha.toString('base64') });
    const fifth = await dispatch('attachImage', { data: pngWithAlpha.toString('base64') });
    expect(fifth.ok).toBe(false);
    if (!fifth.ok) expect(fifth.error.message).toMatch(/at most 4 images/);
    expect((await call<PendingImages>('listImages')).images).toHaveLength(4);
    // A file over the cap never reaches core: the contract refuses its size (no decoding, nothing kept).
    const huge = await dispatch('attachImage', { data: 'A'.repeat(28 * 1024 * 1024) });
    expect(huge.ok).toBe(false);
    if (!huge.ok) expect(huge.error.code).toBe('invalid_request');
    expect((await call<PendingImages>('listImages')).images).toHaveLength(4);
  });

  it('captures the screen from the shell; without a capturer it says so', async () => {
    let captures = 0;
    const { call } = await start({
      screenCapture: {
        capture: async () => {
          captures++;
          return pngWithAlpha;
        },
      },
    });
    expect((await call<PendingImages>('captureScreen')).images).toHaveLength(1);
    expect(captures).toBe(1);
    await core!.dispose();
    await sim!.close();
    core = sim = undefined;

    const without = await start();
    const refused = await without.dispatch('captureScreen');
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.error.code).toBe('unavailable');
      expect(refused.error.message).toMatch(/paste or drop an image/);
    }
  });
});
