// fft.js ships no types: the part of its API the echo canceller uses (see its lib/fft.js). Complex arrays
// are interleaved [re0, im0, re1, im1, ...]; any indexable number array works, typed arrays included.
declare module 'fft.js' {
  type NumberArray = { [index: number]: number; length: number };
  export default class FFT {
    constructor(size: number);
    readonly size: number;
    /** Forward transform of real input: fills bins 0..size/2 of `out` (2·size numbers long). */
    realTransform(out: NumberArray, input: NumberArray): void;
    /** Complex forward transform. */
    transform(out: NumberArray, input: NumberArray): void;
    /** Complex inverse transform, scaled by 1/size. */
    inverseTransform(out: NumberArray, input: NumberArray): void;
  }
}
