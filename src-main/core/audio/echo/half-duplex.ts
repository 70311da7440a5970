// Half-duplex: no cancellation; the microphone is silenced while the assistant is audible, that is from
// its first loud far-end window until the echo's delay plus a hang after its last one. The user can only
// interrupt by key. Also where `on` falls back when it cannot start or cannot follow the delay.
import { audibleHoldMs, createFarEndActivity } from './far-end-activity';
import { SampleQueue } from './sample-queue';
import type { EchoCanceller } from './types';

export function createHalfDuplexCanceller(options: {
  captureRate: number;
  renderRate: number;
  /** The speaker → microphone delay: the gate stays shut this long (plus the hang) after the far end. */
  delayMs?: number;
  /**
   * Delays the microphone by this many samples, so that a canceller that falls back here keeps the
   * latency it announced.
   */
  latencySamples?: number;
}): EchoCanceller {
  const activity = createFarEndActivity(options);
  const holdMs = audibleHoldMs(options.delayMs);
  const latencySamples = options.latencySamples ?? 0;
  const delay = new SampleQueue();
  delay.pushZeros(latencySamples);

  return {
    mode: 'half-duplex',
    latencySamples,
    farEnd: (samples) => activity.far(samples),
    process(near) {
      const gated = activity.active(holdMs);
      activity.near(near.length);
      const out = new Float32Array(near.length);
      if (latencySamples === 0) {
        if (!gated) out.set(near);
        return out;
      }
      delay.push(near);
      delay.shift(near.length, out);
      if (gated) out.fill(0);
      return out;
    },
    farEndActive: () => activity.active(holdMs),
    reset() {
      activity.reset();
      delay.clear();
      delay.pushZeros(latencySamples);
    },
    dispose() {},
  };
}
