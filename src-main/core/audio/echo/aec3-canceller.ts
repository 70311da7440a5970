// `on`: WebRTC AEC3, fed in the 10 ms frames it works in. The far end and the microphone are paired on
// their sample clocks (every microphone frame takes the far-end frame written at the same time), the far end
// is delayed by the measured speaker → microphone delay less a lead (AEC3 then only has to find a few tens
// of ms, where it does best), and AEC3's own suppressor removes what its linear filter has not yet learnt.
import { aec3LatencySamples } from './aec3-latency';
import type { Aec3Instance, Aec3Module } from './aec3-loader';
import { frameMs, framesPerSecond, maxDelayMs, nativeRates } from './constants';
import { createDelayEstimator } from './delay-estimator';
import { audibleHoldMs, createFarEndActivity } from './far-end-activity';
import { createFarEndOnset } from './far-end-onset';
import { History } from './history';
import { SampleQueue } from './sample-queue';
import type { EchoCanceller, EchoCancellerOptions } from './types';

/**
 * The envelope estimator's peak sits this late, on average, behind the direct sound (the room's tail): 5–20 ms
 * over delays of 0–700 ms in the benchmark's room.
 */
const estimatorBiasMs = 15;
/**
 * How much of the delay is left for AEC3 to find. Measured on the benchmark's room (80 ms): a lead of
 * 20–40 ms gave the best double-talk figure; 0 (AEC3 finds all 80 ms) and 5 ms were clearly worse.
 */
const leadMs = 30;
/** The first estimate moves the alignment (from 0 or the known delay) only when it differs by this much. */
const realignMs = 20;
/**
 * After that, the alignment moves only when the echo comes less than this after the aligned far end (the
 * delay shrank: AEC3 cannot cancel an echo that precedes its reference). A delay that grows is left to
 * AEC3's own estimator, which followed 80 → 200 ms and 80 → 450 ms better alone (39 and 36 dB afterwards)
 * than after a realignment and restart (29 dB).
 */
const minResidualMs = 10;
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
/** The furthest back AEC3's far end is read: the longest delay followed, as the streams are paired. */
const maxAlignMs = maxDelayMs + toleranceMs - jitterMs;
/**
 * A fresh AEC3 instance (after a realignment) first hears this much of the recent past, realigned: without
 * it, the echo of speech it never saw passes its suppressor (measured: 9 dB for the next half second,
 * instead of 30–40 dB).
 */
const primeMs = 1000;

export interface Aec3CancellerHooks {
  /** The delay is over `maxDelayMs`: the caller should fall back. */
  onCannotConverge(delayMs: number): void;
}

export function createAec3Canceller(
  module: Aec3Module,
  options: EchoCancellerOptions,
  hooks: Aec3CancellerHooks,
): EchoCanceller {
  const { captureRate, renderRate } = options;
  for (const rate of [captureRate, renderRate])
    if (!Number.isInteger(rate / framesPerSecond))
      throw new RangeError(`${rate} Hz is not a whole number of samples per 10 ms`);
  const aecRate = nativeRates.includes(captureRate) ? captureRate : 48_000;
  const captureFrame = captureRate / framesPerSecond;
  const renderFrame = renderRate / framesPerSecond;
  const renderOpts = renderRate === aecRate ? undefined : { sampleRateIn: renderRate };
  const captureOpts =
    captureRate === aecRate ? undefined : { sampleRateIn: captureRate, sampleRateOut: captureRate };
  const latencySamples = captureFrame + aec3LatencySamples(module, aecRate, captureRate);
  const log = options.log ?? (() => {});

  let aec: Aec3Instance = new module.AEC3(aecRate, 1, 1);
  const written = new SampleQueue(); // far end written, not yet paired
  const farPast = new History(((maxAlignMs + primeMs + frameMs) * renderRate) / 1000); // paired far end
  const nearPast = new History(((primeMs + frameMs) * captureRate) / 1000); // + the frame a restart skips
  const input = new SampleQueue(); // microphone, not yet a whole frame
  const output = new SampleQueue(); // cancelled microphone, waiting to be returned
  const activity = createFarEndActivity(options);
  const estimator = createDelayEstimator();
  const onset = createFarEndOnset(frameMs);
  const farFrame = new Float32Array(renderFrame);
  const alignedFrame = [new Float32Array(renderFrame)];
  const nearFrame = new Float32Array(captureFrame);
  const outFrame = [new Float32Array(captureFrame)];
  let alignSamples = 0; // how far back in the far end's past AEC3 reads
  let delayMs = options.knownDelayMs; // best knowledge of the speaker → microphone delay
  let recent: number[] = []; // the last three estimates, for a median
  let aligned = false; // the first estimate (or the known delay) has set the alignment
  let started = false; // the first microphone audio drops the far end written before it
  let failed = false;
  let processed = 0; // frames, for the log

  /**
   * A fresh instance, primed with the recent past as it would have heard it at the new alignment; `skip`:
   * how many of the newest frames are left out (already in the past, not yet processed).
   */
  const restart = (skip = 0) => {
    aec.free();
    aec = new module.AEC3(aecRate, 1, 1);
    const frames = Math.floor(primeMs / frameMs);
    for (let k = frames + skip; k > skip; k--) {
      farPast.read(alignSamples + (k - 1) * renderFrame, alignedFrame[0]!);
      nearPast.read((k - 1) * captureFrame, nearFrame);
      aec.analyze(alignedFrame, renderOpts);
      aec.process(outFrame, [nearFrame], captureOpts);
    }
  };
  const setAlignment = (ms: number) => {
    alignSamples = Math.round((Math.max(0, Math.min(maxAlignMs, ms)) * renderRate) / 1000);
  };
  const start = () => {
    written.clear();
    farPast.clear();
    nearPast.clear();
    input.clear();
    output.clear();
    output.pushZeros(captureFrame); // the reframing's share of the latency; AEC3 adds the rest
    alignSamples = 0;
    recent = [];
    started = false;
    aligned = false;
    if (options.knownDelayMs !== undefined) setAlignment(options.knownDelayMs - jitterMs - leadMs);
  };

  const track = (estimateMs: number) => {
    recent = [...recent.slice(-2), estimateMs - estimatorBiasMs];
    // The first estimate is taken at once (the sooner AEC3 is aligned, the less it has to relearn); after
    // that, the median of three, so one estimate thrown off by double talk moves nothing.
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
      log(`echo: ${(processed / framesPerSecond).toFixed(1)} s: delay ${acoustic} ms`);
    delayMs = acoustic;
    const alignMs = (alignSamples * 1000) / renderRate;
    const move = aligned
      ? pairedMs - alignMs < minResidualMs
      : Math.abs(Math.max(0, pairedMs - leadMs) - alignMs) >= realignMs;
    aligned = true;
    if (move) {
      log(`echo: far end aligned by ${Math.max(0, pairedMs - leadMs)} ms`);
      setAlignment(pairedMs - leadMs);
      // AEC3 re-converges slowly after its far end jumps (measured: 10 dB instead of 30 dB for seconds after
      // a 50 ms move); a fresh instance, primed with the recent past, converges at once.
      restart();
    }
  };

  const processFrame = () => {
    processed++;
    written.shift(renderFrame, farFrame);
    input.shift(captureFrame, nearFrame);
    const estimate = estimator.push(farFrame, nearFrame);
    if (estimate) track(estimate.delayMs);
    farPast.write(farFrame);
    nearPast.write(nearFrame);
    farPast.read(alignSamples, alignedFrame[0]!);
    // A new reply after a pause: AEC3 afresh, as its echo path may have drifted (far-end-onset.ts).
    if (onset.push(alignedFrame[0]!)) {
      restart(1);
      farPast.read(alignSamples, alignedFrame[0]!); // priming used the frame as scratch
      nearPast.read(0, nearFrame);
    }
    aec.analyze(alignedFrame, renderOpts);
    aec.process(outFrame, [nearFrame], captureOpts);
    output.push(outFrame[0]!);
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
      if (excess > 0) written.drop(excess + ((backlogMs - jitterMs) * renderRate) / 1000);
      input.push(near);
      for (let k = 0; k < frames; k++) processFrame();
      activity.near(near.length);
      const out = new Float32Array(near.length);
      output.shift(near.length, out);
      return out;
    },
    farEndActive: () => activity.active(audibleHoldMs(delayMs)),
    reset() {
      aec.free();
      aec = new module.AEC3(aecRate, 1, 1);
      estimator.reset();
      activity.reset();
      onset.reset();
      delayMs = options.knownDelayMs;
      failed = false;
      start();
    },
    dispose() {
      aec.free();
    },
  };
}
