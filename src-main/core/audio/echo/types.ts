// The echo canceller's seam (issue 13): the playback path hands it what it wrote to the speaker, the capture
// path runs every microphone block through it before resampling. Three modes, one interface, so the capture
// path never asks which one it has.

/** `on`: adaptive filter and suppressor (echo-core.ts); `half-duplex`: the microphone is silenced while the assistant is audible; `off`. */
export type { EchoCancelMode } from '../../../../src-preload/contract';
import type { EchoCancelMode } from '../../../../src-preload/contract';

export interface EchoCanceller {
  /** The mode in force now: `on` can fall back to `half-duplex` at run time (a delay it cannot follow). */
  readonly mode: EchoCancelMode;
  /**
   * How many samples (at the capture rate) `process` delays the microphone by: fixed for the canceller's
   * life, so a caller can subtract it from timing figures.
   */
  readonly latencySamples: number;
  /**
   * The samples just written to the speaker device (mono float32 at the device rate), in order, as written.
   * Call it for every block written, the silence written while idle included: the far end and the
   * microphone are paired by their sample clocks, which must both run in real time.
   */
  farEnd(samples: Float32Array): void;
  /**
   * Microphone samples (mono float32 at the capture rate): returns as many samples, with the echo removed,
   * `latencySamples` late. The returned array is the caller's (not reused).
   */
  process(near: Float32Array): Float32Array;
  /**
   * Whether the assistant is audible now: the far end was above −50 dBFS within the echo's delay plus a
   * 150 ms hang. For the half-duplex gate, voice barge-in decisions and diagnostics.
   */
  farEndActive(): boolean;
  /** Forgets the far end, the echo path and the delay (a new device or a new conversation). */
  reset(): void;
  dispose(): void;
}

export interface EchoCancellerOptions {
  /** Capture device rate (what `process` gets and returns). */
  captureRate: number;
  /** Playback device rate (what `farEnd` gets). */
  renderRate: number;
  /**
   * The speaker → microphone delay expected from the devices (output + input latency), if known: used to
   * align the far end before the delay estimator has measured it, and as the half-duplex hang's start.
   */
  knownDelayMs?: number;
  /** Diagnostics (delay estimates, fallbacks). */
  log?: (line: string) => void;
  /** A problem found at run time (e.g. a delay over 500 ms): one human line; the canceller has fallen back. */
  onNotice?: (notice: string) => void;
}
