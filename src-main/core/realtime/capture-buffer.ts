// The current turn's microphone audio. Chunks captured before the session is confirmed wait here (bounded:
// the oldest audio goes first once the limit is hit), and the whole turn stays until its response is done so
// a reconnect can send it again: no speech is lost between key-down and a confirmed session.
import type { CaptureChunk } from '../audio/types';

export class CaptureBuffer {
  private chunks: CaptureChunk[] = [];
  private sent = 0;
  private totalMs = 0;
  droppedMs = 0;

  constructor(private readonly maxMs: number) {}

  push(chunk: CaptureChunk): void {
    this.chunks.push(chunk);
    this.totalMs += chunk.durationMs;
    while (this.totalMs > this.maxMs && this.chunks.length > 1) {
      const old = this.chunks.shift()!;
      this.totalMs -= old.durationMs;
      // Already on the wire: only a reconnect's re-send loses it. Never sent: that speech is lost.
      if (this.sent > 0) this.sent--;
      else this.droppedMs += old.durationMs;
    }
  }

  /** Chunks not yet on the wire; marks them sent. */
  takeUnsent(): CaptureChunk[] {
    const out = this.chunks.slice(this.sent);
    this.sent = this.chunks.length;
    return out;
  }

  /** A new connection knows nothing of what was sent on the old one. */
  markAllUnsent(): void {
    this.sent = 0;
  }

  /** Audio of the turn so far. */
  durationMs(): number {
    return this.totalMs;
  }

  clear(): void {
    this.chunks = [];
    this.sent = 0;
    this.totalMs = 0;
    this.droppedMs = 0;
  }
}
