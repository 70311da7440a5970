// Follows the echo path as it slides in time because the speaker's and the microphone's clocks differ (two
// sound cards, a USB microphone, a resampling sound server: tens to hundreds of parts per million) or the
// speaker underruns (each gap it plays delays every echo after it). On the PulseAudio rig: 65 ppm measured with
// PulseAudio's own tools, 190–290 ppm under the app. The adaptive filter does not follow such a slide: above
// 1 kHz one sample is already a large turn of phase, and its learnt response smears instead of moving
// (measured: at 220 ppm its cancellation falls from 25.5 to 3.6 dB; echo-path-drift.test.ts).
//
// So the slide is measured and predicted, as a phase-locked loop would. Over each `checkBlocks`, while the far
// end plays, the microphone's cross-spectrum with the filter's echo estimate is summed: the slope of its phase
// over frequency is how much later, to a fraction of a sample, the echo now arrives than the filter thinks. Part
// of it moves the response at once, part of it goes into the rate, and the predicted slide is applied to the
// response an eighth of a sample at a time (response-shift.ts), in speech and in pauses alike. The rate belongs
// to the devices: it is kept when the filter starts afresh.
import type { FilterBlock, LinearEchoFilter } from './linear-echo-filter';
import { ResponseShift, shiftQuantum } from './response-shift';

/** Blocks per measurement (24 blocks of 256 samples at 24 kHz: 256 ms). */
const checkBlocks = 24;
/** A measurement counts only if the far end played in at least this share of its blocks. */
const activeShare = 0.5;
/** The echo estimate must correlate at least this well with the microphone, or nothing is learnt. */
const minSimilarity = 0.5;
/** The share of each measured lag that moves the response at once, and the share that goes into the rate. */
const offsetGain = 0.5;
const rateGain = 0.25;
/** A measured lag larger than this (samples) is not a clock's drift over one measurement but a jump. */
const maxLag = 1.5;
/** The largest weighted mean square of the phases' distance from the fitted line (rad²: about 30°). */
const maxPhaseSpread = 0.3;
/** Bins the phase slope is fitted on (to 6 kHz at 24 kHz): a lag of 2 samples turns the last by π. */
const slopeBins = 128;
/** The largest rate followed, in samples per block (1,000 ppm): beyond it a slide is not clock drift. */
const maxRate = 0.256;

export class EchoPathDrift {
  private readonly bins: number;
  private readonly cross: Float64Array; // Σ over the blocks of D · conj(Ŷ)
  private micEnergy = 0; // Σ |D|² over the blocks
  private estimateEnergy = 0; // Σ |Ŷ|²
  private blocks = 0; // since the last measurement
  private activeBlocks = 0;
  /** Samples the echo path slides later per block (negative: sooner). */
  private rate = 0;
  /** Slide not yet applied to the response, in samples. */
  private pending = 0;

  private readonly shift: ResponseShift;

  constructor(
    partitions: number,
    private readonly block: number,
  ) {
    this.shift = new ResponseShift(partitions, block);
    this.bins = block + 1;
    this.cross = new Float64Array(2 * this.bins);
  }

  /** The echo path's measured slide, in parts per million. */
  get ppm(): number {
    return (this.rate / this.block) * 1e6;
  }

  /** After each block the filter processed: its output, and `farActive` as the filter was told. */
  afterBlock(filter: LinearEchoFilter, result: FilterBlock, farActive: boolean): void {
    this.blocks++;
    if (farActive && filter.adaptedOnce) {
      this.activeBlocks++;
      this.accumulate(result);
    }
    if (this.blocks >= checkBlocks) {
      if (this.activeBlocks >= activeShare * this.blocks) {
        const lag = this.measure();
        if (lag !== undefined) {
          this.pending += offsetGain * lag;
          this.rate = Math.max(-maxRate, Math.min(maxRate, this.rate + (rateGain * lag) / this.blocks));
        }
      }
      this.startMeasurement();
    }
    this.pending += this.rate;
    const quanta = Math.trunc(this.pending / shiftQuantum);
    if (quanta !== 0) {
      this.shift.move(filter.spectra, quanta);
      this.pending -= quanta * shiftQuantum;
    }
  }

  /** The filter starts afresh: what was measured of its response is gone; the rate is kept. */
  restart(): void {
    this.startMeasurement();
    this.pending = 0;
    this.shift.reset();
  }

  /** Other devices, another conversation. */
  reset(): void {
    this.restart();
    this.rate = 0;
  }

  private startMeasurement(): void {
    this.cross.fill(0);
    this.micEnergy = 0;
    this.estimateEnergy = 0;
    this.blocks = 0;
    this.activeBlocks = 0;
  }

  private accumulate({ errorSpectrum: E, estimateSpectrum: Y }: FilterBlock): void {
    const C = this.cross;
    for (let k = 0; k < this.bins; k++) {
      const yr = Y[2 * k]!;
      const yi = Y[2 * k + 1]!;
      const dr = E[2 * k]! + yr; // the microphone: error + estimate
      const di = E[2 * k + 1]! + yi;
      C[2 * k] = C[2 * k]! + dr * yr + di * yi;
      C[2 * k + 1] = C[2 * k + 1]! + di * yr - dr * yi;
      this.micEnergy += dr * dr + di * di;
      this.estimateEnergy += yr * yr + yi * yi;
    }
  }

  /**
   * How many samples later the echo is than the estimate, to a fraction: the slope of the cross-spectrum's
   * phase over frequency (a lag of δ turns bin k by −2πkδ/n), fitted on the bins up to `slopeBins`, each
   * weighted by its cross power. Undefined if the estimate does not match the microphone.
   */
  private measure(): number | undefined {
    const C = this.cross;
    const n = 2 * this.block;
    const phaseAt = (k: number) => Math.atan2(C[2 * k + 1]!, C[2 * k]!);
    let crossPower = 0;
    let weights = 0;
    let num = 0;
    let den = 0;
    for (let k = 1; k < this.bins; k++) {
      const magnitude = Math.hypot(C[2 * k]!, C[2 * k + 1]!);
      crossPower += magnitude;
      if (k > slopeBins) continue;
      const omega = (2 * Math.PI * k) / n;
      weights += magnitude;
      num += magnitude * omega * phaseAt(k);
      den += magnitude * omega * omega;
    }
    // Coherence in the whole: the cross power against the two energies (1 when the estimate is the echo).
    const similarity = crossPower / (Math.sqrt(this.micEnergy * this.estimateEnergy) + 1e-30);
    if (similarity < minSimilarity || den === 0) return undefined;
    const lag = -num / den;
    if (Math.abs(lag) > maxLag) return undefined;
    // The phases must lie on the line: a jump of the whole path (the device's buffer slipped) or an estimate
    // that does not match scatters them, and its slope means nothing.
    let spread = 0;
    for (let k = 1; k <= slopeBins; k++) {
      const magnitude = Math.hypot(C[2 * k]!, C[2 * k + 1]!);
      let off = phaseAt(k) + ((2 * Math.PI * k) / n) * lag;
      off -= 2 * Math.PI * Math.round(off / (2 * Math.PI));
      spread += magnitude * off * off;
    }
    return spread / weights > maxPhaseSpread ? undefined : lag;
  }
}
