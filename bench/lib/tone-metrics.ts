// Tone measurements shared by the resampler benchmark and its tests.

export const tone = (rate: number, hz: number, seconds: number, amplitude = 0.5): Float32Array => {
  const out = new Float32Array(Math.round(rate * seconds));
  for (let i = 0; i < out.length; i++) out[i] = amplitude * Math.sin((2 * Math.PI * hz * i) / rate);
  return out;
};

/**
 * Signal-to-noise-and-distortion of a tone: least-squares fit of a sinusoid at `hz` (free amplitude and
 * phase, so a fixed gain or delay is not counted as error), then fitted power over residual power, in dB.
 * `skip` samples at each end are left out (filter start-up and tail).
 */
export function toneSnrDb(signal: Float32Array, rate: number, hz: number, skip: number): number {
  const from = skip;
  const to = signal.length - skip;
  let ss = 0;
  let cc = 0;
  let sc = 0;
  let ys = 0;
  let yc = 0;
  const w = (2 * Math.PI * hz) / rate;
  for (let i = from; i < to; i++) {
    const s = Math.sin(w * i);
    const c = Math.cos(w * i);
    const y = signal[i]!;
    ss += s * s;
    cc += c * c;
    sc += s * c;
    ys += y * s;
    yc += y * c;
  }
  const det = ss * cc - sc * sc;
  const a = (ys * cc - yc * sc) / det;
  const b = (yc * ss - ys * sc) / det;
  let fit = 0;
  let residual = 0;
  for (let i = from; i < to; i++) {
    const model = a * Math.sin(w * i) + b * Math.cos(w * i);
    const e = signal[i]! - model;
    fit += model * model;
    residual += e * e;
  }
  return 10 * Math.log10(fit / Math.max(residual, 1e-300));
}

/** RMS of a signal between `skip` and the end minus `skip`. */
export function rms(signal: Float32Array, skip = 0): number {
  let sum = 0;
  for (let i = skip; i < signal.length - skip; i++) sum += signal[i]! * signal[i]!;
  return Math.sqrt(sum / Math.max(1, signal.length - 2 * skip));
}

/** How far an out-of-band tone is pushed down: input RMS over everything left in the output, in dB. */
export const rejectionDb = (input: Float32Array, output: Float32Array, skip: number): number =>
  20 * Math.log10(rms(input) / Math.max(rms(output, skip), 1e-15));
