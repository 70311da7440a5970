// The last `capacity` samples of a stream, readable at any distance back: the far end delayed by the
// alignment, and the recent past a fresh filter is primed with. Copies in at most two runs (the ring
// wraps once), as this runs for every 10 ms frame.

export class History {
  private readonly buffer: Float32Array;
  private end = 0; // total samples written

  constructor(readonly capacity: number) {
    this.buffer = new Float32Array(capacity);
  }

  write(samples: Float32Array): void {
    const input = samples.length > this.capacity ? samples.subarray(samples.length - this.capacity) : samples;
    this.end += samples.length - input.length;
    const at = this.end % this.capacity;
    const first = Math.min(input.length, this.capacity - at);
    this.buffer.set(input.subarray(0, first), at);
    this.buffer.set(input.subarray(first), 0);
    this.end += input.length;
  }

  /**
   * Fills `out` with the samples that ended `back` samples before the newest one (0: the newest
   * `out.length`); zeros where that reaches before the first sample written or past the capacity.
   */
  read(back: number, out: Float32Array): void {
    const from = this.end - back - out.length;
    const oldest = Math.max(0, this.end - this.capacity);
    const skip = Math.min(out.length, Math.max(0, oldest - from)); // samples no longer (or never) held
    out.fill(0, 0, skip);
    let k = from + skip;
    let i = skip;
    while (i < out.length) {
      const at = k % this.capacity;
      const n = Math.min(out.length - i, this.capacity - at, this.end - k);
      if (n <= 0) break;
      out.set(this.buffer.subarray(at, at + n), i);
      i += n;
      k += n;
    }
    out.fill(0, i);
  }

  clear(): void {
    this.end = 0;
  }
}
