// The wire audio a speaker was given since its played count last started from zero, kept only until it is
// known to have played. When the device fails mid-reply, the rest goes to the next device from here: converted
// once from the wire for that device, never resampled twice.
import { wireBytesPerSample, wireSampleRate, type WireFormat } from './types';

export class UnplayedAudio {
  private parts: Buffer[] = [];
  /** Byte offset, since the reset, of the first part kept. */
  private start = 0;
  private total = 0;

  constructor(private readonly format: WireFormat) {}

  /** Keeps `data` (not copied: written audio is never reused); parts already played are let go. */
  add(data: Buffer, playedMs: number): void {
    this.parts.push(data);
    this.total += data.length;
    const played = this.bytesAt(playedMs);
    while (this.parts.length > 0 && this.start + this.parts[0]!.length <= played)
      this.start += this.parts.shift()!.length;
  }

  /** What was written after the first `playedMs` milliseconds. */
  after(playedMs: number): Buffer {
    const from = Math.min(this.bytesAt(playedMs), this.total);
    return Buffer.concat(this.parts).subarray(Math.max(0, from - this.start));
  }

  reset(): void {
    this.parts = [];
    this.start = 0;
    this.total = 0;
  }

  /** Whole samples only: a PCM16 cut never splits a sample. */
  private bytesAt(ms: number): number {
    return Math.floor((ms * wireSampleRate(this.format)) / 1000) * wireBytesPerSample(this.format);
  }
}
