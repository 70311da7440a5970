// Echo canceller figures, shared by `npm run bench -- aec` and the canceller's unit tests.

/** Energy of x[from, to). */
function energy(x: Float32Array, from: number, to: number): number {
  let sum = 0;
  for (let i = Math.max(0, from); i < Math.min(x.length, to); i++) sum += x[i]! * x[i]!;
  return sum;
}

/**
 * Echo return loss enhancement over [from, to) of the microphone's timeline: microphone energy over the
 * canceller's output energy, in dB. `latency` is how many samples the output lags its input (the canceller's
 * framing), so both sides cover the same audio. `skip` ranges (e.g. the user speaking) are left out.
 */
export function erleDb(
  mic: Float32Array,
  out: Float32Array,
  latency: number,
  from: number,
  to: number,
  skip: [number, number][] = [],
): number {
  let before = 0;
  let after = 0;
  let start = from;
  for (const [a, b] of [...skip].sort((x, y) => x[0] - y[0])) {
    if (b <= start || a >= to) continue;
    before += energy(mic, start, a);
    after += energy(out, start + latency, a + latency);
    start = Math.max(start, b);
  }
  before += energy(mic, start, to);
  after += energy(out, start + latency, to + latency);
  return 10 * Math.log10(before / Math.max(after, 1e-30));
}

/**
 * How well `clean` survives in `out` over [from, to) of clean's timeline: the normalised correlation
 * Σ clean·out / √(Σ clean² · Σ out²) at the lag in [0, maxLag] that makes it largest (the canceller delays
 * its output). 1 = the same waveform up to a gain; a canceller that passes the echo through untouched at
 * equal level scores about 0.7.
 */
export function bestLagCorrelation(
  clean: Float32Array,
  out: Float32Array,
  from: number,
  to: number,
  maxLag: number,
): { correlation: number; lag: number } {
  const cleanEnergy = energy(clean, from, to);
  let best = { correlation: -1, lag: 0 };
  for (let lag = 0; lag <= maxLag; lag++) {
    let cross = 0;
    let outEnergy = 0;
    for (let i = from; i < to; i++) {
      const y = out[i + lag] ?? 0;
      cross += clean[i]! * y;
      outEnergy += y * y;
    }
    const correlation = cross / Math.sqrt(cleanEnergy * outEnergy || 1e-30);
    if (correlation > best.correlation) best = { correlation, lag };
  }
  return best;
}
