// Streaming sample-rate converter for mono float audio, built for speech and speed.
//
// Design: Kaiser-windowed sinc, passband to 37.5 % of the lower rate (9 kHz at 24 kHz: all of speech),
// stopband from 62.5 % of it (15 kHz), so nothing can alias into the passband (what folds into 9–12 kHz
// comes from the transition band). Exact rational polyphase (no coefficient interpolation), so an in-band
// tone comes out as a clean tone. The 2:1 cases, which carry the hot paths (48 kHz mic → 24 kHz wire,
// 24 kHz assistant → 48 kHz speaker), are half-band filters: half their taps are zero and the rest are
// symmetric. Other ratios go through 2× the lower rate: half-band plus a polyphase stage whose transition
// band is then very wide (~17 taps instead of ~80).
//
// Output is time-aligned with the input (zero phase): output n is the input at time n·in/out. The kernel
// looks `halfWidth` input samples ahead, so that many samples wait for more input; `flush()` releases them
// (padding with silence) at the end of a stream. Results do not depend on how the input is chunked.
import { kaiserBeta, kaiserTaps, lowpassKernel } from './kaiser';

export interface Resampler {
  readonly inRate: number;
  readonly outRate: number;
  /** Converts the next piece of the stream; returns a new array (possibly empty). */
  process(input: Float32Array): Float32Array;
  /** Ends the stream: emits what the look-ahead still held, then starts over from silence. */
  flush(): Float32Array;
  /** Forgets everything (barge-in): the next sample starts a new stream. */
  reset(): void;
}

export interface ResamplerOptions {
  /** Stopband attenuation of the phase-switching (polyphase, interpolating) stages, in dB. */
  attenuationDb?: number;
  /**
   * Stopband attenuation of the 2:1 decimating half-band, in dB. It is time-invariant, so its passband
   * ripple is a fixed gain, not noise; it only has to keep aliases below 16-bit noise.
   */
  decimatorAttenuationDb?: number;
  /** Passband edge as a fraction of the lower rate; the stopband starts at 1 minus this. */
  passband?: number;
}

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/** Largest phase count we tabulate; 44.1k↔48k needs 160, 8k↔44.1k 441. */
const maxPhases = 4096;

export function createResampler(inRate: number, outRate: number, options: ResamplerOptions = {}): Resampler {
  if (!Number.isInteger(inRate) || !Number.isInteger(outRate) || inRate <= 0 || outRate <= 0)
    throw new RangeError(`sample rates must be positive integers (got ${inRate} → ${outRate})`);
  if (inRate === outRate) return identity(inRate);
  const attenuationDb = options.attenuationDb ?? 130;
  const decimatorDb = options.decimatorAttenuationDb ?? 100;
  const pass = options.passband ?? 0.375;
  if (outRate * 2 === inRate) return halfbandDecimator(inRate, pass, decimatorDb);
  if (inRate * 2 === outRate) return halfbandInterpolator(inRate, pass, attenuationDb);
  if (inRate > outRate) {
    // Down: a loose polyphase to twice the output rate, then the half-band. The half-band removes
    // everything above (1 − pass)·out, so the first stage only has to keep its images out of the band
    // below that: passband pass·out, stopband (2 − (1 − pass))·out. That wide transition is cheap.
    const mid = outRate * 2;
    const first = polyphase(inRate, mid, pass * outRate, (1 + pass) * outRate, attenuationDb);
    return chain(first, halfbandDecimator(mid, pass, decimatorDb));
  }
  // Up: the half-band to twice the input rate, then a loose polyphase to the output rate.
  const mid = inRate * 2;
  const second = polyphase(mid, outRate, pass * inRate, (1 + pass) * inRate, attenuationDb);
  return chain(halfbandInterpolator(inRate, pass, attenuationDb), second);
}

function identity(rate: number): Resampler {
  return {
    inRate: rate,
    outRate: rate,
    process: (input) => input.slice(),
    flush: () => new Float32Array(0),
    reset: () => {},
  };
}

/**
 * Input samples kept between calls. `start` is the stream index of `data[0]`; the stream begins with
 * `lead` samples of silence so the first outputs can look back.
 */
class History {
  data: Float32Array;
  length: number;
  start: number;
  constructor(private readonly lead: number) {
    this.data = new Float32Array(Math.max(1024, lead * 4));
    this.length = lead;
    this.start = -lead;
  }
  append(input: Float32Array): void {
    const needed = this.length + input.length;
    if (needed > this.data.length) {
      const grown = new Float32Array(Math.max(needed, this.data.length * 2));
      grown.set(this.data.subarray(0, this.length));
      this.data = grown;
    }
    this.data.set(input, this.length);
    this.length = needed;
  }
  /** Drops samples before stream index `index` (they can no longer be needed). */
  discardBefore(index: number): void {
    const drop = Math.min(this.length, Math.max(0, index - this.start));
    if (drop === 0) return;
    this.data.copyWithin(0, drop, this.length);
    this.length -= drop;
    this.start += drop;
  }
  /** Stream index one past the last sample held. */
  get end(): number {
    return this.start + this.length;
  }
  reset(): void {
    this.data.fill(0, 0, this.lead);
    this.length = this.lead;
    this.start = -this.lead;
  }
}

/** 2:1 down. out[n] = ½·x[2n] + Σ c_i·(x[2n−(2i−1)] + x[2n+(2i−1)]). */
function halfbandDecimator(inRate: number, pass: number, attenuationDb: number): Resampler {
  // Transition (1 − 2·pass)·out, in cycles per input sample: half that, as out = in / 2.
  const taps = kaiserTaps(attenuationDb, (1 - 2 * pass) / 2);
  const beta = kaiserBeta(attenuationDb);
  const m = Math.ceil(taps / 4); // odd offsets 1, 3, …, 2m−1
  const halfWidth = 2 * m;
  const coef = new Float64Array(m);
  for (let i = 0; i < m; i++) coef[i] = lowpassKernel(2 * i + 1, 0.25, halfWidth, beta);
  normalise(coef, 0.25); // ½ + 2·Σc = 1
  const reach = 2 * m - 1;
  const history = new History(reach);
  let next = 0; // stream index of the input sample the next output sits on

  const run = (): Float32Array => {
    const count = Math.max(0, Math.floor((history.end - 1 - reach - next) / 2) + 1);
    const out = new Float32Array(count);
    const x = history.data;
    let centre = next - history.start;
    for (let n = 0; n < count; n++, centre += 2) {
      let acc = 0.5 * x[centre]!;
      for (let i = 0; i < m; i++) acc += coef[i]! * (x[centre - 2 * i - 1]! + x[centre + 2 * i + 1]!);
      out[n] = acc;
    }
    next += 2 * count;
    history.discardBefore(next - reach);
    return out;
  };
  return streaming(inRate, inRate / 2, reach, history, run, () => (next = 0));
}

/** 1:2 up. out[2n] = x[n]; out[2n+1] = Σ d_i·(x[n+1−i] + x[n+i]). */
function halfbandInterpolator(inRate: number, pass: number, attenuationDb: number): Resampler {
  const taps = kaiserTaps(attenuationDb, 1 - 2 * pass);
  const beta = kaiserBeta(attenuationDb);
  const m = Math.ceil(taps / 2);
  const halfWidth = m + 0.5;
  const coef = new Float64Array(m);
  for (let i = 0; i < m; i++) coef[i] = lowpassKernel(i + 0.5, 0.5, halfWidth, beta);
  normalise(coef, 0.5);
  const history = new History(m - 1);
  let next = 0;

  const run = (): Float32Array => {
    const count = Math.max(0, history.end - m - next);
    const out = new Float32Array(count * 2);
    const x = history.data;
    let at = next - history.start;
    for (let n = 0; n < count; n++, at++) {
      out[2 * n] = x[at]!;
      let acc = 0;
      for (let i = 0; i < m; i++) acc += coef[i]! * (x[at - i]! + x[at + 1 + i]!);
      out[2 * n + 1] = acc;
    }
    next += count;
    history.discardBefore(next - m + 1);
    return out;
  };
  return streaming(inRate, inRate * 2, m, history, run, () => (next = 0));
}

/**
 * Any rational ratio L/M: one tabulated kernel per output phase p/L, 2·halfWidth taps each, with the given
 * pass and stop edges in Hz (the cutoff never exceeds the lower Nyquist).
 */
function polyphase(inRate: number, outRate: number, passHz: number, stopHz: number, attenuationDb: number) {
  const cutoffHz = Math.min((passHz + stopHz) / 2, Math.min(inRate, outRate) / 2);
  const cutoff = cutoffHz / inRate;
  const transition = (2 * (cutoffHz - passHz)) / inRate;
  const halfWidth = Math.ceil(kaiserTaps(attenuationDb, transition) / 2) + 1;
  const beta = kaiserBeta(attenuationDb);
  const g = gcd(inRate, outRate);
  const up = outRate / g; // L: phases
  const down = inRate / g; // M: input step per output, in 1/L samples
  if (up > maxPhases)
    throw new RangeError(`unsupported rate pair ${inRate} → ${outRate} (needs ${up} filter phases)`);
  const width = 2 * halfWidth;
  // Float64: float32 coefficients would differ per phase by more than the design ripple.
  const table = new Float64Array(up * width);
  for (let p = 0; p < up; p++) {
    const phase = new Float64Array(width);
    // Tap k reads input (base − halfWidth + 1 + k); τ = output time − input time.
    for (let k = 0; k < width; k++)
      phase[k] = lowpassKernel(p / up + halfWidth - 1 - k, cutoff, halfWidth, beta);
    normalise(phase, 1);
    table.set(phase, p * width);
  }
  const stepWhole = Math.floor(down / up);
  const stepFrac = down % up;
  const history = new History(halfWidth - 1);
  let base = 0; // floor(output time) in input samples
  let phase = 0; // (output time − base)·L

  const run = (): Float32Array => {
    // Upper bound on the outputs this call can make; the loop stops at the first one it cannot.
    const bound = Math.max(0, Math.ceil(((history.end - base) * up) / down) + 1);
    const out = new Float32Array(bound);
    let count = 0;
    const x = history.data;
    for (; count < bound && base + halfWidth < history.end; count++) {
      const first = base - halfWidth + 1 - history.start;
      const offset = phase * width;
      let acc = 0;
      for (let k = 0; k < width; k++) acc += table[offset + k]! * x[first + k]!;
      out[count] = acc;
      base += stepWhole;
      phase += stepFrac;
      if (phase >= up) {
        phase -= up;
        base++;
      }
    }
    history.discardBefore(base - halfWidth + 1);
    return count === bound ? out : out.slice(0, count);
  };
  return streaming(inRate, outRate, halfWidth, history, run, () => {
    base = 0;
    phase = 0;
  });
}

/** Two stages in series; flush pushes the first stage's tail through the second. */
function chain(first: Resampler, second: Resampler): Resampler {
  return {
    inRate: first.inRate,
    outRate: second.outRate,
    process: (input) => second.process(first.process(input)),
    flush() {
      const a = second.process(first.flush());
      const b = second.flush();
      const out = new Float32Array(a.length + b.length);
      out.set(a);
      out.set(b, a.length);
      return out;
    },
    reset() {
      first.reset();
      second.reset();
    },
  };
}

/** Scales coefficients so their sum is `target` (exact unit gain at DC). */
function normalise(coef: Float64Array, target: number): void {
  let sum = 0;
  for (const c of coef) sum += c;
  for (let i = 0; i < coef.length; i++) coef[i] = (coef[i]! * target) / sum;
}

/** The shared process/flush/reset wrapper: `lookahead` is how many input samples the kernel reads ahead. */
function streaming(
  inRate: number,
  outRate: number,
  lookahead: number,
  history: History,
  run: () => Float32Array,
  restart: () => void,
): Resampler {
  let fed = 0; // input samples since the stream began, to know how many outputs flush owes
  let emitted = 0;
  const reset = () => {
    history.reset();
    restart();
    fed = 0;
    emitted = 0;
  };
  return {
    inRate,
    outRate,
    process(input) {
      fed += input.length;
      history.append(input);
      const out = run();
      emitted += out.length;
      return out;
    },
    flush() {
      // Exactly the outputs whose time falls inside the input fed: ceil(fed·out/in) in total.
      const owed = Math.ceil((fed * outRate) / inRate) - emitted;
      history.append(new Float32Array(lookahead + 2));
      const tail = run().subarray(0, Math.max(0, owed));
      const out = tail.slice();
      reset();
      return out;
    },
    reset,
  };
}
