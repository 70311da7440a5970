// The echo canceller against real speech through the benchmark's simulated room (bench/lib/echo-scene.ts):
// the adaptive canceller cancels, keeps the user's voice and its announced latency, follows the delay and gives up on one it
// cannot follow; half-duplex gates; off passes through; a canceller that cannot load falls back.
import { describe, expect, it } from 'vitest';
import { bestLagCorrelation, erleDb } from '../../../../bench/lib/echo-metrics';
import { echoFigures, runCanceller } from '../../../../bench/lib/echo-run';
import { rms } from '../../../../bench/lib/echo-scene';
import {
  createEchoCanceller,
  type CreateEchoCancellerOptions,
  type EchoCancelMode,
} from '../../../../src-main/core/audio/echo';
import { createResampler } from '../../../../src-main/core/audio/dsp/resampler';
import { delayChange, nearOnly, rate, scene } from './scenes';

const make = (mode: EchoCancelMode, extra: Partial<CreateEchoCancellerOptions> = {}) =>
  createEchoCanceller(mode, { captureRate: rate, renderRate: rate, ...extra });

/** The assistant's speech from its first loud sample to its last (espeak pads it with silence). */
const loudSpan = (far: Float32Array): [number, number] => {
  const loud = (v: number) => Math.abs(v) > 0.01;
  return [far.findIndex(loud), far.findLastIndex(loud) + 1];
};

describe('echo cancellation on (adaptive filter + suppressor)', () => {
  it('removes the echo from the first half second on, and more once converged', async () => {
    const { canceller, mode, notice } = await make('on');
    expect(mode).toBe('on');
    expect(notice).toBeUndefined();
    const s = scene();
    const figures = echoFigures(s, runCanceller(canceller, s), canceller.latencySamples);
    // Measured 32.6 dB converged and 41.9 dB in the first 500 ms (suppressor); no canceller scores 0.
    expect(figures.erleConverged).toBeGreaterThanOrEqual(25);
    expect(figures.erleFirst500ms).toBeGreaterThanOrEqual(15);
    canceller.dispose();
  });

  it('keeps the user speaking over the assistant', async () => {
    const { canceller } = await make('on');
    const s = scene({ near: true });
    const out = runCanceller(canceller, s);
    const { nearEndCorr } = echoFigures(s, out, canceller.latencySamples);
    // Measured 0.96 here, the user's level kept at 0.93 (no canceller: ≈ 0.7; AEC3: 0.75; a canceller that
    // mutes double talk: ≈ 0).
    expect(nearEndCorr).toBeGreaterThanOrEqual(0.9);
    const [from, to] = s.nearSpan;
    const L = canceller.latencySamples;
    expect(rms(out, from + L, to + L)).toBeGreaterThan(rms(s.near, from, to) * 0.4); // not gated away
    canceller.dispose();
  });

  it('leaves the user untouched when the assistant is silent (muted far end), at the latency announced', async () => {
    const { canceller } = await make('on');
    const s = nearOnly();
    const out = runCanceller(canceller, s);
    const [from, to] = s.nearSpan;
    const best = bestLagCorrelation(s.mic, out, from, to, canceller.latencySamples + 100);
    // Down to 24 kHz and back up: exactly the latency announced, the voice intact (measured 0.9999, −0.001 dB).
    expect(best.lag).toBe(canceller.latencySamples);
    expect(best.correlation).toBeGreaterThan(0.999);
    const L = canceller.latencySamples;
    expect(Math.abs(20 * Math.log10(rms(out, from + L, to + L) / rms(s.mic, from, to)))).toBeLessThan(1);
    expect(canceller.farEndActive()).toBe(false);
    canceller.dispose();
  });

  it('cancels with a 44.1 kHz microphone and a 48 kHz speaker (both go to 24 kHz)', async () => {
    const [captureRate, renderRate] = [44_100, 48_000];
    const { canceller } = await createEchoCanceller('on', { captureRate, renderRate });
    const s = scene({ rate: captureRate });
    const far = createResampler(captureRate, renderRate).process(s.far);
    const out = new Float32Array(s.mic.length);
    const [nearBlock, farBlock] = [captureRate / 100, renderRate / 100];
    for (let k = 0; k * nearBlock < s.mic.length; k++) {
      canceller.farEnd(far.subarray(k * farBlock, (k + 1) * farBlock));
      out.set(canceller.process(s.mic.subarray(k * nearBlock, (k + 1) * nearBlock)), k * nearBlock);
    }
    // Measured 31.4 dB converged, 41.8 dB in the first 500 ms.
    const figures = echoFigures(s, out, canceller.latencySamples);
    expect(figures.erleConverged).toBeGreaterThanOrEqual(20);
    expect(figures.erleFirst500ms).toBeGreaterThanOrEqual(15);
    canceller.dispose();
  });

  it('returns exactly as many samples as it gets, whatever the block sizes', async () => {
    const { canceller } = await make('on');
    const s = scene();
    let at = 0;
    for (const size of [1, 0, 479, 480, 481, 7 * 48, 2048, 13]) {
      canceller.farEnd(s.far.subarray(at, at + size));
      expect(canceller.process(s.mic.subarray(at, at + size)).length).toBe(size);
      at += size;
    }
    // 10 ms of reframing, and the core's: a 256-sample block at 24 kHz held, another for the suppressor's
    // overlap-add, and the resamplers' look-ahead: 34 ms in all.
    expect(canceller.latencySamples / rate).toBeGreaterThan(0.03);
    expect(canceller.latencySamples / rate).toBeLessThan(0.036);
    canceller.dispose();
  });

  it('says the assistant is audible while it speaks and for the hang after', async () => {
    const { canceller } = await make('on');
    const s = scene();
    const block = rate / 100;
    const seen: boolean[] = [];
    for (let at = 0; at < s.mic.length; at += block) {
      canceller.farEnd(s.far.subarray(at, at + block));
      canceller.process(s.mic.subarray(at, at + block));
      seen.push(canceller.farEndActive());
    }
    const blockOf = (sample: number) => Math.floor(sample / block);
    expect(seen[blockOf(s.farSpan[0]) - 5]).toBe(false);
    expect(seen[blockOf((s.farSpan[0] + s.farSpan[1]) / 2)]).toBe(true);
    expect(seen.at(-1)).toBe(false);
    canceller.dispose();
  });

  it('reports a 700 ms delay it cannot follow and falls back to half-duplex, without throwing', async () => {
    const notices: string[] = [];
    const { canceller } = await make('on', { onNotice: (n) => notices.push(n) });
    const s = scene({ delayMs: 700 });
    const out = runCanceller(canceller, s);
    expect(notices).toHaveLength(1);
    // The estimator's spread is about ±25 ms.
    const reported = Number(/cannot converge: .* returns (\d+) ms late/.exec(notices[0]!)?.[1]);
    expect(reported).toBeGreaterThan(650);
    expect(reported).toBeLessThan(750);
    expect(canceller.mode).toBe('half-duplex');
    // Once fallen back (the first estimate comes after 1 s), the echo is gated: the hang covers the
    // measured delay. Measured ≈ 36 dB; only the room's tail after the last word leaks.
    const [, loudEnd] = loudSpan(s.far);
    const from = s.echoSpan[0] + 2 * rate;
    expect(erleDb(s.mic, out, canceller.latencySamples, from, loudEnd + s.delaySamples)).toBeGreaterThan(25);
    // A new device or conversation gives the canceller another chance, at the same latency (then 36.8 dB).
    const latency = canceller.latencySamples;
    canceller.reset();
    expect(canceller.mode).toBe('on');
    const again = scene();
    const figures = echoFigures(again, runCanceller(canceller, again), canceller.latencySamples);
    expect(canceller.latencySamples).toBe(latency);
    expect(figures.erleConverged).toBeGreaterThanOrEqual(20);
    canceller.dispose();
  });

  it('follows a 300 ms delay', async () => {
    const notices: string[] = [];
    const { canceller } = await make('on', { onNotice: (n) => notices.push(n) });
    const s = scene({ delayMs: 300 });
    const figures = echoFigures(s, runCanceller(canceller, s), canceller.latencySamples);
    expect(notices).toEqual([]);
    expect(canceller.mode).toBe('on');
    expect(figures.erleConverged).toBeGreaterThanOrEqual(20);
    canceller.dispose();
  });

  it.each([
    [80, 200, 'the far end is realigned when it grows'],
    [200, 80, 'the far end is realigned when it shrinks'],
  ])('follows the delay when it changes (%i ms, then %i ms): %s', async (firstMs, secondMs) => {
    const logs: string[] = [];
    const { canceller } = await make('on', { log: (line) => logs.push(line) });
    const { scene: s, secondEcho } = delayChange(firstMs, secondMs);
    const out = runCanceller(canceller, s);
    expect(canceller.mode).toBe('on');
    // The estimate moves about 1.5 s after the change (median of three estimates, every 0.5 s).
    const reported = logs.flatMap((line) => /delay (\d+) ms/.exec(line)?.[1] ?? []).map(Number);
    expect(Math.abs(reported.at(-1)! - secondMs)).toBeLessThanOrEqual(30);
    const [, echoEnd] = s.echoSpan;
    // Measured 28.9 and 30.8 dB; a far end left 120 ms too late (the echo before it) leaves ≈ 2 dB.
    expect(erleDb(s.mic, out, canceller.latencySamples, secondEcho + 2 * rate, echoEnd)).toBeGreaterThan(20);
    canceller.dispose();
  });
});

describe('half-duplex', () => {
  it('silences the microphone while the assistant is audible and opens after the hang', async () => {
    const { canceller, mode } = await make('half-duplex', { knownDelayMs: 80 });
    expect(mode).toBe('half-duplex');
    const s = scene();
    const out = runCanceller(canceller, s);
    const [farFrom, farTo] = loudSpan(s.far);
    expect(rms(out, farFrom + rate / 100, farTo)).toBe(0); // gated from the first loud 10 ms on
    expect(erleDb(s.mic, out, 0, s.echoSpan[0], s.echoSpan[1])).toBeGreaterThan(40);
    // 80 ms delay + 150 ms hang after the last loud window: open again by 300 ms after the speech.
    const reopen = farTo + Math.round(0.3 * rate);
    expect(out.subarray(reopen)).toEqual(s.mic.subarray(reopen));
    expect(rms(out, 0, farFrom)).toBeGreaterThan(0); // open before the assistant speaks
  });
});

describe('off', () => {
  it('passes the microphone through unchanged', async () => {
    const { canceller, mode } = await make('off');
    expect(mode).toBe('off');
    expect(canceller.latencySamples).toBe(0);
    const s = scene({ near: true });
    expect(runCanceller(canceller, s)).toEqual(s.mic);
  });
});

describe('a canceller that cannot load', () => {
  it('falls back to half-duplex with a notice', async () => {
    const logs: string[] = [];
    const { canceller, mode, notice } = await make('on', {
      build: () => {
        throw new RangeError('Array buffer allocation failed');
      },
      log: (line) => logs.push(line),
    });
    expect(mode).toBe('half-duplex');
    expect(canceller.mode).toBe('half-duplex');
    expect(notice).toMatch(/could not start \(Array buffer allocation failed\).*half-duplex/);
    expect(logs.join('\n')).toMatch(/allocation failed/);
    const s = scene();
    const out = runCanceller(canceller, s);
    const [farFrom, farTo] = loudSpan(s.far);
    expect(rms(out, farFrom + rate / 100, farTo)).toBe(0);
  });

  it('falls back when a rate cannot be cut into 10 ms frames', async () => {
    const { mode, notice } = await createEchoCanceller('on', { captureRate: 22_050, renderRate: 48_000 });
    expect(mode).toBe('half-duplex');
    expect(notice).toMatch(/22050 Hz/);
  });
});
