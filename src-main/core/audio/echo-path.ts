// Where the echo canceller (core/audio/echo) meets the devices: the speaker sink hands over every block it
// writes (the far end), the microphone source runs every block through `near` before its capture chain. It is
// engaged only while hands-free listening is on (push-to-talk stops the speaker with the key, so there is
// no echo to remove), in the mode the settings choose; off, the microphone's samples pass untouched.
//
// The canceller pairs the two streams on their sample clocks, which must both run in real time. Until the
// speaker opens (its first reply), and whenever it writes nothing, the far end is filled with the silence it
// would have written. What the canceller still leaks while the assistant is audible is gated
// (echo/residual-gate.ts).
// A canceller that cannot start (or later cannot follow the delay) falls back to half-duplex, told once.
import type { EchoCancelMode } from '../../../src-preload/contract';
import { createEchoCanceller, type CreatedEchoCanceller, type EchoCanceller } from './echo';
import { createResidualGate, type ResidualGate } from './echo/residual-gate';

export interface EchoPathOptions {
  mode: () => EchoCancelMode;
  notify: (message: string) => void;
  log?: (line: string) => void;
  /**
   * The speaker is idle (its far end is silence) when it wrote nothing for this long (default 100 ms). Longer
   * than the event loop may stall while the device plays on from its queue (device-sink.ts: 4 blocks ride
   * out about 60 ms): filling in silence for a stall the device rode out would shift the far end against
   * the microphone by as much, and the canceller would lose the echo path.
   */
  idleMs?: number;
  /** The clock (tests). */
  now?: () => number;
}

export interface EchoPath {
  /** Microphone block, mono float at `rate`: the same samples, or as many with the echo removed. */
  near(samples: Float32Array, rate: number): Float32Array;
  /** Speaker block, mono float at `rate`, as written to the device. */
  far(samples: Float32Array, rate: number): void;
  /** Listening on or off: the canceller runs only while it is on (and starts fresh each time). */
  setEngaged(on: boolean): void;
  /** The mode in force now ('off' while not engaged); for the status and tests. */
  mode(): EchoCancelMode;
  dispose(): void;
}

interface Running {
  canceller: EchoCanceller;
  mode: EchoCancelMode;
  captureRate: number;
  renderRate: number;
  /** Samples seen on each side since it started: the far end is kept level with the microphone. */
  nearSamples: number;
  farSamples: number;
  /** The canceller's leaks silenced while the assistant is audible (made with the first block). */
  gate?: ResidualGate;
}

export function createEchoPath(options: EchoPathOptions): EchoPath {
  const now = options.now ?? (() => performance.now());
  const idleMs = options.idleMs ?? 100;
  let engaged = false;
  let running: Running | undefined;
  let starting: { key: string; created: Promise<CreatedEchoCanceller> } | undefined;
  let renderRate: number | undefined;
  let lastFarAt = -Infinity;
  let told = false;
  const tell = (notice: string) => {
    if (told) return;
    told = true;
    options.notify(notice);
  };

  const stop = () => {
    running?.canceller.dispose();
    running = undefined;
    starting = undefined;
  };

  /** Starts (asynchronously) a canceller for these rates and the mode asked for. */
  const start = (captureRate: number, render: number, mode: EchoCancelMode) => {
    const key = `${mode}:${captureRate}:${render}`;
    if (starting?.key === key) return;
    const created = createEchoCanceller(mode, {
      captureRate,
      renderRate: render,
      log: options.log,
      onNotice: tell,
    });
    starting = { key, created };
    void created.then(
      (made) => {
        if (starting?.created !== created || !engaged) return made.canceller.dispose();
        running?.canceller.dispose();
        running = { ...made, captureRate, renderRate: render, nearSamples: 0, farSamples: 0 };
        if (made.notice) tell(made.notice);
      },
      (error: unknown) => {
        options.log?.(`echo: the canceller could not start: ${String(error)}`);
        tell(`Echo cancellation could not start: ${(error as Error).message}`);
      },
    );
  };

  return {
    near(samples, rate) {
      const wanted = options.mode();
      if (!engaged || wanted === 'off') return samples;
      const render = renderRate ?? rate;
      if (
        !running ||
        running.captureRate !== rate ||
        running.renderRate !== render ||
        (running.mode !== wanted && !(wanted === 'on' && running.mode === 'half-duplex'))
      ) {
        start(rate, render, wanted);
        // Until it is ready (the first block or two of listening) the microphone passes as it is.
        if (!running || running.captureRate !== rate) return samples;
      }
      const r = running;
      r.nearSamples += samples.length;
      // A quiet speaker: the far end is the silence it would have written, up to the microphone's time.
      if (now() - lastFarAt > idleMs) {
        const due = Math.round((r.nearSamples * r.renderRate) / r.captureRate) - r.farSamples;
        if (due > 0) {
          r.canceller.farEnd(new Float32Array(due));
          r.farSamples += due;
        }
      }
      const cleaned = r.canceller.process(samples);
      if (r.canceller.mode !== 'on') return cleaned;
      r.gate ??= createResidualGate(r.canceller.latencySamples, samples.length, r.captureRate);
      return r.gate.apply(samples, cleaned, r.canceller.farEndActive());
    },
    far(samples, rate) {
      lastFarAt = now();
      renderRate = rate;
      if (!engaged || !running) return;
      if (running.renderRate !== rate) return; // the next microphone block starts one for this rate
      running.canceller.farEnd(samples);
      running.farSamples += samples.length;
    },
    setEngaged(on) {
      if (on === engaged) return;
      engaged = on;
      told = false;
      stop();
    },
    mode: () => (engaged && running ? running.canceller.mode : 'off'),
    dispose: stop,
  };
}
