// The echo path between the devices: untouched while not listening (or off), the real adaptive canceller while
// listening hands-free (fed the speaker's blocks as written, the silence of a quiet speaker filled in), and
// half-duplex silencing the microphone while the assistant is audible. Real speech through the simulated room.
import { describe, expect, it } from 'vitest';
import { createEchoPath } from '../../../../src-main/core/audio/echo-path';
import type { EchoCancelMode } from '../../../../src-preload/contract';
import { rate, scene } from './scenes';

const block = rate / 100; // 10 ms, as the devices deliver
const energy = (samples: Float32Array, from = 0, to = samples.length) => {
  let sum = 0;
  for (let i = from; i < to; i++) sum += samples[i]! ** 2;
  return sum;
};

/** Runs a scene through a path in 10 ms blocks on a simulated clock; returns what the microphone sent. */
async function run(mode: EchoCancelMode, engaged: boolean, speakerWrites = true) {
  const s = scene();
  let clock = 0;
  const notices: string[] = [];
  const path = createEchoPath({ mode: () => mode, notify: (n) => notices.push(n), now: () => clock });
  path.setEngaged(engaged);
  // The canceller starts asynchronously: the first block starts it, the path passes audio until it is ready.
  path.near(new Float32Array(block), rate);
  await new Promise((resolve) => setTimeout(resolve, 500));
  const out = new Float32Array(s.mic.length);
  const same: boolean[] = [];
  for (let at = 0; at + block <= s.mic.length; at += block) {
    clock += 10;
    if (speakerWrites) path.far(s.far.subarray(at, at + block), rate);
    const near = s.mic.slice(at, at + block);
    const cleaned = path.near(near, rate);
    same.push(cleaned === near);
    out.set(cleaned, at);
  }
  path.dispose();
  return { s, out, same, notices, mode: path.mode() };
}

describe('the echo path', () => {
  it('leaves the microphone untouched while not listening, and with echo cancellation off', async () => {
    for (const [mode, engaged] of [
      ['on', false],
      ['off', true],
    ] as const) {
      const { same } = await run(mode, engaged);
      expect(same.every(Boolean)).toBe(true);
    }
  });

  it('listening with echo cancellation on: the echo after the first second is over 20 dB down', async () => {
    const { s, out, notices } = await run('on', true);
    const from = s.echoSpan[0] + rate;
    const to = s.echoSpan[1];
    const erle = 10 * Math.log10(energy(s.echo, from, to) / energy(out, from, to));
    expect(erle).toBeGreaterThan(20);
    expect(notices).toEqual([]);
  });

  it('half-duplex silences the microphone while the assistant is audible', async () => {
    const { s, out } = await run('half-duplex', true);
    const mid = s.echoSpan[0] + rate;
    expect(energy(out, mid, mid + rate)).toBe(0);
    expect(energy(s.mic, mid, mid + rate)).toBeGreaterThan(0);
  });

  it('a quiet speaker writes nothing: its silence is filled in, and the user is heard', async () => {
    const { s, out } = await run('on', true, false);
    // No far end at all: nothing to cancel, the microphone's speech comes through (after the canceller's latency).
    const from = s.echoSpan[0] + rate;
    const kept = energy(out, from, s.echoSpan[1]) / energy(s.mic, from, s.echoSpan[1]);
    expect(kept).toBeGreaterThan(0.5);
  });
});
