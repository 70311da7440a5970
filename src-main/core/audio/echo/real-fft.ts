// Real-input FFT of one size on fft.js (radix-4, the fastest JavaScript FFT we measured against a radix-2 of
// our own), with the half spectrum the echo canceller works on: bins 0..size/2, interleaved re/im. Scratch
// buffers are reused: nothing is allocated per transform.
import FFT from 'fft.js';

export class RealFft {
  /** Bins of the half spectrum (DC to Nyquist). */
  readonly bins: number;
  private readonly fft: FFT;
  private readonly spectrum: Float64Array; // full complex spectrum, scratch
  private readonly complexTime: Float64Array; // complex time signal, scratch

  constructor(readonly size: number) {
    this.fft = new FFT(size);
    this.bins = size / 2 + 1;
    this.spectrum = new Float64Array(2 * size);
    this.complexTime = new Float64Array(2 * size);
  }

  /** `out` (2·bins numbers) = the half spectrum of `input` (size samples). */
  forward(input: Float64Array, out: Float64Array): void {
    this.fft.realTransform(this.spectrum, input);
    out.set(this.spectrum.subarray(0, 2 * this.bins));
  }

  /** `out` (size samples) = the real signal whose half spectrum is `half` (scaled back by 1/size). */
  inverse(half: Float64Array, out: Float64Array): void {
    const n = this.size;
    const full = this.spectrum;
    full.set(half);
    for (let k = 1; k < n / 2; k++) {
      full[2 * (n - k)] = half[2 * k]!;
      full[2 * (n - k) + 1] = -half[2 * k + 1]!;
    }
    this.fft.inverseTransform(this.complexTime, full);
    const time = this.complexTime;
    for (let i = 0; i < n; i++) out[i] = time[2 * i]!;
  }
}
