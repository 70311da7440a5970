// A first-in first-out queue of float samples on one growing ring buffer: no allocation once it has
// reached its working size.

export class SampleQueue {
  private buffer: Float32Array;
  private head = 0; // index of the oldest sample
  private count = 0;

  constructor(capacity = 4096) {
    this.buffer = new Float32Array(capacity);
  }

  get length(): number {
    return this.count;
  }

  push(samples: Float32Array): void {
    this.reserve(this.count + samples.length);
    const cap = this.buffer.length;
    const tail = (this.head + this.count) % cap;
    const first = Math.min(samples.length, cap - tail);
    this.buffer.set(samples.subarray(0, first), tail);
    this.buffer.set(samples.subarray(first), 0);
    this.count += samples.length;
  }

  pushZeros(n: number): void {
    this.reserve(this.count + n);
    const cap = this.buffer.length;
    const tail = (this.head + this.count) % cap;
    const first = Math.min(n, cap - tail);
    this.buffer.fill(0, tail, tail + first);
    this.buffer.fill(0, 0, n - first);
    this.count += n;
  }

  /** Moves the `n` oldest samples into `out` at `at` (zeros for any the queue does not have). */
  shift(n: number, out: Float32Array, at = 0): void {
    const have = Math.min(n, this.count);
    const cap = this.buffer.length;
    const first = Math.min(have, cap - this.head);
    out.set(this.buffer.subarray(this.head, this.head + first), at);
    out.set(this.buffer.subarray(0, have - first), at + first);
    out.fill(0, at + have, at + n);
    this.head = (this.head + have) % cap;
    this.count -= have;
  }

  /** Forgets the `n` oldest samples. */
  drop(n: number): void {
    const gone = Math.min(n, this.count);
    this.head = (this.head + gone) % this.buffer.length;
    this.count -= gone;
  }

  clear(): void {
    this.head = this.count = 0;
  }

  private reserve(size: number): void {
    if (size <= this.buffer.length) return;
    let cap = this.buffer.length * 2;
    while (cap < size) cap *= 2;
    const next = new Float32Array(cap);
    const held = this.count;
    this.shift(held, next); // the samples in order, from index 0
    this.buffer = next;
    this.head = 0;
    this.count = held;
  }
}
