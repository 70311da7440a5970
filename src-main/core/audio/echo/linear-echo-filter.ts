// The linear part of the echo canceller: an adaptive filter that learns the speaker → room → microphone
// response and subtracts its estimate of the echo from the microphone. A partitioned-block frequency-domain
// adaptive filter (overlap-save), as in Speex's MDF and WebRTC's AEC3: the response is cut into partitions of
// one block each, so a filter of a few thousand taps costs a few FFTs and P·bins complex multiplies a block.
//
// Step size. Each bin adapts by the ratio of the residual echo to the whole error (Valin, "On adjusting the
// learning rate in frequency domain echo cancellation with double-talk", 2007): while the user speaks, the
// error is mostly their voice, the ratio is small and the filter holds still, so double talk neither derails
// the filter nor needs a detector. The residual echo is estimated as `leak` × the echo estimate's power, `leak`
// being the regression of the error's power on the echo estimate's power (what of the estimate is still left
// in the error). Until the filter has adapted once, a fixed step gets it started.
import { RealFft } from './real-fft';

/** What the suppressor after the filter needs from each block, in the filter's own spectra. */
export interface FilterBlock {
  /** The microphone with the echo estimate subtracted (block samples). */
  readonly error: Float64Array;
  /** The echo estimate (block samples). */
  readonly echo: Float64Array;
  /** Share of the echo estimate's power still left in the error, 0..1 (see above). */
  readonly leak: number;
  /** Whether the filter has adapted enough for its estimate to be trusted. */
  readonly adapted: boolean;
  /** The error's and the estimate's half spectra, each of the block after a block of zeros. */
  readonly errorSpectrum: Float64Array;
  readonly estimateSpectrum: Float64Array;
}

/** Fixed normalised step until the filter has adapted once. */
const startStep = 0.5;
/**
 * The filter counts as adapted (its estimate trusted by the step rule and the suppressor) once it removes
 * this share of the echo (10 dB, over the last blocks it adapted in), or after this many blocks of
 * adaptation (3 s) whatever it achieved, so that a user talking from a reply's start is not held off longer.
 */
const convergedRatio = 10;
const adaptedAfterBlocks = 280;
/** The largest normalised step once adapted (Speex's bound). */
const maxStep = 0.5;
/** The leak never counts as less than this: some residual is always assumed (Speex's MIN_LEAK). */
const minLeak = 0.005;
/** The regression starts at a leak of 1, as if from blocks this small (so real ones soon outweigh it). */
const startSpread = 1e-9;
/**
 * An error this many times the microphone's energy (30 dB louder) is a filter gone wrong (it is started
 * afresh). A tighter bound fired on the filter's ordinary overshoot at speech onsets and kept it from ever
 * converging (measured: 4× reset it every few blocks).
 */
const divergedRatio = 1000;
/**
 * A block whose error is this much louder than the microphone, while the estimate holds this share of the
 * microphone's energy, is a lost path (see process). Measured: it ends the leak of a 2–20 ms slip, and in the
 * tests' double talk keeps the near-end correlation at 0.906 (0.910 without the rule; 0.898 with a ratio of 1).
 */
const lostErrorRatio = 1.5;
const lostEstimateShare = 0.3;
/** How much faster the fast leak regression moves than the slow one. */
const fastRegression = 2;
/** Slow per-bin means the leak regression measures fluctuations against. */
const meanWeight = 0.0107;

export class LinearEchoFilter {
  readonly block: number;
  private readonly fft: RealFft;
  private readonly bins: number;
  /** Far-end spectra of the last `partitions` blocks (ring: `newest` is the latest). */
  private readonly far: Float64Array[];
  /** The filter, one spectrum per partition. */
  private readonly weights: Float64Array[];
  private newest = 0;
  private readonly farFrame: Float64Array; // the last two far blocks (overlap-save input)
  private readonly scratch: Float64Array; // time frame
  private readonly echoSpectrum: Float64Array;
  private readonly errorSpectrum: Float64Array;
  private readonly estimateSpectrum: Float64Array; // the echo estimate's block, zero-padded like the error
  private readonly scaledError: Float64Array; // the error spectrum times each bin's step
  private readonly response: Float64Array; // one partition's impulse response, for the constraint
  private readonly norms: Float64Array; // each partition's size (√ of its spectrum's energy)
  private readonly shares: Float64Array; // each partition's share of the step (they sum to `partitions`)
  private readonly farPower: Float64Array; // Σ over partitions of |X|², per bin
  private readonly errorMean: Float64Array;
  private readonly estimateMean: Float64Array;
  private readonly out = { error: new Float64Array(0), echo: new Float64Array(0) };
  private readonly blockSeconds: number;
  private micEnergy = 0; // the last block's
  private errorEnergy = 0;
  private see = 0; // the error's energy in the last block (spectrum)
  private syy = 0; // the echo estimate's
  private fastPey = startSpread;
  private fastPyy = startSpread;
  private pey = startSpread;
  private pyy = startSpread;
  private leak = 1;
  private adaptedBlocks = 0;
  private converged = false; // the filter has once removed `convergedRatio` of the echo
  private micSmooth = 0; // microphone and error energy over the last blocks the filter adapted in
  private errorSmooth = 0;
  private constrainNext = 0;
  /** Regularisation of the step's normalisation: far-end power of a block at about −70 dBFS. */
  private readonly floor: number;

  constructor(
    readonly partitions: number,
    block: number,
    rate: number,
  ) {
    this.blockSeconds = block / rate;
    this.block = block;
    this.fft = new RealFft(2 * block);
    this.bins = this.fft.bins;
    const spectrum = () => new Float64Array(2 * this.bins);
    this.far = Array.from({ length: partitions }, spectrum);
    this.weights = Array.from({ length: partitions }, spectrum);
    this.farFrame = new Float64Array(2 * block);
    this.scratch = new Float64Array(2 * block);
    this.echoSpectrum = spectrum();
    this.errorSpectrum = spectrum();
    this.estimateSpectrum = spectrum();
    this.scaledError = spectrum();
    this.response = new Float64Array(2 * block);
    this.farPower = new Float64Array(this.bins);
    this.norms = new Float64Array(partitions);
    this.shares = new Float64Array(partitions);
    this.errorMean = new Float64Array(this.bins);
    this.estimateMean = new Float64Array(this.bins);
    this.out.error = new Float64Array(block);
    this.out.echo = new Float64Array(block);
    this.floor = 2 * block * 1e-7 * partitions;
  }

  get adapted(): boolean {
    return this.converged || this.adaptedBlocks >= adaptedAfterBlocks;
  }

  /** Whether the filter has adapted for a whole span: its estimate has the echo's shape, if not its level. */
  get adaptedOnce(): boolean {
    return this.adaptedBlocks >= this.partitions;
  }

  /** The learnt response, one spectrum per partition: echo-path-drift.ts moves it as the echo path slides. */
  get spectra(): Float64Array[] {
    return this.weights;
  }

  /** One block: `far` is the aligned far end, `mic` the microphone, both `block` samples. */
  process(far: Float32Array, mic: Float32Array, farActive: boolean): FilterBlock {
    const { block, bins, partitions, fft } = this;
    // The newest far spectrum, of the last two blocks (overlap-save).
    this.farFrame.copyWithin(0, block);
    for (let i = 0; i < block; i++) this.farFrame[block + i] = far[i]!;
    this.newest = (this.newest + 1) % partitions;
    fft.forward(this.farFrame, this.far[this.newest]!);

    // Proportionate steps: partitions holding more of the response (the room's early part) adapt faster,
    // from each partition's size after the last update; never less than a tenth of the largest's.
    let loudest = 0;
    let total = 0;
    for (let p = 0; p < partitions; p++) loudest = Math.max(loudest, this.norms[p]!);
    for (let p = 0; p < partitions; p++) total += this.norms[p]! + 0.1 * loudest + 1e-12;
    for (let p = 0; p < partitions; p++)
      this.shares[p] = (partitions * (this.norms[p]! + 0.1 * loudest + 1e-12)) / total;

    // Echo estimate Y = Σ W_p · X_p, and the far end's power over the filter's span weighted by the shares
    // (the step's normalisation: so the shares speed the filter up without making it unstable).
    const Y = this.echoSpectrum;
    Y.fill(0);
    this.farPower.fill(0);
    for (let p = 0; p < partitions; p++) {
      const X = this.far[(this.newest - p + partitions) % partitions]!;
      const W = this.weights[p]!;
      const share = this.shares[p]!;
      for (let k = 0; k < bins; k++) {
        const xr = X[2 * k]!;
        const xi = X[2 * k + 1]!;
        const wr = W[2 * k]!;
        const wi = W[2 * k + 1]!;
        Y[2 * k] = Y[2 * k]! + wr * xr - wi * xi;
        Y[2 * k + 1] = Y[2 * k + 1]! + wr * xi + wi * xr;
        this.farPower[k] = this.farPower[k]! + share * (xr * xr + xi * xi);
      }
    }
    fft.inverse(Y, this.scratch);
    const { error, echo } = this.out;
    for (let i = 0; i < block; i++) {
      echo[i] = this.scratch[block + i]!;
      error[i] = mic[i]! - echo[i]!;
    }

    // The error's and the estimate's spectra on the same footing (the block after a block of zeros).
    this.scratch.fill(0, 0, block);
    this.scratch.set(error, block);
    fft.forward(this.scratch, this.errorSpectrum);
    this.scratch.set(echo, block);
    fft.forward(this.scratch, this.estimateSpectrum);

    const diverged = this.updateLeak(mic);
    if (diverged) this.reset();
    else if (farActive) this.adapt();
    // A filter that adds energy instead of removing it has lost the echo path: the device's buffer slipped
    // (a late write leaves the speaker a gap, and every echo after it arrives later). Its estimate is still
    // the echo's spectrum, a few ms off: for that block the suppressor takes all of it as residual echo
    // (leak 1), until the filter has relearnt the path. The user talking over a working filter does not do
    // this: the error is then their voice, quieter than voice and echo together.
    let echoEnergy = 0;
    for (let i = 0; i < block; i++) echoEnergy += echo[i]! * echo[i]!;
    const lost =
      farActive &&
      this.adapted &&
      this.errorEnergy > lostErrorRatio * this.micEnergy &&
      echoEnergy > lostEstimateShare * this.micEnergy;
    return {
      error,
      echo,
      leak: lost ? 1 : this.leak,
      adapted: this.adapted,
      errorSpectrum: this.errorSpectrum,
      estimateSpectrum: this.estimateSpectrum,
    };
  }

  /** The leak regression; returns whether the filter has diverged (its error louder than the microphone). */
  private updateLeak(mic: Float32Array): boolean {
    const { bins } = this;
    const E = this.errorSpectrum;
    const Yb = this.estimateSpectrum;
    let pey = 0;
    let pyy = 0;
    let see = 0;
    let syy = 0;
    for (let k = 0; k < bins; k++) {
      const ee = E[2 * k]! ** 2 + E[2 * k + 1]! ** 2;
      const yy = Yb[2 * k]! ** 2 + Yb[2 * k + 1]! ** 2;
      this.errorMean[k] = (1 - meanWeight) * this.errorMean[k]! + meanWeight * ee;
      this.estimateMean[k] = (1 - meanWeight) * this.estimateMean[k]! + meanWeight * yy;
      const de = ee - this.errorMean[k]!;
      const dy = yy - this.estimateMean[k]!;
      pey += de * dy;
      pyy += dy * dy;
      see += ee;
      syy += yy;
    }
    // Trust this block's regression more when the estimate explains more of the error (Speex's rule); each
    // block's regression is normalised by its own spread, so loud blocks do not outweigh the rest.
    this.see = see;
    this.syy = syy;
    const base = 2 * this.blockSeconds;
    const weight = Math.min(base / 4, (base * syy) / (see + 1e-12));
    const spread = Math.sqrt(pyy) + 1e-20;
    this.pey = (1 - weight) * this.pey + (weight * pey) / spread;
    this.pyy = (1 - weight) * this.pyy + weight * spread;
    // The same regression over a few hundred ms: when the echo path changes (a device's buffer slips, the
    // clocks drift) the residual jumps long before the slow regression sees it.
    const fast = Math.min(fastRegression * base, (fastRegression * 4 * base * syy) / (see + 1e-12));
    this.fastPey = (1 - fast) * this.fastPey + (fast * pey) / spread;
    this.fastPyy = (1 - fast) * this.fastPyy + fast * spread;
    const slowLeak = this.pey / Math.max(this.pyy, 1e-20);
    const fastLeak = this.fastPey / Math.max(this.fastPyy, 1e-20);
    this.leak = Math.min(1, Math.max(minLeak, slowLeak, fastLeak));
    let micEnergy = 0;
    let errorEnergy = 0;
    for (let i = 0; i < this.block; i++) {
      micEnergy += mic[i]! * mic[i]!;
      errorEnergy += this.out.error[i]! ** 2;
    }
    this.micEnergy = micEnergy;
    this.errorEnergy = errorEnergy;
    return !Number.isFinite(errorEnergy) || errorEnergy > divergedRatio * (micEnergy + this.block * 1e-6);
  }

  private adapt(): void {
    const { bins, partitions } = this;
    const E = this.errorSpectrum;
    const Yb = this.estimateSpectrum;
    const adapted = this.adapted;
    // Per-bin step: the residual echo's share of the error (at most `maxStep`), blended with the block's
    // overall share so that no bin stalls on a momentary estimate.
    const blockShare = Math.min(maxStep, (3 * this.leak * this.syy) / (this.see + 1e-20));
    const G = this.scaledError;
    for (let k = 0; k < bins; k++) {
      const er = E[2 * k]!;
      const ei = E[2 * k + 1]!;
      const ee = er * er + ei * ei;
      let step: number;
      if (adapted) {
        const residual = this.leak * (Yb[2 * k]! ** 2 + Yb[2 * k + 1]! ** 2);
        step = 0.7 * Math.min(maxStep, residual / (ee + 1e-20)) + 0.3 * blockShare;
      } else step = startStep;
      const scale = step / (this.farPower[k]! + this.floor);
      G[2 * k] = er * scale;
      G[2 * k + 1] = ei * scale;
    }
    for (let p = 0; p < partitions; p++) {
      const X = this.far[(this.newest - p + partitions) % partitions]!;
      const W = this.weights[p]!;
      const share = this.shares[p]!;
      let norm = 0;
      for (let k = 0; k < bins; k++) {
        const xr = X[2 * k]!;
        const xi = X[2 * k + 1]!;
        const gr = G[2 * k]! * share;
        const gi = G[2 * k + 1]! * share;
        // W += conj(X) · G
        const wr = W[2 * k]! + xr * gr + xi * gi;
        const wi = W[2 * k + 1]! + xr * gi - xi * gr;
        W[2 * k] = wr;
        W[2 * k + 1] = wi;
        norm += wr * wr + wi * wi;
      }
      this.norms[p] = Math.sqrt(norm);
    }
    this.adaptedBlocks++;
    this.micSmooth = 0.9 * this.micSmooth + 0.1 * this.micEnergy;
    this.errorSmooth = 0.9 * this.errorSmooth + 0.1 * this.errorEnergy;
    if (this.adaptedBlocks >= this.partitions && this.micSmooth > convergedRatio * this.errorSmooth)
      this.converged = true;
    this.constrain();
  }

  /**
   * Keeps one partition a block (in turn) a linear, not circular, convolution: its impulse response's second
   * half, which overlap-save cannot use, is cut. Speex does the same to save transforms.
   */
  private constrain(): void {
    const W = this.weights[this.constrainNext]!;
    this.constrainNext = (this.constrainNext + 1) % this.partitions;
    const w = this.response;
    this.fft.inverse(W, w);
    w.fill(0, this.block);
    this.fft.forward(w, W);
  }

  reset(): void {
    for (const W of this.weights) W.fill(0);
    this.norms.fill(0);
    for (const X of this.far) X.fill(0);
    this.farFrame.fill(0);
    this.errorMean.fill(0);
    this.estimateMean.fill(0);
    this.pey = startSpread;
    this.pyy = startSpread;
    this.fastPey = startSpread;
    this.fastPyy = startSpread;
    this.leak = 1;
    this.adaptedBlocks = 0;
    this.converged = false;
    this.micSmooth = 0;
    this.errorSmooth = 0;
  }
}
