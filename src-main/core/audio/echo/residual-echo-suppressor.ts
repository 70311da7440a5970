// The non-linear part of the echo canceller: after the linear filter, what is left of the echo (the filter's
// misadjustment, the speaker's distortion, the room's tail past the filter) is turned down bin by bin. Each
// bin keeps the share of its power that is not residual echo (a spectral subtraction gain), so where the
// user's voice dominates a bin it passes almost untouched, and where only echo is left the bin is silenced.
//
// The residual echo is estimated from the filter: `leak` × the echo estimate's power. Before the filter has
// adapted, its estimate is worth nothing, so the far end's own recent power (held at its peak and decaying
// like a room) stands in for it, as loud as the far end itself: the start of the first reply is suppressed
// whole (as AEC3 does) rather than heard.
//
// Below `lowCutHz` the output is silenced outright. The filter cannot be trusted there: a 256-sample block
// holds one to four cycles, and those bins are otherwise filled with the spectral leakage of the voice's
// harmonics, so they learn little. On the PulseAudio rig the assistant's voice (espeak-ng) has short
// stretches dominated by sound under 70 Hz (a slow offset at some word ends); the filter passed them
// uncancelled, the suppressor trusted its estimate, and 20–40 ms at −39 dBFS reached the server, whose VAD
// took them for the user (2 self-interruptions in 16 runs; in the runs recorded, every echo that passed the
// gate came at those stretches). Speech needs nothing down there, and voice capture paths high-pass it anyway.
//
// Analysis and synthesis: square-root Hann windows on two blocks with one block's hop, so the gains are
// applied to overlapping frames that add back up to the signal; this delays the output by one block.
import { RealFft } from './real-fft';

/** How much residual echo each bin is assumed to hold beyond the estimate (over-subtraction). */
const overSubtraction = 8;
/** Bins under this frequency are silenced (see above). */
const lowCutHz = 80;
/** The lowest gain: −40 dB. */
const minGain = 0.01;
/** The residual estimate falls at most this fast (per block): the echo's own decay in a room. */
const residualDecay = 0.8;
/** Before adaptation, the far end's held power falls this much per block (about a room's RT60 of 250 ms). */
const farHoldDecay = 0.9;
/** Bins per band for the per-band measurements (16 × 47 Hz = 750 Hz at 24 kHz). */
const bandBins = 16;
/** A band counts as cancelled by the filter while it removes at least this much of the echo there (6 dB). */
const trackedErle = 4;
/** Bands are measured only when the filter's estimate holds at least this share of the microphone's power. */
const estimateShare = 0.8;
/** Per block measured, the held coupling falls this much (to 1/e in about 2 s of measured blocks). */
const couplingDecay = 0.995;
/** Smoothing of the per-band measurements (per block measured). */
const bandWeight = 0.05;
/** Before adaptation, the echo is assumed this loud relative to the far end (in power). */
const unknownPathGain = 1;

export class ResidualEchoSuppressor {
  private readonly fft: RealFft;
  private readonly bins: number;
  private readonly window: Float64Array;
  private readonly frame: Float64Array;
  private readonly errorFrame: Float64Array; // the last two error blocks
  private readonly echoFrame: Float64Array; // the last two echo-estimate blocks
  private readonly farFrame: Float64Array; // the last two far blocks
  private readonly errorSpectrum: Float64Array;
  private readonly echoSpectrum: Float64Array;
  private readonly farSpectrum: Float64Array;
  private readonly residual: Float64Array;
  private readonly farHeld: Float64Array;
  private readonly overlap: Float64Array; // the second half of the last synthesised frame
  private readonly bands: number;
  private readonly bandMic: Float64Array; // microphone power where the estimate dominates, smoothed
  private readonly bandError: Float64Array; // error power there, smoothed
  private readonly bandCoupling: Float64Array; // echo power over the far end's held power, per band
  private readonly output: Float64Array;
  /** The bins under `lowCutHz`. */
  private readonly lowBins: number;

  constructor(
    readonly block: number,
    rate: number,
  ) {
    this.fft = new RealFft(2 * block);
    this.bins = this.fft.bins;
    this.lowBins = Math.ceil(lowCutHz / (rate / (2 * block)));
    const n = 2 * block;
    this.window = new Float64Array(n).map((_, i) => Math.sin((Math.PI * (i + 0.5)) / n)); // √Hann
    this.frame = new Float64Array(n);
    this.errorFrame = new Float64Array(n);
    this.echoFrame = new Float64Array(n);
    this.farFrame = new Float64Array(n);
    this.errorSpectrum = new Float64Array(2 * this.bins);
    this.echoSpectrum = new Float64Array(2 * this.bins);
    this.farSpectrum = new Float64Array(2 * this.bins);
    this.residual = new Float64Array(this.bins);
    this.farHeld = new Float64Array(this.bins);
    this.overlap = new Float64Array(block);
    this.bands = Math.ceil(this.bins / bandBins);
    this.bandMic = new Float64Array(this.bands);
    this.bandError = new Float64Array(this.bands);
    this.bandCoupling = new Float64Array(this.bands).fill(unknownPathGain);
    this.output = new Float64Array(block);
  }

  /** One block of the filter's error and echo estimate, and the aligned far end: returns `block` samples. */
  process(
    error: Float64Array,
    echo: Float64Array,
    far: Float32Array,
    leak: number,
    adapted: boolean,
    farActive: boolean,
  ): Float64Array {
    const { block, bins } = this;
    this.shiftIn(this.errorFrame, error, this.errorSpectrum);
    this.shiftIn(this.echoFrame, echo, this.echoSpectrum);
    this.shiftIn(this.farFrame, far, this.farSpectrum);
    const E = this.errorSpectrum;
    const Y = this.echoSpectrum;
    const X = this.farSpectrum;
    if (farActive) this.measureBands();
    for (let k = 0; k < bins; k++) {
      const farPower = X[2 * k]! ** 2 + X[2 * k + 1]! ** 2;
      this.farHeld[k] = Math.max(farPower, farHoldDecay * this.farHeld[k]!);
      let estimate = leak * (Y[2 * k]! ** 2 + Y[2 * k + 1]! ** 2);
      if (!adapted) estimate = Math.max(estimate, unknownPathGain * this.farHeld[k]!);
      else {
        // A band the filter does not cancel (it cannot follow the echo path there: clock drift turns the
        // phase of the higher frequencies faster than it adapts) gets the far end's power through the band's
        // measured coupling as its residual, whatever the filter's estimate says.
        const band = Math.min(this.bands - 1, Math.floor(k / bandBins));
        if (!this.follows(band)) estimate = Math.max(estimate, this.bandCoupling[band]! * this.farHeld[k]!);
      }
      this.residual[k] = Math.max(estimate, residualDecay * this.residual[k]!);
      const errorPower = E[2 * k]! ** 2 + E[2 * k + 1]! ** 2;
      const gain =
        k < this.lowBins
          ? 0
          : Math.max(minGain, 1 - (overSubtraction * this.residual[k]!) / (errorPower + 1e-20));
      E[2 * k] = E[2 * k]! * gain;
      E[2 * k + 1] = E[2 * k + 1]! * gain;
    }
    this.fft.inverse(E, this.frame);
    for (let i = 0; i < block; i++) {
      this.output[i] = this.overlap[i]! + this.frame[i]! * this.window[i]!;
      this.overlap[i] = this.frame[block + i]! * this.window[block + i]!;
    }
    return this.output;
  }

  /**
   * Per band, while the far end plays and the filter's estimate holds most of the microphone's power (so the
   * user is not talking there): how much of the echo the filter removes, and the echo's coupling to the far
   * end's held power, held at its peaks and decaying slowly (the residual it gives stands in for an echo the
   * filter misses, so it errs loud). The microphone is error + estimate.
   */
  private measureBands(): void {
    const E = this.errorSpectrum;
    const Y = this.echoSpectrum;
    for (let band = 0; band < this.bands; band++) {
      let mic = 0;
      let err = 0;
      let est = 0;
      let far = 0;
      const end = Math.min(this.bins, (band + 1) * bandBins);
      for (let k = band * bandBins; k < end; k++) {
        const dr = E[2 * k]! + Y[2 * k]!;
        const di = E[2 * k + 1]! + Y[2 * k + 1]!;
        mic += dr * dr + di * di;
        err += E[2 * k]! ** 2 + E[2 * k + 1]! ** 2;
        est += Y[2 * k]! ** 2 + Y[2 * k + 1]! ** 2;
        far += this.farHeld[k]!;
      }
      if (est < estimateShare * mic || far <= 0) continue;
      this.bandMic[band] = (1 - bandWeight) * this.bandMic[band]! + bandWeight * mic;
      this.bandError[band] = (1 - bandWeight) * this.bandError[band]! + bandWeight * err;
      this.bandCoupling[band] = Math.max(mic / far, couplingDecay * this.bandCoupling[band]!);
    }
  }

  /** Whether the filter removes at least `trackedErle` of the echo in `band`; trusted until measured. */
  private follows(band: number): boolean {
    return this.bandMic[band]! === 0 || this.bandMic[band]! >= trackedErle * this.bandError[band]!;
  }

  /** Slides `samples` into the two-block `frame` and takes the windowed frame's spectrum. */
  private shiftIn(frame: Float64Array, samples: ArrayLike<number>, spectrum: Float64Array): void {
    const { block } = this;
    frame.copyWithin(0, block);
    for (let i = 0; i < block; i++) frame[block + i] = samples[i]!;
    for (let i = 0; i < 2 * block; i++) this.frame[i] = frame[i]! * this.window[i]!;
    this.fft.forward(this.frame, spectrum);
  }

  /**
   * A fresh start for a fresh filter (a new reply, a realignment): the signal state. What was learnt of the
   * device's bands (how well a filter cancels there, the coupling) is kept: it belongs to the devices.
   */
  restart(): void {
    for (const a of [
      this.errorFrame,
      this.echoFrame,
      this.farFrame,
      this.residual,
      this.farHeld,
      this.overlap,
    ])
      a.fill(0);
  }

  /** Forgets everything (another device, another conversation). */
  reset(): void {
    this.restart();
    this.bandMic.fill(0);
    this.bandError.fill(0);
    this.bandCoupling.fill(unknownPathGain);
  }
}
