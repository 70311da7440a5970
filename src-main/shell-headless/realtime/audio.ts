// The headless shell's audio: WAV files (one per turn) or a PortAudio microphone in, a WAV file and/or a
// PortAudio speaker out — the audio engineer's sources and sinks behind the engine's AudioFactory.
import type { EchoPath } from '../../core/audio/echo-path';
import {
  AudioOutputLost,
  type AudioSink,
  type AudioSource,
  type CaptureChunk,
  type InputLevel,
  type WireFormat,
} from '../../core/audio/types';
import { createWavFileSource, type WavFileSource } from '../../core/audio/wav-source';
import { createWavFileSink } from '../../core/audio/wav-sink';
import type { AudioFactory } from '../../core/realtime/engine';
import { nullAudio } from '../../core/realtime/null-audio';

/** WAV files waiting for their turn; each resolves once all its audio has been delivered. */
export class WavQueue {
  readonly files: { path: string; delivered: () => void }[] = [];
  /** Queue the file the next key-down plays. */
  next(path: string): Promise<void> {
    return new Promise((delivered) => this.files.push({ path, delivered }));
  }
}

/** One source for the engine; each start() (key-down) plays the next queued WAV file through the capture chain. */
export class WavTurnSource implements AudioSource {
  private chunkListeners = new Set<(chunk: CaptureChunk) => void>();
  private levelListeners = new Set<(level: InputLevel) => void>();
  private errorListeners = new Set<(error: Error) => void>();
  private current: WavFileSource | undefined;

  constructor(
    readonly format: WireFormat,
    private readonly realTime: boolean,
    private readonly queue: WavQueue,
  ) {}

  onChunk(l: (chunk: CaptureChunk) => void) {
    this.chunkListeners.add(l);
    return () => void this.chunkListeners.delete(l);
  }
  onLevel(l: (level: InputLevel) => void) {
    this.levelListeners.add(l);
    return () => void this.levelListeners.delete(l);
  }
  onError(l: (error: Error) => void) {
    this.errorListeners.add(l);
    return () => void this.errorListeners.delete(l);
  }

  async start(): Promise<void> {
    const file = this.queue.files.shift();
    if (!file) return;
    const { path, delivered } = file;
    const source = createWavFileSource({ path, format: this.format, realTime: this.realTime });
    this.current = source;
    source.onChunk((c) => this.chunkListeners.forEach((l) => l(c)));
    source.onLevel((v) => this.levelListeners.forEach((l) => l(v)));
    source.onError((e) => this.errorListeners.forEach((l) => l(e)));
    void source.done.then(delivered);
    await source.start();
  }

  async stop(): Promise<void> {
    await this.current?.stop();
  }
}

/**
 * Both outputs at once (file and device); played time is the device's when there is one. A device lost with
 * no other to take over leaves the file: it still gets the whole reply, and the loss is reported as a warning.
 */
export function teeSink(primary: AudioSink, secondary: AudioSink): AudioSink {
  let primaryLost = false;
  return {
    format: primary.format,
    write(data) {
      if (!primaryLost) primary.write(data);
      secondary.write(data);
    },
    stop() {
      secondary.stop();
      return primary.stop();
    },
    playedMs: () => primary.playedMs(),
    resetPlayed() {
      primary.resetPlayed();
      secondary.resetPlayed();
    },
    isPlaying: () => (!primaryLost && primary.isPlaying()) || secondary.isPlaying(),
    drain: async () => void (await Promise.all([primary.drain(), secondary.drain()])),
    onError(listener) {
      const a = primary.onError((error) => {
        if (!(error instanceof AudioOutputLost)) return listener(error);
        primaryLost = true;
        listener(new Error(`${error.message} (the --output file still gets all of it)`));
      });
      const b = secondary.onError(listener);
      return () => (a(), b());
    },
    close: async () => void (await Promise.all([primary.close(), secondary.close()])),
  };
}

export interface HeadlessAudioOptions {
  wavTurns: boolean;
  realTime: boolean;
  inputDevice?: string;
  output?: string;
  outputDevice?: string;
  /** The core's echo canceller, between the devices (read when they open: the core is built after this). */
  echo?: () => EchoPath | undefined;
}

export interface HeadlessAudio {
  factory: AudioFactory;
  /** WAV turns: queue a file before the key goes down. */
  wavQueue: WavQueue;
  /** The sink, once created (to drain after each turn). */
  sink(): AudioSink | undefined;
}

export function headlessAudio(options: HeadlessAudioOptions): HeadlessAudio {
  const wavQueue = new WavQueue();
  let sink: AudioSink | undefined;
  return {
    wavQueue,
    sink: () => sink,
    factory: {
      async createSource(format) {
        if (options.wavTurns) return new WavTurnSource(format, options.realTime, wavQueue);
        // Loaded only when a device is used: PortAudio never starts for WAV-only runs.
        const { createDeviceSource } = await import('../../core/audio/device-source');
        return createDeviceSource({ format, device: options.inputDevice ?? null, echo: options.echo?.() });
      },
      async createSink(format) {
        const file = options.output ? createWavFileSink(options.output, format) : undefined;
        let device: AudioSink | undefined;
        if (options.outputDevice) {
          const { createDeviceSink } = await import('../../core/audio/device-sink');
          device = createDeviceSink({ format, device: options.outputDevice, echo: options.echo?.() });
        }
        sink =
          device && file ? teeSink(device, file) : (device ?? file ?? (await nullAudio.createSink(format)));
        return sink;
      },
    },
  };
}
