// Builds the canceller for a mode. `on` that cannot start (a rate it cannot cut into 10 ms frames, or any
// other failure to build it) falls back to half-duplex with a notice; so does `on` that finds a delay it
// cannot follow, at run time, keeping the latency it announced so the capture path's timing does not jump.
import { createAdaptiveCanceller } from './adaptive-canceller';
import { maxDelayMs } from './constants';
import { createHalfDuplexCanceller } from './half-duplex';
import { createPassthroughCanceller } from './passthrough';
import type { EchoCanceller, EchoCancellerOptions, EchoCancelMode } from './types';

export interface CreateEchoCancellerOptions extends EchoCancellerOptions {
  /** Builds the `on` canceller (tests inject a failing one). */
  build?: typeof createAdaptiveCanceller;
}

export interface CreatedEchoCanceller {
  canceller: EchoCanceller;
  /** The mode in force: `half-duplex` when `on` could not start. */
  mode: EchoCancelMode;
  /** Why the mode is not the one asked for: one human line for the status. */
  notice?: string;
}

const halfDuplexNote = 'the microphone is muted while the assistant speaks (half-duplex; interrupt by key)';

export async function createEchoCanceller(
  mode: EchoCancelMode,
  options: CreateEchoCancellerOptions,
): Promise<CreatedEchoCanceller> {
  const delayMs = options.knownDelayMs;
  if (mode === 'off') return { canceller: createPassthroughCanceller({ ...options, delayMs }), mode };
  if (mode === 'half-duplex') return { canceller: createHalfDuplexCanceller({ ...options, delayMs }), mode };
  try {
    const build = options.build ?? createAdaptiveCanceller;
    return { canceller: withRuntimeFallback(options, (hooks) => build(options, hooks)), mode };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    options.log?.(`echo: the canceller could not start: ${reason}`);
    return {
      canceller: createHalfDuplexCanceller({ ...options, delayMs }),
      mode: 'half-duplex',
      notice: `Echo cancellation could not start (${reason}): ${halfDuplexNote}.`,
    };
  }
}

/** The adaptive canceller, replaced by half-duplex the first time it reports a delay it cannot follow. */
function withRuntimeFallback(
  options: EchoCancellerOptions,
  make: (hooks: { onCannotConverge(delayMs: number): void }) => EchoCanceller,
): EchoCanceller {
  let fallen: EchoCanceller | undefined;
  const aec = make({
    onCannotConverge(delayMs) {
      if (fallen) return;
      fallen = createHalfDuplexCanceller({ ...options, delayMs, latencySamples: aec.latencySamples });
      options.onNotice?.(
        `Echo cancellation cannot converge: the speaker's sound returns ${Math.round(delayMs)} ms late, ` +
          `over the ${maxDelayMs} ms it follows; ${halfDuplexNote}.`,
      );
    },
  });
  const current = () => fallen ?? aec;
  return {
    get mode() {
      return current().mode;
    },
    latencySamples: aec.latencySamples,
    farEnd: (samples) => current().farEnd(samples),
    process: (near) => current().process(near),
    farEndActive: () => current().farEndActive(),
    reset() {
      // A new device or conversation: the delay may be different now, so the canceller gets another chance.
      fallen = undefined;
      aec.reset();
    },
    dispose: () => aec.dispose(),
  };
}
