// Input level for the meter: RMS and peak in dBFS over fixed windows (~20 per second).
import type { InputLevel } from './types';

/** Silence floor: dBFS values never go below this (the contract carries finite numbers). */
export const silenceDbfs = -100;

const toDbfs = (value: number): number =>
  value > 0 ? Math.max(silenceDbfs, 20 * Math.log10(value)) : silenceDbfs;

export interface LevelMeter {
  /** Feed mono samples (`from`..`to` of `mono`, default all); calls `emit` once per completed window. */
  push(mono: Float32Array | Float64Array, from?: number, to?: number): void;
  /** Samples still needed to complete the current window: a caller summing itself stays within it. */
  room(): number;
  /** Adds `n` samples summed by the caller (Σs², max|s|), at most `room()` of them. */
  add(sumSquares: number, peak: number, n: number): void;
  reset(): void;
}

export function createLevelMeter(rate: number, emit: (level: InputLevel) => void, windowsPerSecond = 20) {
  const window = Math.max(1, Math.round(rate / windowsPerSecond));
  let count = 0;
  let sumSquares = 0;
  let peak = 0;
  const meter: LevelMeter = {
    push(mono, from = 0, to = mono.length) {
      // Runs to the next window boundary at a time, so the inner loop is just square-add and max
      // (the per-sample window check used to cost as much as the rest of the capture chain's downmix).
      for (let i = from; i < to;) {
        const stop = Math.min(to, i + window - count);
        let sum = 0;
        let max = 0;
        for (let j = i; j < stop; j++) {
          const s = mono[j]!;
          sum += s * s;
          const a = Math.abs(s);
          if (a > max) max = a;
        }
        meter.add(sum, max, stop - i);
        i = stop;
      }
    },
    room: () => window - count,
    add(sum, max, n) {
      sumSquares += sum;
      if (max > peak) peak = max;
      count += n;
      if (count === window) {
        emit({ rmsDbfs: toDbfs(Math.sqrt(sumSquares / window)), peakDbfs: toDbfs(peak) });
        count = 0;
        sumSquares = 0;
        peak = 0;
      }
    },
    reset() {
      count = 0;
      sumSquares = 0;
      peak = 0;
    },
  };
  return meter;
}
