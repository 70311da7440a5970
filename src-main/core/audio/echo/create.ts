// Builds the canceller for a mode. `on` that cannot start (the WebAssembly fails to load, a rate AEC3 cannot
// frame) falls back to half-duplex with a notice; so does `on` that finds a delay it cannot follow, at run
// time, keeping the latency it announced so the capture path's timing does not jump.
import { loadAec3, type Aec3Loader } from './aec3-loader';
import { createAec3Canceller } from './aec3-canceller';
import { maxDelayMs } from './constants';
import { createHalfDuplexCanceller } from './half-duplex';
import { createPassthroughCanceller } from './passthrough';
import type { EchoCanceller, EchoCancellerOptions, EchoCancelMode } from './types';

export interface CreateEchoCancellerOptions extends EchoCancellerOptions {
  /** Where AEC3 comes from (tests inject a failing one). */
  loader?: Aec3Loader;
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
    const module = await (options.loader ?? loadAec3)();
    return {
      canceller: withRuntimeFallback(options, (hooks) => createAec3Canceller(module, options, hooks)),
      mode,
    };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    options.log?.(`echo: AEC3 could not start: ${reason}`);
    return {
      canceller: createHalfDuplexCanceller({ ...options, delayMs }),
      mode: 'half-duplex',
      notice: `Echo cancellation could not start (${reason}): ${halfDuplexNote}.`,
    };
  }
}

/** The AEC3 canceller, replaced by half-duplex the first time it reports a delay it cannot follow. */
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
      // A new device or conversation: the delay may be different now, so AEC3 gets another chance.
      fallen = undefined;
      aec.reset();
    },
    dispose: () => aec.dispose(),
  };
}
