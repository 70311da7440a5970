// The canceller proper, on streams already paired and aligned (aligned-canceller.ts does that at the device
// rates): both sides go down to 24 kHz, the linear filter removes the echo it has learnt and the suppressor
// what is left, and the result comes back up to the microphone's rate.
//
// Why 24 kHz: it is the rate the session sends anyway (the capture chain turns the device rate into 24 kHz
// PCM16 after this), the assistant's voice arrives at 24 kHz so the speaker carries nothing above 12 kHz to
// cancel, and it halves the filter's cost against 48 kHz. AEC3 makes the same choice in its own way (its
// linear filter runs on the 0–8 kHz band only).
import { createResampler, type Resampler } from '../dsp/resampler';
import { farActiveDbfs } from './constants';
import { EchoPathDrift } from './echo-path-drift';
import { createFarEndOnset } from './far-end-onset';
import { History } from './history';
import { LinearEchoFilter } from './linear-echo-filter';
import { ResidualEchoSuppressor } from './residual-echo-suppressor';
import { SampleQueue } from './sample-queue';

export const coreRate = 24_000;
/** Samples per block at 24 kHz (10.7 ms): a power of two, for the FFTs. */
const block = 256;
const blockMs = (block * 1000) / coreRate;
/** The filter's span: 18 blocks, 192 ms of the room's response after the aligned far end. */
const partitions = 18;
/** A far-end block above this mean square is speech; the filter adapts while one is within its span. */
const activeEnergy = 10 ** (farActiveDbfs / 10);
/**
 * After a restart the filter first hears this much of the recent past at the new alignment: the echo of
 * speech it never saw would otherwise pass while it learns.
 */
const primeMs = 1000;

export interface EchoCore {
  /** How many samples (at the capture rate) the core delays the microphone by: constant. */
  readonly latencySamples: number;
  /**
   * One paired frame: the far end as written (render rate) and the microphone (capture rate), covering the
   * same time; appends the cleaned microphone to `out`.
   */
  push(far: Float32Array, near: Float32Array, out: SampleQueue): void;
  /** How fast the echo path slides later, in parts per million (the two clocks' difference; echo-path-drift.ts). */
  driftPpm(): number;
  /** Reads the far end `ms` further back from now on, and starts the filter afresh there (primed). */
  align(ms: number): void;
  reset(): void;
}

export function createEchoCore(captureRate: number, renderRate: number, maxAlignMs: number): EchoCore {
  let farDown: Resampler;
  let nearDown: Resampler;
  let nearUp: Resampler;
  const maxAlign = Math.ceil((maxAlignMs * coreRate) / 1000);
  const primeBlocks = Math.ceil(primeMs / blockMs);
  const farPast = new History(maxAlign + (primeBlocks + 2) * block);
  const nearPast = new History((primeBlocks + 2) * block);
  const nearQueue = new SampleQueue();
  const farBlock = new Float32Array(block);
  const nearBlock = new Float32Array(block);
  const cleaned = new Float32Array(block);
  const filter = new LinearEchoFilter(partitions, block, coreRate);
  const suppressor = new ResidualEchoSuppressor(block, coreRate);
  const drift = new EchoPathDrift(partitions, block);
  const onset = createFarEndOnset(blockMs);
  let farWritten = 0; // samples at 24 kHz
  let nearDone = 0; // microphone samples at 24 kHz processed
  let alignSamples = 0;
  let activeFor = 0; // blocks the filter's span still holds far-end speech for
  let primed = false;

  /**
   * The output is held back by this many samples (at the capture rate) before the first is released, so
   * that every 10 ms frame can return a whole frame although the resamplers and the 256-sample blocks
   * release theirs in uneven steps: a block, and 64 samples at 24 kHz for the resamplers' look-ahead
   * (measured need: 548 samples at 48 kHz, 542 at 44.1 kHz, 211 at 16 kHz; this gives 640, 588, 214).
   */
  const ratio = captureRate / coreRate;
  const holdSamples = Math.ceil((block + 64) * ratio);
  /** The suppressor's overlap-add delays by one block: with the hold, the latency every sample sees. */
  const latencySamples = holdSamples + Math.round(block * ratio);

  /** The far end for the microphone block that ends `back` samples before the newest one processed. */
  const readFar = (back: number, out: Float32Array) =>
    farPast.read(farWritten - nearDone + back + alignSamples, out);

  /** Filter and suppressor on one block pair; returns the suppressor's output. */
  const cancel = (far: Float32Array, near: Float32Array) => {
    let energy = 0;
    for (let i = 0; i < block; i++) energy += far[i]! * far[i]!;
    activeFor = energy / block > activeEnergy ? partitions : Math.max(0, activeFor - 1);
    const result = filter.process(far, near, activeFor > 0);
    drift.afterBlock(filter, result, activeFor > 0);
    return suppressor.process(result.error, result.echo, far, result.leak, result.adapted, activeFor > 0);
  };

  /**
   * A fresh filter that has heard the last second at the current alignment; `skip`: how many of the newest
   * blocks processed are left out (the one about to be cancelled).
   */
  const restart = (skip: number) => {
    filter.reset();
    suppressor.restart();
    drift.restart();
    activeFor = 0;
    const blocks = Math.min(primeBlocks, Math.floor(nearDone / block) - skip);
    for (let k = blocks + skip - 1; k >= skip; k--) {
      readFar(k * block, farBlock);
      nearPast.read(k * block, nearBlock);
      cancel(farBlock, nearBlock);
    }
  };

  const start = () => {
    farDown = createResampler(renderRate, coreRate);
    nearDown = createResampler(captureRate, coreRate);
    nearUp = createResampler(coreRate, captureRate);
    farPast.clear();
    nearPast.clear();
    nearQueue.clear();
    filter.reset();
    suppressor.reset();
    drift.reset();
    onset.reset();
    farWritten = 0;
    nearDone = 0;
    alignSamples = 0;
    activeFor = 0;
    primed = false;
  };
  start();

  return {
    latencySamples,
    push(far, near, out) {
      if (!primed) {
        out.pushZeros(holdSamples);
        primed = true;
      }
      const farSamples = farDown.process(far);
      farPast.write(farSamples);
      farWritten += farSamples.length;
      nearQueue.push(nearDown.process(near));
      while (nearQueue.length >= block) {
        nearQueue.shift(block, nearBlock);
        nearPast.write(nearBlock);
        nearDone += block;
        readFar(0, farBlock);
        // A new reply after a pause: the filter afresh, as the echo path may have drifted (far-end-onset.ts).
        if (onset.push(farBlock)) {
          restart(1);
          readFar(0, farBlock);
        }
        const output = cancel(farBlock, nearBlock);
        for (let i = 0; i < block; i++) cleaned[i] = output[i]!;
        out.push(nearUp.process(cleaned));
      }
    },
    driftPpm: () => drift.ppm,
    align(ms) {
      alignSamples = Math.round((Math.max(0, Math.min(maxAlignMs, ms)) * coreRate) / 1000);
      restart(0);
    },
    reset: start,
  };
}
