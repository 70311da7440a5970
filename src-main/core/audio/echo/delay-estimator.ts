// The speaker → microphone delay, measured: the far end's and the microphone's level envelopes (5 ms
// blocks) are cross-correlated over the last 2 s, at lags up to `searchDelayMs`, every half second. Levels
// rather than waveforms, because the speaker's clipping and the room change the waveform but keep its
// rhythm; the room's tail smears the echo's envelope late, so the peak is a few ms past the direct sound.
// It aligns the far end before the adaptive filter sees it (the filter spans 192 ms from there) and tells a
// delay it cannot follow from a missing echo.
import { framesPerSecond, searchDelayMs } from './constants';

export interface DelayEstimate {
  delayMs: number;
  /** Normalised correlation of the envelopes at that delay, 0..1. */
  correlation: number;
}

const blocksPerFrame = 2;
const blockMs = 1000 / framesPerSecond / blocksPerFrame;
const windowBlocks = 2000 / blockMs;
/** The first estimate comes after this much audio (the window is shorter until it is full). */
const firstBlocks = 1000 / blockMs;
const everyBlocks = 500 / blockMs;
const lagBlocks = searchDelayMs / blockMs;
/** Under this the peak is not trusted: noise, or double talk (0.4–0.6 measured while the user speaks). */
const minCorrelation = 0.6;
/** The far end must be speaking in this share of the window for its rhythm to mean anything. */
const minActiveShare = 0.25;

export interface DelayEstimator {
  /** One 10 ms frame of each side, paired in time. Returns a new estimate every half second, if confident. */
  push(far: Float32Array, near: Float32Array): DelayEstimate | undefined;
  reset(): void;
}

export function createDelayEstimator(): DelayEstimator {
  const history = windowBlocks + lagBlocks;
  const farEnv = new Float64Array(history); // ring, indexed by block number modulo history
  const nearEnv = new Float64Array(history);
  let blocks = 0;

  const envelope = (x: Float32Array, part: number): number => {
    const size = x.length / blocksPerFrame;
    let sum = 0;
    for (let i = Math.floor(part * size); i < Math.floor((part + 1) * size); i++) sum += x[i]! * x[i]!;
    return Math.sqrt(sum / size);
  };

  // The window (and the far end's past it is compared with) as straight arrays: no ring arithmetic in the
  // 80,000 multiply-adds of an estimate.
  const farLinear = new Float64Array(history);
  const nearLinear = new Float64Array(windowBlocks);
  const unroll = (ring: Float64Array, from: number, count: number, out: Float64Array) => {
    for (let i = 0; i < count; i++) out[i] = from + i < 0 ? 0 : ring[(from + i) % history]!;
  };

  const estimate = (): DelayEstimate | undefined => {
    // Before the window is full, a shorter one; lags reaching before the first block read zeros (nothing
    // was played then).
    const window = Math.min(windowBlocks, blocks);
    const start = blocks - window;
    // farLinear[lagBlocks + i] is the far end's block `start + i`: lag L reads from lagBlocks − L.
    unroll(farEnv, start - lagBlocks, window + lagBlocks, farLinear);
    unroll(nearEnv, start, window, nearLinear);
    let farMax = 0;
    let active = 0;
    for (let i = 0; i < window + lagBlocks; i++) farMax = Math.max(farMax, farLinear[i]!);
    for (let i = lagBlocks; i < window + lagBlocks; i++) if (farLinear[i]! > farMax * 0.05) active++;
    if (farMax === 0 || active < minActiveShare * window) return undefined;

    let nearMean = 0;
    for (let i = 0; i < window; i++) nearMean += nearLinear[i]!;
    nearMean /= window;
    let nearVar = 0;
    for (let i = 0; i < window; i++) nearVar += (nearLinear[i]! - nearMean) ** 2;

    let best: DelayEstimate | undefined;
    for (let lag = 0; lag <= lagBlocks; lag++) {
      const base = lagBlocks - lag;
      let farMean = 0;
      for (let i = 0; i < window; i++) farMean += farLinear[base + i]!;
      farMean /= window;
      let cross = 0;
      let farVar = 0;
      for (let i = 0; i < window; i++) {
        const f = farLinear[base + i]! - farMean;
        cross += (nearLinear[i]! - nearMean) * f;
        farVar += f * f;
      }
      const correlation = cross / Math.sqrt(nearVar * farVar || Infinity);
      if (!best || correlation > best.correlation) best = { delayMs: lag * blockMs, correlation };
    }
    return best && best.correlation >= minCorrelation ? best : undefined;
  };

  return {
    push(far, near) {
      for (let part = 0; part < blocksPerFrame; part++) {
        farEnv[blocks % history] = envelope(far, part);
        nearEnv[blocks % history] = envelope(near, part);
        blocks++;
      }
      if (blocks < firstBlocks || blocks % everyBlocks !== 0) return undefined;
      return estimate();
    },
    reset() {
      farEnv.fill(0);
      nearEnv.fill(0);
      blocks = 0;
    },
  };
}
