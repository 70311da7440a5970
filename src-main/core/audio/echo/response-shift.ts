// Moves the adaptive filter's learnt response in time by fractions of a sample (echo-path-drift.ts decides
// how far). A fraction is a phase ramp on each partition's spectrum: cheap, but each partition turns on its
// own, so what crosses a partition's edge does not reach the next one. So the ramps are kept under a sample:
// a whole sample's worth is undone and made in the time domain instead, where the response moves exactly
// across the partitions.
import { RealFft } from './real-fft';

/** The smallest move, in samples: one eighth (at 24 kHz, 5 µs; the phase error it leaves at 6 kHz is 11°). */
export const shiftQuantum = 1 / 8;
const quantaPerSample = 1 / shiftQuantum;

export class ResponseShift {
  private readonly fft: RealFft;
  private readonly bins: number;
  private readonly time: Float64Array; // one partition's frame
  private readonly whole: Float64Array; // the response, all partitions in a row
  /** e^(−jωq) per bin, for a move of one quantum later, and e^(+jω) to undo a whole sample of them. */
  private readonly later: Float64Array;
  private readonly sampleSooner: Float64Array;
  private quanta = 0; // the fraction currently applied as ramps, in quanta (−7..7)

  constructor(
    private readonly partitions: number,
    private readonly block: number,
  ) {
    this.fft = new RealFft(2 * block);
    this.bins = this.fft.bins;
    this.time = new Float64Array(2 * block);
    this.whole = new Float64Array(partitions * block);
    const ramp = (samples: number) => {
      const out = new Float64Array(2 * this.bins);
      for (let k = 0; k < this.bins; k++) {
        const angle = (-2 * Math.PI * k * samples) / (2 * block);
        out[2 * k] = Math.cos(angle);
        out[2 * k + 1] = Math.sin(angle);
      }
      return out;
    };
    this.later = ramp(shiftQuantum);
    this.sampleSooner = ramp(-1);
  }

  /** Moves `spectra` `quanta` quanta later (sooner if negative). */
  move(spectra: Float64Array[], quanta: number): void {
    for (let q = 0; q < Math.abs(quanta); q++) {
      const step = Math.sign(quanta);
      this.rotate(spectra, this.later, step < 0);
      this.quanta += step;
      if (Math.abs(this.quanta) === quantaPerSample) {
        const sign = Math.sign(this.quanta);
        this.rotate(spectra, this.sampleSooner, sign < 0); // the ramps undone…
        this.shiftWhole(spectra, sign); // …and made in the time domain
        this.quanta = 0;
      }
    }
  }

  /** A fresh filter: nothing applied. */
  reset(): void {
    this.quanta = 0;
  }

  /** Multiplies every partition by `ramp`, or by its conjugate (the opposite move). */
  private rotate(spectra: Float64Array[], ramp: Float64Array, conjugate: boolean): void {
    const sign = conjugate ? -1 : 1;
    for (const W of spectra)
      for (let k = 0; k < this.bins; k++) {
        const c = ramp[2 * k]!;
        const s = sign * ramp[2 * k + 1]!;
        const re = W[2 * k]!;
        const im = W[2 * k + 1]!;
        W[2 * k] = re * c - im * s;
        W[2 * k + 1] = re * s + im * c;
      }
  }

  /** Moves the response `samples` whole samples later (sooner if negative); what passes the span's ends is lost. */
  private shiftWhole(spectra: Float64Array[], samples: number): void {
    const { block, partitions, whole, time } = this;
    for (let p = 0; p < partitions; p++) {
      this.fft.inverse(spectra[p]!, time);
      whole.set(time.subarray(0, block), p * block);
    }
    if (samples > 0) whole.copyWithin(samples, 0, whole.length - samples).fill(0, 0, samples);
    else whole.copyWithin(0, -samples).fill(0, whole.length + samples);
    time.fill(0, block);
    for (let p = 0; p < partitions; p++) {
      time.set(whole.subarray(p * block, (p + 1) * block));
      this.fft.forward(time, spectra[p]!);
    }
  }
}
