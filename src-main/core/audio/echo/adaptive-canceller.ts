// `on`: our adaptive canceller (echo-core.ts), fed in 10 ms frames. The far end and the microphone are
// paired on their sample clocks (every microphone frame takes the far-end frame written at the same time),
// and the far end is delayed by the measured speaker → microphone delay less a lead, so that the filter's
// 192 ms span starts just before the echo and covers the room's tail.
import { framesPerSecond, maxDelayMs } from './constants';
import { createDelayEstimator } from './delay-estimator';
import { createEchoCore } from './echo-core';
import { audibleHoldMs, createFarEndActivity } from './far-end-activity';
import { SampleQueue } from './sample-queue';
import type { EchoCanceller, EchoCancellerOptions } from './types';

/**
 * The envelope estimator's peak sits this late, on average, behind the direct sound (the room's tail): 5–20 ms
 * over delays of 0–700 ms in the benchmark's room.
 */
const estimatorBiasMs = 15;
/**
 * How much sooner than the measured delay the filter's span starts, for the estimator's spread (±10 ms) and
 * for an echo that arrives sooner. Measured on the benchmark's room: 0–40 ms all meet the goals; 10 ms gave
 * the best converged figure.
 */
const leadMs = 10;
/** The first estimate moves the alignment (from 0 or the known delay) only when it differs by this much. */
const realignMs = 20;
/** After that, the alignment moves when the echo comes sooner than the span's start or late in the span. */
const minResidualMs = 0;
const maxResidualMs = 60;
/** The measured clock drift is logged when it has moved this far from the last figure logged. */
const driftLogPpm = 20;
/** An estimate this far past `maxDelayMs` is a delay we cannot follow (the estimator's spread is ±10 ms). */
const toleranceMs = 20;
/**
 * The far end is paired with the microphone this late, so that the two streams' block timing (10 ms
 * playback blocks, capture blocks of the device's size) never leaves a microphone frame without its far end.
 * The echo then looks this much sooner than it is: speaker → microphone delays under it (never seen through
 * PortAudio, whose output latency alone is longer) would put the echo before its reference.
 */
const jitterMs = 20;
/** Far end waiting beyond this (bursts, clock drift) is dropped down to `jitterMs`. */
const backlogMs = 60;
/** The furthest back the filter's far end is read: the longest delay followed, as the streams are paired. */
const maxAlignMs = maxDelayMs + toleranceMs - jitterMs;

export interface AdaptiveCancellerHooks {
  /** The delay is over `maxDelayMs`: the caller should fall back. */
  onCannotConverge(delayMs: number): void;
}

export function createAdaptiveCanceller(
  options: EchoCancellerOptions,
  hooks: AdaptiveCancellerHooks,
): EchoCanceller {
  const { captureRate, renderRate } = options;
  for (const rate of [captureRate, renderRate])
    if (!Number.isInteger(rate / framesPerSecond))
      throw new RangeError(`${rate} Hz is not a whole number of samples per 10 ms`);
  const captureFrame = captureRate / framesPerSecond;
  const renderFrame = renderRate / framesPerSecond;
  const core = createEchoCore(captureRate, renderRate, maxAlignMs);
  const latencySamples = captureFrame + core.latencySamples;
  const log = options.log ?? (() => {});

  const written = new SampleQueue(); // far end written, not yet paired
  const input = new SampleQueue(); // microphone, not yet a whole frame
  const output = new SampleQueue(); // cancelled microphone, waiting to be returned
  const activity = createFarEndActivity(options);
  const estimator = createDelayEstimator();
  const farFrame = new Float32Array(renderFrame);
  const nearFrame = new Float32Array(captureFrame);
  let alignMs = 0; // how far back in the far end's past the filter reads
  let delayMs = options.knownDelayMs; // best knowledge of the speaker → microphone delay
  let recent: number[] = []; // the last three estimates, for a median
  let aligned = false; // the first estimate (or the known delay) has set the alignment
  let started = false; // the first microphone audio drops the far end written before it
  let failed = false;
  let processed = 0; // frames, for the log
  let loggedPpm = 0;
  /** Where in the conversation a log line happens: seconds of microphone processed. */
  const elapsed = () => `${(processed / framesPerSecond).toFixed(1)} s`;

  const setAlignment = (ms: number) => {
    alignMs = Math.max(0, Math.min(maxAlignMs, ms));
    core.align(alignMs);
  };
  const start = () => {
    written.clear();
    input.clear();
    output.clear();
    output.pushZeros(captureFrame); // the reframing's share of the latency; the core adds the rest
    alignMs = 0;
    recent = [];
    started = false;
    aligned = false;
    if (options.knownDelayMs !== undefined) setAlignment(options.knownDelayMs - jitterMs - leadMs);
  };

  const track = (estimateMs: number) => {
    recent = [...recent.slice(-2), estimateMs - estimatorBiasMs];
    // The first estimate is taken at once (the sooner the filter is aligned, the less it has to relearn);
    // after that, the median of three, so one estimate thrown off by double talk moves nothing.
    if (recent.length === 2) return;
    const pairedMs = [...recent].sort((a, b) => a - b)[recent.length >> 1]!; // as the streams are paired
    const acoustic = pairedMs + jitterMs; // the far end is paired `jitterMs` late, so the echo looks sooner
    if (acoustic > maxDelayMs + toleranceMs) {
      if (!failed) log(`echo: delay ${acoustic} ms is over ${maxDelayMs} ms`);
      failed = true;
      hooks.onCannotConverge(acoustic);
      return;
    }
    if (delayMs === undefined || Math.abs(acoustic - delayMs) >= realignMs)
      log(`echo: ${elapsed()}: delay ${acoustic} ms`);
    delayMs = acoustic;
    const residual = pairedMs - alignMs;
    const move = aligned
      ? residual < minResidualMs || residual > maxResidualMs
      : Math.abs(Math.max(0, pairedMs - leadMs) - alignMs) >= realignMs;
    aligned = true;
    if (move) {
      log(`echo: far end aligned by ${Math.max(0, pairedMs - leadMs)} ms`);
      setAlignment(pairedMs - leadMs); // the filter starts afresh there, primed with the last second
    }
  };

  const processFrame = () => {
    processed++;
    written.shift(renderFrame, farFrame);
    input.shift(captureFrame, nearFrame);
    const estimate = estimator.push(farFrame, nearFrame);
    if (estimate) track(estimate.delayMs);
    core.push(farFrame, nearFrame, output);
    if (processed % framesPerSecond === 0) {
      const ppm = Math.round(core.driftPpm());
      if (Math.abs(ppm - loggedPpm) >= driftLogPpm) {
        log(`echo: ${elapsed()}: the clocks drift ${ppm} ppm`);
        loggedPpm = ppm;
      }
    }
  };

  start();
  return {
    mode: 'on',
    latencySamples,
    farEnd(samples) {
      written.push(samples);
      activity.far(samples);
    },
    process(near) {
      const frames = Math.floor((input.length + near.length) / captureFrame);
      const jitter = (jitterMs * renderRate) / 1000;
      if (!started) {
        // What the far end wrote before the microphone's first audio is not heard in it.
        written.clear();
        written.pushZeros(jitter);
        started = true;
      }
      const excess = written.length - frames * renderFrame - (backlogMs * renderRate) / 1000;
      if (excess > 0) {
        const dropped = excess + ((backlogMs - jitterMs) * renderRate) / 1000;
        log(
          `echo: ${elapsed()}: ${Math.round((dropped * 1000) / renderRate)} ms of far end dropped (backlog)`,
        );
        written.drop(dropped);
      }
      input.push(near);
      for (let k = 0; k < frames; k++) processFrame();
      activity.near(near.length);
      const out = new Float32Array(near.length);
      output.shift(near.length, out);
      return out;
    },
    farEndActive: () => activity.active(audibleHoldMs(delayMs)),
    reset() {
      core.reset();
      estimator.reset();
      activity.reset();
      delayMs = options.knownDelayMs;
      failed = false;
      loggedPpm = 0;
      start();
    },
    dispose() {},
  };
}
