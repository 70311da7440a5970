// Input level for the meter: RMS and peak in dBFS over fixed windows (~20 per second).
import type { InputLevel } from './types';

/** Silence floor: dBFS values never go below this (the contract carries finite numbers). */
export const silenceDbfs = -100;

const toDbfs = (value: number): number =>
  value > 0 ? Math.max(silenceDbfs, 20 * Math.log10(value)) : silenceDbfs;

export interface LevelMeter {
  /** Feed mono samples; calls `emit` once per completed window. */
  push(mono: Float32Array): void;
  reset(): void;
}

export function createLevelMeter(rate: number, emit: (level: InputLevel) => void, windowsPerSecond = 20) {
  const window = Math.max(1, Math.round(rate / windowsPerSecond));
  let count = 0;
  let sumSquares = 0;
  let peak = 0;
  const meter: LevelMeter = {
    push(mono) {
      for (let i = 0; i < mono.length; i++) {
        const s = mono[i]!;
        sumSquares += s * s;
        const a = s < 0 ? -s : s;
        if (a > peak) peak = a;
        if (++count === window) {
          emit({ rmsDbfs: toDbfs(Math.sqrt(sumSquares / window)), peakDbfs: toDbfs(peak) });
          count = 0;
          sumSquares = 0;
          peak = 0;
        }
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
