// Kaiser-windowed sinc design: the one filter formula behind every resampler kernel.

/** Modified Bessel function of the first kind, order 0 (power series; converges fast for the β we use). */
export function besselI0(x: number): number {
  let sum = 1;
  let term = 1;
  const half = x / 2;
  for (let k = 1; k < 64; k++) {
    term *= (half / k) * (half / k);
    sum += term;
    if (term < sum * 1e-17) break;
  }
  return sum;
}

/** Kaiser's β for a stopband attenuation of `attenuationDb` (his empirical formula, A > 50 dB). */
export const kaiserBeta = (attenuationDb: number): number => 0.1102 * (attenuationDb - 8.7);

/**
 * Kaiser's length estimate: how many taps a lowpass needs for `attenuationDb` with a transition band of
 * `transition` cycles per sample.
 */
export const kaiserTaps = (attenuationDb: number, transition: number): number =>
  Math.ceil((attenuationDb - 7.95) / (2.285 * 2 * Math.PI * transition));

/** Window value at `u` ∈ [-1, 1] (0 outside). */
export function kaiserWindow(u: number, beta: number): number {
  if (u <= -1 || u >= 1) return 0;
  return besselI0(beta * Math.sqrt(1 - u * u)) / besselI0(beta);
}

const sinc = (x: number): number => (x === 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x));

/**
 * The continuous lowpass kernel g(τ): cutoff `cutoff` cycles per input sample, windowed over |τ| < halfWidth
 * input samples. Its integer-spaced samples sum to ~1 (unit DC gain); callers normalise exactly.
 */
export function lowpassKernel(tau: number, cutoff: number, halfWidth: number, beta: number): number {
  return 2 * cutoff * sinc(2 * cutoff * tau) * kaiserWindow(tau / halfWidth, beta);
}
