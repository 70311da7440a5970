// The seam between audio and the realtime engine. The engine speaks wire-format bytes (what goes into
// input_audio_buffer.append and comes out of response.output_audio.delta); audio owns devices, rates,
// channels and conversion. Implementations: PortAudio devices, WAV files (headless shell), test doubles.

/** The GA Realtime audio formats: PCM16 LE mono 24 kHz, or G.711 μ-law / A-law 8 kHz. */
export type WireFormat = 'audio/pcm' | 'audio/pcmu' | 'audio/pcma';

export const wireSampleRate = (format: WireFormat): number => (format === 'audio/pcm' ? 24_000 : 8_000);
export const wireBytesPerSample = (format: WireFormat): number => (format === 'audio/pcm' ? 2 : 1);
export const wireBytesToMs = (format: WireFormat, bytes: number): number =>
  (bytes / wireBytesPerSample(format) / wireSampleRate(format)) * 1000;

/** `ms` of digital silence in a wire format: zero for PCM16, the codes of zero for G.711 (μ-law 0xff, A-law 0xd5). */
export function wireSilence(format: WireFormat, ms: number): Buffer {
  const bytes = Math.round((ms / 1000) * wireSampleRate(format)) * wireBytesPerSample(format);
  return Buffer.alloc(bytes, format === 'audio/pcm' ? 0 : format === 'audio/pcmu' ? 0xff : 0xd5);
}

export interface CaptureChunk {
  /** Wire-format bytes, ready to base64 into input_audio_buffer.append. */
  data: Buffer;
  durationMs: number;
}

export interface InputLevel {
  rmsDbfs: number;
  peakDbfs: number;
}

/** Microphone or file: produces wire-format chunks while running. */
export interface AudioSource {
  readonly format: WireFormat;
  onChunk(listener: (chunk: CaptureChunk) => void): () => void;
  onLevel(listener: (level: InputLevel) => void): () => void;
  /** Fires with a clear, device-naming message; a source that can fall back does so and says so here. */
  onError(listener: (error: Error) => void): () => void;
  /**
   * Optional: a device whose audio starts flowing some time after start() (tens of milliseconds to seconds:
   * Bluetooth, PulseAudio) fires this at the first audio after each start, so the user can be told when to
   * speak. A source without it delivers from start() on (files, test doubles).
   */
  onLive?(listener: () => void): () => void;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Speaker: takes assistant audio as wire-format bytes, through a jitter buffer. */
export interface AudioSink {
  readonly format: WireFormat;
  /** Queue assistant audio (a decoded response.output_audio.delta). */
  write(data: Buffer): void;
  /**
   * Barge-in: stop within one device buffer and drop everything queued. Returns the ms of assistant
   * audio that reached the device since the last `resetPlayed()`; never more than was written.
   */
  stop(): number;
  /** Milliseconds of assistant audio that have reached the device since the last `resetPlayed()`. */
  playedMs(): number;
  /** Start counting from zero (the engine calls this when a new assistant audio item begins). */
  resetPlayed(): void;
  /** True while queued audio is still being played. */
  isPlaying(): boolean;
  /** Resolves once everything written so far has reached the device. */
  drain(): Promise<void>;
  /** An `AudioOutputLost` error means the sink plays nothing more (the caller drops it). */
  onError(listener: (error: Error) => void): () => void;
  close(): Promise<void>;
}

/**
 * The speaker's device went away mid-use and no other output could take over: the sink plays nothing more,
 * and what it still held is not played (the reply goes on as text).
 */
export class AudioOutputLost extends Error {
  override readonly name = 'AudioOutputLost';
}
