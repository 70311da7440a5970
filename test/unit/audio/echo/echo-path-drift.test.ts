// The adaptive filter alone against an echo path that slides in time (the speaker's and the microphone's
// clocks differ), with and without the drift follower: real speech at 24 kHz through a short loopback,
// read later and later. Without the follower the filter's cancellation collapses; with it, it holds.
import { describe, expect, it } from 'vitest';
import { echoScene } from '../../../../bench/lib/echo-scene';
import { EchoPathDrift } from '../../../../src-main/core/audio/echo/echo-path-drift';
import { LinearEchoFilter } from '../../../../src-main/core/audio/echo/linear-echo-filter';
import { ResponseShift, shiftQuantum } from '../../../../src-main/core/audio/echo/response-shift';
import { RealFft } from '../../../../src-main/core/audio/echo/real-fft';
import { drifted } from './scenes';

const rate = 24_000;
const block = 256;
const partitions = 18;
const text =
  'The weather today is mostly sunny with a light breeze from the west. Later this afternoon, clouds ' +
  'will gather over the hills, and there is a small chance of rain in the evening.';

/** The filter's own cancellation (dB) over the last 3 s of speech, the echo sliding `ppm` later. */
function linearErle(ppm: number, follow: boolean): { erle: number; ppm: number } {
  const s = echoScene({ rate, farText: text, delayMs: 80, rt60Sec: 0.02, echoGainDb: -9, noiseDbfs: -90 });
  const late = drifted(s.echo, ppm);
  const mic = s.mic.map((v, i) => v - s.echo[i]! + late[i]!);
  const filter = new LinearEchoFilter(partitions, block, rate);
  const drift = new EchoPathDrift(partitions, block);
  const from = s.echoSpan[1] - 3 * rate;
  let micEnergy = 0;
  let errorEnergy = 0;
  for (let at = 0; at + block <= mic.length; at += block) {
    const far = s.far.subarray(at, at + block);
    let farEnergy = 0;
    for (const v of far) farEnergy += v * v;
    const active = farEnergy / block > 1e-5;
    const result = filter.process(far, mic.subarray(at, at + block), active);
    if (follow) drift.afterBlock(filter, result, active);
    if (at < from || at >= s.echoSpan[1]) continue;
    for (let i = 0; i < block; i++) {
      micEnergy += mic[at + i]! ** 2;
      errorEnergy += result.error[i]! ** 2;
    }
  }
  return { erle: 10 * Math.log10(micEnergy / errorEnergy), ppm: drift.ppm };
}

describe('following the echo path as the clocks drift', () => {
  it('measures the drift and keeps the filter cancelling (220 ppm, as on the PulseAudio rig)', () => {
    const still = linearErle(0, false);
    const lost = linearErle(220, false);
    const followed = linearErle(220, true);
    // Measured: 25.5 dB with no drift; 3.6 dB drifting; 23.6 dB drifting with the follower, which reads 220 ppm.
    expect(lost.erle).toBeLessThan(still.erle - 10);
    expect(followed.erle).toBeGreaterThan(still.erle - 5);
    expect(followed.ppm).toBeGreaterThan(190);
    expect(followed.ppm).toBeLessThan(250);
  });

  it('follows a drift the other way, and leaves a still path alone', () => {
    // Measured: −150 ppm read as −150, 24.5 dB; no drift read as −2 ppm, 25.2 dB (25.5 without the follower).
    const sooner = linearErle(-150, true);
    expect(sooner.ppm).toBeGreaterThan(-180);
    expect(sooner.ppm).toBeLessThan(-120);
    const still = linearErle(0, true);
    expect(Math.abs(still.ppm)).toBeLessThan(30);
    expect(still.erle).toBeGreaterThan(linearErle(0, false).erle - 2);
  });
});

describe('moving the learnt response', () => {
  /** A response spread over the partitions: a decaying random tail from sample 1000 on. */
  const response = () => {
    let seed = 3;
    const out = new Float64Array(partitions * block);
    for (let i = 1000; i < 3000; i++) {
      seed = (seed * 16807) % 2147483647;
      out[i] = (seed / 2147483647 - 0.5) * Math.exp(-(i - 1000) / 300);
    }
    return out;
  };
  const fft = new RealFft(2 * block);
  const toSpectra = (h: Float64Array) =>
    Array.from({ length: partitions }, (_, p) => {
      const frame = new Float64Array(2 * block);
      frame.set(h.subarray(p * block, (p + 1) * block));
      const out = new Float64Array(2 * fft.bins);
      fft.forward(frame, out);
      return out;
    });
  const toTime = (spectra: Float64Array[]) => {
    const out = new Float64Array(partitions * block);
    const frame = new Float64Array(2 * block);
    spectra.forEach((W, p) => {
      fft.inverse(W, frame);
      out.set(frame.subarray(0, block), p * block);
    });
    return out;
  };

  it('moves it whole samples exactly, across the partitions, a quantum at a time', () => {
    const h = response();
    const spectra = toSpectra(h);
    const shift = new ResponseShift(partitions, block);
    shift.move(spectra, 3 / shiftQuantum); // three samples later, in eighths
    const moved = toTime(spectra);
    let worst = 0;
    for (let i = 0; i < h.length; i++) worst = Math.max(worst, Math.abs(moved[i]! - (h[i - 3] ?? 0)));
    expect(worst).toBeLessThan(1e-9);
  });

  it('comes back to where it was after a move there and back', () => {
    const h = response();
    const spectra = toSpectra(h);
    const shift = new ResponseShift(partitions, block);
    shift.move(spectra, 5);
    expect(toTime(spectra)).not.toEqual(h);
    shift.move(spectra, -5);
    const back = toTime(spectra);
    let worst = 0;
    for (let i = 0; i < h.length; i++) worst = Math.max(worst, Math.abs(back[i]! - h[i]!));
    expect(worst).toBeLessThan(1e-9);
  });
});
