// Audio doubles for engine tests: a microphone the test feeds by hand (deterministic chunk timing) and a
// speaker that "plays" in real time (played ms = wall time since its audio started, never more than written).
import type { AudioFactory } from '../../../src-main/core/realtime/engine';
import type { AudioSink, AudioSource, CaptureChunk, WireFormat } from '../../../src-main/core/audio/types';
import { bytesPerMs, toneIn } from '../../realtime-sim/formats';

export class HandMic implements AudioSource {
  /** Set by the factory to the format the engine asked for. */
  format: WireFormat = 'audio/pcm';
  running = false;
  private listeners = new Set<(chunk: CaptureChunk) => void>();
  onChunk(listener: (chunk: CaptureChunk) => void) {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }
  onLevel() {
    return () => {};
  }
  onError() {
    return () => {};
  }
  async start() {
    this.running = true;
  }
  async stop() {
    this.running = false;
  }
  /** Speak for `ms` (a tone in the mic's format, 20 ms chunks), delivered synchronously. */
  speak(ms: number, chunkMs = 20): void {
    for (let at = 0; at < ms; at += chunkMs) {
      const d = Math.min(chunkMs, ms - at);
      const chunk = { data: toneIn(this.format, d, 300, 0.4), durationMs: d };
      for (const l of this.listeners) l(chunk);
    }
  }
  /** Room silence for `ms` (20 ms chunks of digital silence in the mic's format), delivered synchronously. */
  quiet(ms: number, chunkMs = 20): void {
    for (let at = 0; at < ms; at += chunkMs) {
      const d = Math.min(chunkMs, ms - at);
      const chunk = { data: toneIn(this.format, d, 300, 0), durationMs: d };
      for (const l of this.listeners) l(chunk);
    }
  }
  /**
   * Speak `count` chunks of `chunkMs` whose every sample is `n · 100` for the n-th chunk (1-based), so a test
   * can tell from the wire which chunks were sent (PCM16 only). See `chunkNumber`.
   */
  speakNumbered(count: number, chunkMs = 100): void {
    const samples = Math.round((chunkMs / 1000) * 24_000);
    for (let n = 1; n <= count; n++) {
      const data = Buffer.alloc(samples * 2);
      for (let i = 0; i < samples; i++) data.writeInt16LE(n * 100, i * 2);
      for (const l of this.listeners) l({ data, durationMs: chunkMs });
    }
  }
}

/** The number `speakNumbered` gave the chunk an append carries. */
export const chunkNumber = (base64: string): number => Buffer.from(base64, 'base64').readInt16LE(0) / 100;

export class RealTimeSpeaker implements AudioSink {
  /** Set by the factory to the format the engine asked for. */
  format: WireFormat = 'audio/pcm';
  /** How many times the engine opened it (the factory's createSink). */
  opens = 0;
  writtenBytes = 0;
  totalWritten = 0;
  /** The size of every write, in order. */
  writes: number[] = [];
  stops: number[] = [];
  private startedAt: number | undefined;
  private base = 0;
  write(data: Buffer): void {
    if (this.startedAt === undefined) this.startedAt = performance.now();
    this.writtenBytes += data.length;
    this.totalWritten += data.length;
    this.writes.push(data.length);
  }
  private writtenMs = () => this.writtenBytes / bytesPerMs(this.format);
  playedMs(): number {
    if (this.startedAt === undefined) return this.base;
    return this.base + Math.min(this.writtenMs(), performance.now() - this.startedAt);
  }
  stop(): number {
    const played = this.playedMs();
    this.stops.push(played);
    this.base = played;
    this.startedAt = undefined;
    this.writtenBytes = 0;
    return played;
  }
  resetPlayed(): void {
    this.base = 0;
    this.startedAt = undefined;
    this.writtenBytes = 0;
  }
  isPlaying(): boolean {
    return this.startedAt !== undefined && performance.now() - this.startedAt < this.writtenMs();
  }
  async drain(): Promise<void> {
    while (this.isPlaying()) await new Promise((r) => setTimeout(r, 10));
  }
  onError() {
    return () => {};
  }
  async close() {}
}

export function testAudio(): { mic: HandMic; speaker: RealTimeSpeaker; factory: AudioFactory } {
  const mic = new HandMic();
  const speaker = new RealTimeSpeaker();
  const factory: AudioFactory = {
    createSource: (format) => Object.assign(mic, { format }),
    createSink: (format) => Object.assign(speaker, { format, opens: speaker.opens + 1 }),
  };
  return { mic, speaker, factory };
}
