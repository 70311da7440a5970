// `off`: the microphone as it is. Still tracks the far end, so the caller can tell when the assistant is
// audible (e.g. to log self-interruptions).
import { audibleHoldMs, createFarEndActivity } from './far-end-activity';
import type { EchoCanceller } from './types';

export function createPassthroughCanceller(options: {
  captureRate: number;
  renderRate: number;
  delayMs?: number;
}): EchoCanceller {
  const activity = createFarEndActivity(options);
  const holdMs = audibleHoldMs(options.delayMs);
  return {
    mode: 'off',
    latencySamples: 0,
    farEnd: (samples) => activity.far(samples),
    process(near) {
      activity.near(near.length);
      return near.slice();
    },
    farEndActive: () => activity.active(holdMs),
    reset: () => activity.reset(),
    dispose() {},
  };
}
