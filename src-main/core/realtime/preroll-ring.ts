// The last moments of microphone audio before a turn, kept in memory only while the microphone is ready and no
// turn holds it. A turn takes them as its pre-roll (a word begun just before the key is kept); nothing else
// reads them, they are never sent otherwise, and they go when the microphone closes.
import {
  wireBytesPerSample,
  wireBytesToMs,
  wireSampleRate,
  type CaptureChunk,
  type WireFormat,
} from '../audio/types';

export class PrerollRing {
  private chunks: CaptureChunk[] = [];
  private heldMs = 0;

  /** Keeps `chunk`, and no more of the older audio than `keepMs` needs. */
  push(chunk: CaptureChunk, keepMs: number): void {
    if (keepMs <= 0) return this.clear();
    this.chunks.push(chunk);
    this.heldMs += chunk.durationMs;
    while (this.chunks.length > 1 && this.heldMs - this.chunks[0]!.durationMs >= keepMs)
      this.heldMs -= this.chunks.shift()!.durationMs;
  }

  /** Audio held, in ms. */
  durationMs(): number {
    return this.heldMs;
  }

  /** Takes the last `ms` of audio (the oldest chunk cut at a sample to fit) and empties the ring. */
  take(ms: number, format: WireFormat): CaptureChunk[] {
    const out = ms > 0 ? this.chunks : [];
    const excessMs = this.heldMs - ms;
    if (out.length && excessMs > 0) {
      const first = out[0]!;
      const bytes = wireBytesPerSample(format);
      const drop = Math.min(
        first.data.length,
        Math.round((excessMs * wireSampleRate(format)) / 1000) * bytes,
      );
      const data = first.data.subarray(drop);
      out[0] = { data, durationMs: wireBytesToMs(format, data.length) };
      if (!data.length) out.shift();
    }
    this.chunks = [];
    this.heldMs = 0;
    return out;
  }

  clear(): void {
    this.chunks = [];
    this.heldMs = 0;
  }
}
