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
//
// Speed (what changed and why): the half-band stages run as WebAssembly SIMD kernels (`simd.ts`: f64x2,
// two or four outputs per pass, exploiting the zero taps and the symmetry) on float64 history kept in the
// kernel's memory; the polyphase stage stays plain JS on float64 history. Every stage reuses its input and
// output buffers; `StreamResampler` lets the chains write input and read output (float64 or 16-bit) in
// place, so the capture and playback chains allocate nothing per block but what they hand on. Arithmetic
// is float64 end to end (it always accumulated in float64; history and hand-over between stages are now
// float64 too); `process()`/`flush()` still return Float32Array.
import { kaiserBeta, kaiserTaps, lowpassKernel } from './kaiser';
import { instantiateKernels, type HalfbandKernels } from './simd';

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

/**
 * The allocation-free interface the capture and playback chains use: write float64 input straight into
 * the resampler's history, run, read float64 output from a buffer it reuses. `process`/`flush` above are
 * this plus one copy in and one copy out.
 */
export interface StreamResampler extends Resampler {
  /** Makes room for `n` input samples; returns where to write them in `input` (valid until the next call). */
  reserve(n: number): number;
  readonly input: Float64Array;
  /** Converts everything written so far that can be; returns the count now in `output[0..count)`. */
  run(): number;
  /** Ends the stream like `flush()`, outputs in `output[0..count)`; then starts over from silence. */
  runFlush(): number;
  readonly output: Float64Array;
  /** Appends 16-bit samples (scaled by 1/32768) to the input. */
  writeInt16(samples: Int16Array): void;
  /** `output[0..count)` → 16-bit in `out`, rounded (half up, as Math.round) and clipped. */
  readInt16(count: number, out: Int16Array): void;
}

/** `process` on top of the stream interface: one copy in, one copy out. */
function processThrough(r: StreamResampler, input: Float32Array): Float32Array {
  const at = r.reserve(input.length); // may move `r.input`: read it after
  r.input.set(input, at);
  const count = r.run(); // may move `r.output`: read it after
  return Float32Array.from(r.output.subarray(0, count));
}

/** `flush` on top of the stream interface. */
function flushThrough(r: StreamResampler): Float32Array {
  const count = r.runFlush();
  return Float32Array.from(r.output.subarray(0, count));
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
  return createStreamResampler(inRate, outRate, options);
}

export function createStreamResampler(
  inRate: number,
  outRate: number,
  options: ResamplerOptions = {},
): StreamResampler {
  if (!Number.isInteger(inRate) || !Number.isInteger(outRate) || inRate <= 0 || outRate <= 0)
    throw new RangeError(`sample rates must be positive integers (got ${inRate} → ${outRate})`);
  if (inRate === outRate) return new Identity(inRate);
  const attenuationDb = options.attenuationDb ?? 130;
  const decimatorDb = options.decimatorAttenuationDb ?? 100;
  const pass = options.passband ?? 0.375;
  if (outRate * 2 === inRate) return new HalfbandDecimator(inRate, pass, decimatorDb);
  if (inRate * 2 === outRate) return new HalfbandInterpolator(inRate, pass, attenuationDb);
  if (inRate > outRate) {
    // Down: a loose polyphase to twice the output rate, then the half-band. The half-band removes
    // everything above (1 − pass)·out, so the first stage only has to keep its images out of the band
    // below that: passband pass·out, stopband (2 − (1 − pass))·out. That wide transition is cheap
    // (44.1k → 48k: 18 taps per output, exact 160/147 phase table), cheaper than one direct
    // 44.1k → 24k polyphase (80/147), whose 9–15 kHz transition at 44.1k needs ~64 taps per output.
    const mid = outRate * 2;
    const first = new Polyphase(inRate, mid, pass * outRate, (1 + pass) * outRate, attenuationDb);
    return new Chain(first, new HalfbandDecimator(mid, pass, decimatorDb));
  }
  // Up: the half-band to twice the input rate, then a loose polyphase to the output rate.
  const mid = inRate * 2;
  const second = new Polyphase(mid, outRate, pass * inRate, (1 + pass) * inRate, attenuationDb);
  return new Chain(new HalfbandInterpolator(inRate, pass, attenuationDb), second);
}

/**
 * One filter stage: input history (float64; `lead` samples of silence before the stream so the first
 * outputs can look back), the public process/flush/reset on top of `produce()`. `start` is the stream
 * index of `input[0]`; `length` how many samples are held.
 */
abstract class Stage implements StreamResampler {
  abstract readonly input: Float64Array;
  abstract readonly output: Float64Array;
  protected length: number;
  protected start: number;
  private fed = 0; // input samples since the stream began, to know how many outputs flush owes
  private emitted = 0;

  constructor(
    readonly inRate: number,
    readonly outRate: number,
    /** How many input samples the kernel reads ahead. */
    private readonly lookahead: number,
    private readonly lead: number,
  ) {
    this.length = lead;
    this.start = -lead;
  }

  /** Makes `input` hold at least `capacity` samples, keeping its first `length`. */
  protected abstract grow(capacity: number): void;
  /** Converts what it can into `output`; returns the count. */
  protected abstract produce(): number;
  protected abstract restart(): void;

  /** Stream index one past the last sample held. */
  protected get end(): number {
    return this.start + this.length;
  }

  /** Drops samples before stream index `index` (they can no longer be needed). */
  protected discardBefore(index: number): void {
    const drop = Math.min(this.length, Math.max(0, index - this.start));
    if (drop === 0) return;
    this.input.copyWithin(0, drop, this.length);
    this.length -= drop;
    this.start += drop;
  }

  reserve(n: number): number {
    const at = this.length;
    if (at + n > this.input.length) this.grow(Math.max(at + n, this.input.length * 2));
    this.length += n;
    this.fed += n;
    return at;
  }

  run(): number {
    const count = this.produce();
    this.emitted += count;
    return count;
  }

  runFlush(): number {
    // Exactly the outputs whose time falls inside the input fed: ceil(fed·out/in) in total.
    const owed = Math.max(0, Math.ceil((this.fed * this.outRate) / this.inRate) - this.emitted);
    const at = this.reserve(this.lookahead + 2);
    this.input.fill(0, at, at + this.lookahead + 2);
    const count = Math.min(owed, this.produce());
    this.reset();
    return count;
  }

  process(input: Float32Array): Float32Array {
    return processThrough(this, input);
  }

  flush(): Float32Array {
    return flushThrough(this);
  }

  writeInt16(samples: Int16Array): void {
    const at = this.reserve(samples.length);
    const x = this.input;
    for (let i = 0; i < samples.length; i++) x[at + i] = samples[i]! / 32768;
  }

  readInt16(count: number, out: Int16Array): void {
    const y = this.output;
    for (let i = 0; i < count; i++) {
      const s = Math.round(y[i]! * 32768);
      out[i] = s > 32767 ? 32767 : s < -32768 ? -32768 : s;
    }
  }

  reset(): void {
    this.input.fill(0, 0, this.lead);
    this.length = this.lead;
    this.start = -this.lead;
    this.fed = 0;
    this.emitted = 0;
    this.restart();
  }
}

class Identity extends Stage {
  input = new Float64Array(1024);
  output = this.input;
  constructor(rate: number) {
    super(rate, rate, 0, 0);
  }
  protected grow(capacity: number): void {
    const grown = new Float64Array(capacity);
    grown.set(this.input.subarray(0, this.length));
    this.input = this.output = grown;
  }
  protected produce(): number {
    // The caller reads output[0..count) before writing again; the next reserve starts from 0.
    const count = this.length;
    this.length = 0;
    this.start += count;
    return count;
  }
  protected restart(): void {}
}

/** Half-band taps `coef` and filter memory laid out in one WebAssembly memory for the SIMD kernels. */
class KernelMemory {
  kernels!: HalfbandKernels;
  f64!: Float64Array;
  readonly coefAt = 0; // byte offsets
  histAt = 0;
  outAt = 0;
  evenAt = 0;
  oddAt = 0;
  pcmAt = 0;
  pcm16!: Int16Array;
  capacity = 0;

  constructor(
    private readonly coef: Float64Array,
    /** Output samples per input sample (½ or 2). */
    private readonly outPerIn: number,
    private readonly deinterleaved: boolean,
  ) {}

  /** (Re)builds the memory for `capacity` history samples, keeping the first `keep` history samples. */
  layout(capacity: number, keep: number): void {
    // Kernels work in blocks of four outputs and read up to a few samples (and 2m deinterleaved) past the end.
    const slack = 32 + 4 * this.coef.length;
    const histBytes = (capacity + slack) * 8;
    const outBytes = (Math.ceil(capacity * this.outPerIn) + slack) * 8;
    const halfBytes = this.deinterleaved ? (Math.ceil(capacity / 2) + slack) * 8 : 0;
    const histAt = align(this.coef.length * 8);
    const outAt = align(histAt + histBytes);
    const evenAt = align(outAt + outBytes);
    const oddAt = align(evenAt + halfBytes);
    // 16-bit samples in or out, for the chains' conversions.
    const pcmSamples = Math.ceil(capacity * Math.max(1, this.outPerIn)) + slack;
    const pcmAt = align(oddAt + halfBytes);
    const kernels = instantiateKernels(pcmAt + pcmSamples * 2);
    const f64 = new Float64Array(kernels.memory.buffer);
    f64.set(this.coef, this.coefAt / 8);
    if (this.kernels) f64.set(this.f64.subarray(this.histAt / 8, this.histAt / 8 + keep), histAt / 8);
    const pcm16 = new Int16Array(kernels.memory.buffer, pcmAt, pcmSamples);
    Object.assign(this, { kernels, f64, histAt, outAt, evenAt, oddAt, pcmAt, pcm16, capacity });
  }
  /** 16-bit samples → float64 history at sample index `at`. */
  writeInt16(samples: Int16Array, at: number): void {
    if (samples.length === 0) return;
    this.pcm16.set(samples);
    this.kernels.fromInt16(this.pcmAt, Math.ceil(samples.length / 4), this.histAt + at * 8);
  }
  /** The first `count` outputs → 16-bit `out`. */
  readInt16(count: number, out: Int16Array): void {
    if (count === 0) return;
    this.kernels.toInt16(this.outAt, Math.ceil(count / 4), this.pcmAt);
    out.set(this.pcm16.subarray(0, count));
  }
  view(at: number, length: number): Float64Array {
    return this.f64.subarray(at / 8, at / 8 + length);
  }
}
const align = (bytes: number) => Math.ceil(bytes / 16) * 16;

/** 2:1 down. out[n] = ½·x[2n] + Σ c_i·(x[2n−(2i−1)] + x[2n+(2i−1)]). */
class HalfbandDecimator extends Stage {
  input: Float64Array;
  output: Float64Array;
  private readonly m: number;
  private readonly reach: number;
  private readonly mem: KernelMemory;
  private next = 0; // stream index of the input sample the next output sits on

  constructor(inRate: number, pass: number, attenuationDb: number) {
    // Transition (1 − 2·pass)·out, in cycles per input sample: half that, as out = in / 2.
    const taps = kaiserTaps(attenuationDb, (1 - 2 * pass) / 2);
    const beta = kaiserBeta(attenuationDb);
    const m = Math.ceil(taps / 4); // odd offsets 1, 3, …, 2m−1
    const halfWidth = 2 * m;
    const coef = new Float64Array(m);
    for (let i = 0; i < m; i++) coef[i] = lowpassKernel(2 * i + 1, 0.25, halfWidth, beta);
    normalise(coef, 0.25); // ½ + 2·Σc = 1
    const reach = 2 * m - 1;
    super(inRate, inRate / 2, reach, reach);
    this.m = m;
    this.reach = reach;
    this.mem = new KernelMemory(coef, 0.5, true);
    this.mem.layout(Math.max(4096, reach * 4), 0);
    this.input = this.mem.view(this.mem.histAt, this.mem.capacity);
    this.output = this.mem.view(this.mem.outAt, this.mem.capacity / 2);
  }

  protected grow(capacity: number): void {
    this.mem.layout(capacity, this.length);
    this.input = this.mem.view(this.mem.histAt, capacity);
    this.output = this.mem.view(this.mem.outAt, Math.ceil(capacity / 2));
  }

  override writeInt16(samples: Int16Array): void {
    const at = this.reserve(samples.length); // may re-lay the memory: convert after
    this.mem.writeInt16(samples, at);
  }

  override readInt16(count: number, out: Int16Array): void {
    this.mem.readInt16(count, out);
  }

  protected produce(): number {
    const { m, reach, mem } = this;
    const count = Math.max(0, Math.floor((this.end - 1 - reach - this.next) / 2) + 1);
    if (count > 0) {
      const quads = Math.ceil(count / 4);
      const first = mem.histAt + (this.next - reach - this.start) * 8;
      mem.kernels.deinterleave(first, m + 2 * quads, mem.evenAt, mem.oddAt);
      mem.kernels.decimate(mem.evenAt, mem.oddAt, mem.outAt, mem.coefAt, m, quads);
    }
    this.next += 2 * count;
    this.discardBefore(this.next - reach);
    return count;
  }

  protected restart(): void {
    this.next = 0;
  }
}

/** 1:2 up. out[2n] = x[n]; out[2n+1] = Σ d_i·(x[n+1−i] + x[n+i]). */
class HalfbandInterpolator extends Stage {
  input: Float64Array;
  output: Float64Array;
  private readonly m: number;
  private readonly mem: KernelMemory;
  private next = 0;

  constructor(inRate: number, pass: number, attenuationDb: number) {
    const taps = kaiserTaps(attenuationDb, 1 - 2 * pass);
    const beta = kaiserBeta(attenuationDb);
    const m = Math.ceil(taps / 2);
    const halfWidth = m + 0.5;
    const coef = new Float64Array(m);
    for (let i = 0; i < m; i++) coef[i] = lowpassKernel(i + 0.5, 0.5, halfWidth, beta);
    normalise(coef, 0.5);
    super(inRate, inRate * 2, m, m - 1);
    this.m = m;
    this.mem = new KernelMemory(coef, 2, false);
    this.mem.layout(Math.max(4096, m * 4), 0);
    this.input = this.mem.view(this.mem.histAt, this.mem.capacity);
    this.output = this.mem.view(this.mem.outAt, this.mem.capacity * 2);
  }

  protected grow(capacity: number): void {
    this.mem.layout(capacity, this.length);
    this.input = this.mem.view(this.mem.histAt, capacity);
    this.output = this.mem.view(this.mem.outAt, capacity * 2);
  }

  override writeInt16(samples: Int16Array): void {
    const at = this.reserve(samples.length); // may re-lay the memory: convert after
    this.mem.writeInt16(samples, at);
  }

  override readInt16(count: number, out: Int16Array): void {
    this.mem.readInt16(count, out);
  }

  protected produce(): number {
    const { m, mem } = this;
    const count = Math.max(0, this.end - m - this.next);
    if (count > 0) {
      const first = mem.histAt + (this.next - (m - 1) - this.start) * 8;
      mem.kernels.interpolate(first, mem.outAt, mem.coefAt, m, Math.ceil(count / 8));
    }
    this.next += count;
    this.discardBefore(this.next - m + 1);
    return count * 2;
  }

  protected restart(): void {
    this.next = 0;
  }
}

/**
 * Any rational ratio L/M: one tabulated kernel per output phase p/L, 2·halfWidth taps each, with the given
 * pass and stop edges in Hz (the cutoff never exceeds the lower Nyquist). Plain JS: it only carries the
 * less common rates (44.1 kHz devices, G.711's 8 kHz), on float64 history so the loads need no conversion.
 */
class Polyphase extends Stage {
  input: Float64Array;
  output = new Float64Array(1024);
  private readonly table: Float64Array;
  private readonly width: number;
  private readonly halfWidth: number;
  private readonly up: number;
  private readonly down: number;
  private base = 0; // floor(output time) in input samples
  private phase = 0; // (output time − base)·L

  constructor(inRate: number, outRate: number, passHz: number, stopHz: number, attenuationDb: number) {
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
    super(inRate, outRate, halfWidth, halfWidth - 1);
    this.input = new Float64Array(Math.max(1024, (halfWidth - 1) * 4));
    this.table = table;
    this.width = width;
    this.halfWidth = halfWidth;
    this.up = up;
    this.down = down;
  }

  protected grow(capacity: number): void {
    const grown = new Float64Array(capacity);
    grown.set(this.input.subarray(0, this.length));
    this.input = grown;
  }

  protected produce(): number {
    const { table, width, halfWidth, up, down } = this;
    const stepWhole = Math.floor(down / up);
    const stepFrac = down % up;
    // Upper bound on the outputs this call can make; the loop stops at the first one it cannot.
    const bound = Math.max(0, Math.ceil(((this.end - this.base) * up) / down) + 1);
    if (this.output.length < bound) this.output = new Float64Array(Math.max(bound, this.output.length * 2));
    const out = this.output;
    const x = this.input;
    const last = this.end - halfWidth; // base must stay below this
    let { base, phase } = this;
    let first = base - halfWidth + 1 - this.start;
    let count = 0;
    for (; count < bound && base < last; count++) {
      let acc = 0;
      for (let k = 0, t = phase * width; k < width; k++, t++) acc += table[t]! * x[first + k]!;
      out[count] = acc;
      base += stepWhole;
      first += stepWhole;
      phase += stepFrac;
      if (phase >= up) {
        phase -= up;
        base++;
        first++;
      }
    }
    this.base = base;
    this.phase = phase;
    this.discardBefore(base - halfWidth + 1);
    return count;
  }

  protected restart(): void {
    this.base = 0;
    this.phase = 0;
  }
}

/** Two stages in series; flush pushes the first stage's tail through the second. */
class Chain implements StreamResampler {
  readonly inRate: number;
  readonly outRate: number;
  constructor(
    private readonly first: StreamResampler,
    private readonly second: StreamResampler,
  ) {
    this.inRate = first.inRate;
    this.outRate = second.outRate;
  }
  get input(): Float64Array {
    return this.first.input;
  }
  get output(): Float64Array {
    return this.second.output;
  }
  reserve(n: number): number {
    return this.first.reserve(n);
  }
  private feed(count: number): void {
    const at = this.second.reserve(count); // may move `second.input`: read it after
    this.second.input.set(this.first.output.subarray(0, count), at);
  }
  run(): number {
    this.feed(this.first.run());
    return this.second.run();
  }
  runFlush(): number {
    // The first stage's tail and the second's own look-ahead come out of one run of the second stage:
    // the same outputs as converting the tail and then flushing, as every output depends only on input.
    this.feed(this.first.runFlush());
    return this.second.runFlush();
  }
  process(input: Float32Array): Float32Array {
    return processThrough(this, input);
  }
  flush(): Float32Array {
    return flushThrough(this);
  }
  writeInt16(samples: Int16Array): void {
    this.first.writeInt16(samples);
  }
  readInt16(count: number, out: Int16Array): void {
    this.second.readInt16(count, out);
  }
  reset(): void {
    this.first.reset();
    this.second.reset();
  }
}

/** Scales coefficients so their sum is `target` (exact unit gain at DC). */
function normalise(coef: Float64Array, target: number): void {
  let sum = 0;
  for (const c of coef) sum += c;
  for (let i = 0; i < coef.length; i++) coef[i] = (coef[i]! * target) / sum;
}
