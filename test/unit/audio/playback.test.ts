// Jitter buffer and paced sink with a test clock: target before start, underrun counting, bounded size,
// played-time accounting, barge-in stop, drain; WAV sink and WAV source round trip.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { JitterBuffer } from '../../../src-main/core/audio/jitter-buffer';
import { createPacedSink, type BlockWriter } from '../../../src-main/core/audio/paced-sink';
import { parseWav, wavHeader } from '../../../src-main/core/audio/wav';
import { createWavFileSink } from '../../../src-main/core/audio/wav-sink';
import { createWavFileSource } from '../../../src-main/core/audio/wav-source';

/** A device that takes one block per tick() — the test decides when time passes. */
function manualDevice() {
  const blocks: Buffer[] = [];
  let pending: (() => void) | undefined;
  const writer: BlockWriter = {
    write: (block) =>
      new Promise<void>((resolve) => {
        blocks.push(Buffer.from(block));
        pending = resolve;
      }),
    close: async () => pending?.(),
  };
  const tick = async (n = 1) => {
    for (let i = 0; i < n; i++) {
      const p = pending;
      pending = undefined;
      p?.();
      await new Promise((r) => setImmediate(r));
    }
  };
  return { writer, blocks, tick };
}

/**
 * A device whose queue holds `depth` blocks, as naudiodon's does with `maxQueue: depth`: a write resolves once
 * the block is queued, which waits while the queue is full; tick() takes the oldest queued block.
 */
function queuedDevice(depth: number) {
  const queue: Buffer[] = [];
  const taken: Buffer[] = [];
  const waiting: { block: Buffer; resolve: () => void }[] = [];
  const admit = () => {
    while (queue.length < depth && waiting.length) {
      const next = waiting.shift()!;
      queue.push(next.block);
      next.resolve();
    }
  };
  const writer: BlockWriter = {
    write: (block) =>
      new Promise<void>((resolve) => {
        waiting.push({ block: Buffer.from(block), resolve });
        admit();
      }),
    close: async () => waiting.forEach((w) => w.resolve()),
  };
  const settle = () => new Promise((r) => setImmediate(r));
  const tick = async (n = 1) => {
    for (let i = 0; i < n; i++) {
      await settle();
      const block = queue.shift();
      if (block) taken.push(block);
      admit();
      await settle();
    }
  };
  return { writer, taken, tick, settle, queued: () => queue.length };
}

const pcm = (ms: number, value = 1000) => {
  const b = Buffer.alloc(ms * 48);
  for (let i = 0; i < b.length; i += 2) b.writeInt16LE(value, i);
  return b;
};

describe('jitter buffer', () => {
  it('waits for the target, counts underruns, and refuses audio beyond the cap', () => {
    const jb = new JitterBuffer({ rate: 1000, targetMs: 30, maxMs: 100 });
    const out = new Int16Array(10);
    jb.push(new Int16Array(20).fill(1));
    expect(jb.read(out)).toBe(0); // below target
    jb.push(new Int16Array(15).fill(1));
    expect(jb.read(out)).toBe(10);
    expect(jb.read(out)).toBe(10);
    expect(jb.read(out)).toBe(10);
    expect(jb.read(out)).toBe(5); // ran dry mid-utterance
    expect(jb.stats().underruns).toBe(1);
    expect(jb.push(new Int16Array(130))).toBe(30);
    expect(jb.stats()).toMatchObject({ droppedMs: 30, queuedMs: 100 });
    jb.clear();
    jb.push(new Int16Array(5).fill(1));
    jb.markComplete();
    expect(jb.read(out)).toBe(5); // a complete short utterance plays at once, no underrun
    expect(jb.stats().underruns).toBe(1);
  });
});

describe('paced sink', () => {
  it('counts played time only for blocks the device has taken, and stops at once', async () => {
    const device = manualDevice();
    const sink = createPacedSink({
      format: 'audio/pcm',
      deviceRate: 24_000,
      deviceChannels: 2,
      writer: device.writer,
      targetMs: 20,
    });
    sink.write(pcm(100));
    expect(sink.isPlaying()).toBe(true);
    await device.tick(3); // blocks 1-3 handed over; blocks 1-2 taken
    expect(sink.playedMs()).toBe(10); // the first block went out before the audio arrived: silence
    await device.tick(4);
    expect(sink.playedMs()).toBe(50);
    const played = sink.stop();
    expect(played).toBe(50);
    expect(sink.playedMs()).toBe(0);
    await device.tick(3);
    // After stop: at most the two blocks already handed over carry audio, then silence.
    const last = device.blocks.slice(-2);
    expect(last.every((b) => b.every((x) => x === 0))).toBe(true);
    expect(sink.isPlaying()).toBe(false);
    await sink.close();
  });

  it('with blocks queued ahead of the device, counts as played only what the device has taken', async () => {
    const device = queuedDevice(4);
    const sink = createPacedSink({
      format: 'audio/pcm',
      deviceRate: 24_000,
      deviceChannels: 1,
      writer: device.writer,
      queueBlocks: 4,
      targetMs: 20,
    });
    await device.settle(); // the pump fills the queue with silence
    expect(device.queued()).toBe(4);
    sink.write(pcm(100));
    await device.tick(5); // the silence queued before the audio, and the block waiting to be queued
    expect(sink.playedMs()).toBe(0);
    await device.tick(3);
    expect(sink.playedMs()).toBe(30);
    // Taken = played: the audio blocks still in the queue are not counted yet.
    const loudTaken = device.taken.filter((b) => b.some((x) => x !== 0)).length;
    expect(loudTaken).toBe(3);
    expect(sink.stop()).toBe(30);
    // After stop: the four blocks queued and the one waiting still carry audio, then silence follows.
    await device.tick(4 + 1 + 2);
    const afterStop = device.taken.slice(-2);
    expect(afterStop.every((b) => b.every((x) => x === 0))).toBe(true);
    expect(sink.isPlaying()).toBe(false);
    await sink.close();
  });

  it('drain resolves when everything written has reached the device; playedMs never exceeds written', async () => {
    const device = manualDevice();
    const sink = createPacedSink({
      format: 'audio/pcm',
      deviceRate: 48_000,
      deviceChannels: 1,
      writer: device.writer,
    });
    sink.resetPlayed();
    sink.write(pcm(35));
    let drained = false;
    void sink.drain().then(() => (drained = true));
    await device.tick(3);
    expect(drained).toBe(false);
    await device.tick(4);
    expect(drained).toBe(true);
    expect(sink.playedMs()).toBe(35);
    expect(sink.stats().underruns).toBe(0);
    await sink.close();
  });
});

describe('WAV files', () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('WAV sink writes 24 kHz mono PCM16; WAV source reads it back through the capture chain unchanged', async () => {
    dir = mkdtempSync(join(tmpdir(), 'wav-'));
    const path = join(dir, 'reply.wav');
    const sink = createWavFileSink(path, 'audio/pcm');
    const audio = Buffer.alloc(24_000 * 2);
    for (let i = 0; i < 24_000; i++) audio.writeInt16LE(Math.round(8000 * Math.sin(i / 7)), i * 2);
    sink.write(audio.subarray(0, 1001));
    sink.write(audio.subarray(1001));
    expect(sink.playedMs()).toBe(1000);
    await sink.close();
    const file = readFileSync(path);
    expect(file.subarray(0, 44).equals(wavHeader(24_000, 1, audio.length))).toBe(true);
    expect(file.subarray(44).equals(audio)).toBe(true);
    expect(parseWav(file)).toMatchObject({ rate: 24_000, channels: 1 });

    const source = createWavFileSource({ path, format: 'audio/pcm' });
    const chunks: Buffer[] = [];
    source.onChunk((c) => chunks.push(c.data));
    await source.start();
    await source.done;
    expect(chunks.slice(0, -1).every((c) => c.length === 960)).toBe(true);
    expect(Buffer.concat(chunks).equals(audio)).toBe(true);
  });
});
