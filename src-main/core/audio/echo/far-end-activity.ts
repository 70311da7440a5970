// Whether the assistant is audible: the far end's level in 10 ms windows, held after the last loud window
// for as long as the caller says (the echo's delay plus a hang). Time since then is counted on both sample
// clocks (far end written, microphone processed) and the larger wins, so the hold ends even when one stream
// stops (playback idle without silence blocks, or the microphone closed).
import { farActiveDbfs, frameMs, hangMs } from './constants';

/** How long the assistant stays audible after its last loud window: its echo's delay plus the hang. */
export const audibleHoldMs = (delayMs: number | undefined): number => (delayMs ?? 0) + hangMs;

export interface FarEndActivity {
  far(samples: Float32Array): void;
  /** `count` microphone samples went by. */
  near(count: number): void;
  /** A loud window within the last `holdMs`. */
  active(holdMs: number): boolean;
  reset(): void;
}

export function createFarEndActivity(options: { renderRate: number; captureRate: number }): FarEndActivity {
  const { renderRate, captureRate } = options;
  const window = Math.max(1, Math.round((renderRate * frameMs) / 1000));
  const threshold = window * 10 ** (farActiveDbfs / 10); // energy of a window at the threshold level
  let sum = 0;
  let filled = 0;
  let sinceFar = Infinity; // ms since the last loud window, on the far end's clock
  let sinceNear = Infinity; // the same, on the microphone's clock

  return {
    far(samples) {
      for (let i = 0; i < samples.length; i++) {
        sum += samples[i]! * samples[i]!;
        if (++filled < window) continue;
        if (sum > threshold) sinceFar = sinceNear = 0;
        else sinceFar += frameMs;
        sum = 0;
        filled = 0;
      }
    },
    near(count) {
      sinceNear += (count * 1000) / captureRate;
    },
    active: (holdMs) => Math.max(sinceFar, sinceNear) < holdMs,
    reset() {
      sum = filled = 0;
      sinceFar = sinceNear = Infinity;
    },
  };
}
