// Real PortAudio through PulseAudio null sinks (real-time): a 2 s capture takes about 2 s, and assistant
// audio played comes out of the speaker's monitor matching what was sent (every loud
// 100 ms window found in the recording, at the right speed).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bestLagCorrelation } from '../../../bench/lib/echo-metrics';
import { createDeviceSink } from '../../../src-main/core/audio/device-sink';
import { createDeviceSource } from '../../../src-main/core/audio/device-source';
import { createAudioService } from '../../../src-main/core/audio/audio-service';
import { createEventBus } from '../../../src-main/core/ipc/event-bus';
import { startPulseRig, type PulseRig } from '../../support/audio-rigs/pulse-rig';
import { speechWav, wavToRaw } from '../../support/audio-rigs/speech';

/** One 100 ms window of what was sent, where it was found in the recording and how well it matched. */
interface WindowMatch {
  at: number; // sample in `sent`
  lag: number; // samples later in `got`
  correlation: number;
}

/**
 * Finds each loud 100 ms window of `sent` in `got` on its own, within `around` ± `range` samples of lag.
 * Window by window rather than the whole signal at one lag: a one-block underrun of the device (the output is
 * kept deliberately shallow for barge-in, see device-sink.ts) shifts the rest of the recording by a few
 * milliseconds, which ruins a whole-signal correlation although every word came out intact.
 */
function matchWindows(sent: Float32Array, got: Float32Array, around: number, range: number): WindowMatch[] {
  const size = 2400; // 100 ms at 24 kHz
  const first = Math.max(0, around - range); // the earliest lag searched
  const searched = got.subarray(first);
  const matches: WindowMatch[] = [];
  for (let at = 0; at + size <= sent.length; at += size) {
    let energy = 0;
    for (let i = at; i < at + size; i++) energy += sent[i]! ** 2;
    if (energy < size * 150 ** 2) continue; // quiet: nothing to match
    const best = bestLagCorrelation(sent, searched, at, at + size, around + range - first);
    matches.push({ at, lag: best.lag + first, correlation: best.correlation });
  }
  return matches;
}

describe('PulseAudio null-sink rig (real time)', () => {
  let rig: PulseRig;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pulse-test-'));
    rig = await startPulseRig();
    Object.assign(process.env, rig.env);
  });
  afterAll(async () => {
    await rig?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a 2 s capture takes about 2 s', async () => {
    const mic = createDeviceSource({ format: 'audio/pcm', device: null });
    let bytes = 0;
    let first = 0;
    const done = new Promise<number>((resolve) =>
      mic.onChunk((chunk) => {
        if (bytes === 0) first = performance.now();
        bytes += chunk.data.length;
        if (bytes >= 2 * 48_000) resolve(performance.now());
      }),
    );
    const levels: number[] = [];
    mic.onLevel((level) => levels.push(level.rmsDbfs));
    await mic.start();
    const end = await done;
    await mic.stop();
    const seconds = (end - first) / 1000;
    // 2 s minus the first chunk; generous upper bound for a loaded 2-core machine.
    expect(seconds).toBeGreaterThan(1.7);
    expect(seconds).toBeLessThan(2.8);
    expect(levels.length).toBeGreaterThan(30); // ~20 Hz meter
  });

  it('the microphone test drives the meter, stops on request, and closes itself at its limit', async () => {
    const events = createEventBus();
    let levels = 0;
    events.on('inputLevel', () => levels++);
    const audio = createAudioService({
      events,
      inputDevice: () => null,
      outputDevice: () => null,
      // Longer than this rig's ~2 s capture start-up, so the limit is what ends the second test.
      micTestLimitMs: 4_000,
    });
    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

    const waitForLevel = async () => {
      // Opening through PulseAudio can take a moment before the first buffer arrives.
      for (let waited = 0; levels === 0 && waited < 5_000; waited += 50) await sleep(50);
    };
    expect(await audio.setMicTest(true)).toMatchObject({ on: true, device: expect.any(String) });
    await waitForLevel();
    const first = levels;
    await sleep(600);
    expect(levels - first).toBeGreaterThan(5); // ~20 Hz
    expect(await audio.setMicTest(false)).toEqual({ on: false });
    const afterStop = levels;
    await sleep(300);
    expect(levels).toBe(afterStop);

    // Forgotten test: it closes by itself.
    levels = 0;
    await audio.setMicTest(true);
    const opened = performance.now();
    await waitForLevel();
    expect(levels).toBeGreaterThan(0);
    await sleep(Math.max(0, 4_300 - (performance.now() - opened)));
    const atLimit = levels;
    await sleep(300);
    expect(levels).toBe(atLimit);
    await audio.close();
  });

  it('assistant audio comes out of the speaker monitor', async () => {
    const wav = speechWav(dir, 'The weather today is sunny with a light breeze.', 24_000, 1, 'reply');
    const reply = readFileSync(wavToRaw(wav));
    const sink = createDeviceSink({ format: 'audio/pcm', device: null });
    const recording = rig.recordSpeaker(24_000);
    await new Promise((r) => setTimeout(r, 300)); // parecord connected
    const started = performance.now();
    for (let at = 0; at < reply.length; at += 9600) sink.write(reply.subarray(at, at + 9600));
    await sink.drain();
    const elapsed = performance.now() - started;
    const played = sink.playedMs();
    await sink.close();
    await new Promise((r) => setTimeout(r, 300));
    const heard = await recording.stop();
    const replyMs = (reply.length / 48_000) * 1000;
    expect(elapsed).toBeGreaterThan(replyMs * 0.9); // real time, not faster
    expect(played).toBeLessThanOrEqual(replyMs);
    expect(played).toBeGreaterThan(replyMs - 1);
    const sent = Float32Array.from(new Int16Array(reply.buffer, reply.byteOffset, reply.length >> 1));
    const got = Float32Array.from(new Int16Array(heard.buffer, heard.byteOffset, heard.length >> 1));
    // Find the onset coarsely, then each window of the reply around it.
    const onset = got.findIndex((s) => Math.abs(s) > 300);
    const sentOnset = sent.findIndex((s) => Math.abs(s) > 300);
    expect(onset).toBeGreaterThanOrEqual(0);
    const windows = matchWindows(sent, got, onset - sentOnset, 1_500);
    const matched = windows.filter((w) => w.correlation >= 0.95);
    // How far the recording slipped against what was sent, between the first window and the last.
    const slipMs = Math.abs(windows.at(-1)!.lag - windows[0]!.lag) / 24;
    const report = windows.map((w) => `${w.at / 24}ms@${w.lag}:${w.correlation.toFixed(3)}`).join(' ');
    expect(windows.length, report).toBeGreaterThan(15);
    // The words come out intact (measured: every window ≥ 0.998 in a clean run; a run with a device underrun
    // loses the one window the gap falls in). A wrong rate, channel count or sample format fails every window.
    expect(matched.length / windows.length, report).toBeGreaterThanOrEqual(0.8);
    // At the right speed: a 44.1 kHz / 48 kHz mix-up would slip ≈ 200 ms over this reply; underruns seen on
    // this rig slipped 1–49 ms.
    expect(slipMs, report).toBeLessThan(60);
  });
});
