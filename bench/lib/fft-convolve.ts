// Linear convolution through one FFT: the simulated room response is thousands of taps long (RT60 250 ms at
// 48 kHz), which direct convolution would take seconds to apply to a few seconds of speech.

/** In-place iterative radix-2 FFT of (re, im); `n` must be a power of two. `inverse` also scales by 1/n. */
function fft(re: Float64Array, im: Float64Array, inverse: boolean): void {
  const n = re.length;
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      [re[i], re[j]] = [re[j]!, re[i]!];
      [im[i], im[j]] = [im[j]!, im[i]!];
    }
  }
  for (let len = 2; len <= n; len <<= 1) {
    const angle = ((inverse ? 2 : -2) * Math.PI) / len;
    const wr = Math.cos(angle);
    const wi = Math.sin(angle);
    for (let start = 0; start < n; start += len) {
      let cr = 1;
      let ci = 0;
      for (let k = 0; k < len / 2; k++) {
        const a = start + k;
        const b = a + len / 2;
        const tr = re[b]! * cr - im[b]! * ci;
        const ti = re[b]! * ci + im[b]! * cr;
        re[b] = re[a]! - tr;
        im[b] = im[a]! - ti;
        re[a] = re[a]! + tr;
        im[a] = im[a]! + ti;
        const next = cr * wr - ci * wi;
        ci = cr * wi + ci * wr;
        cr = next;
      }
    }
  }
  if (inverse)
    for (let i = 0; i < n; i++) {
      re[i] = re[i]! / n;
      im[i] = im[i]! / n;
    }
}

/** x * h, truncated to x's length (the room's tail past the end of the recording is not heard). */
export function fftConvolve(x: Float32Array, h: Float32Array): Float32Array {
  let n = 1;
  while (n < x.length + h.length - 1) n <<= 1;
  const xr = new Float64Array(n);
  const xi = new Float64Array(n);
  const hr = new Float64Array(n);
  const hi = new Float64Array(n);
  xr.set(x);
  hr.set(h);
  fft(xr, xi, false);
  fft(hr, hi, false);
  for (let i = 0; i < n; i++) {
    const r = xr[i]! * hr[i]! - xi[i]! * hi[i]!;
    xi[i] = xr[i]! * hi[i]! + xi[i]! * hr[i]!;
    xr[i] = r;
  }
  fft(xr, xi, true);
  return Float32Array.from(xr.subarray(0, x.length));
}
