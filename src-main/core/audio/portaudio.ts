// naudiodon2 (PortAudio), loaded only when a device is actually used so importing core loads no native code.
// Its C code prints PortAudio's version and the stream options to stdout (fd 1) every time a stream is
// opened; getDevices() prints nothing to stdout but ALSA may print configuration noise to stderr.
// A process whose stdout must stay clean (JSON lines) should open devices in a child process.
import { createRequire } from 'node:module';

export interface PaDeviceInfo {
  id: number;
  name: string;
  maxInputChannels: number;
  maxOutputChannels: number;
  defaultSampleRate: number;
  hostAPIName: string;
}

export interface PaHostApis {
  defaultHostAPI: number;
  HostAPIs: { id: number; name: string; defaultInput: number; defaultOutput: number }[];
}

export interface PaStreamOptions {
  deviceId: number;
  sampleRate: number;
  channelCount: number;
  sampleFormat: 1 | 16;
  maxQueue?: number;
  framesPerBuffer?: number;
  highwaterMark?: number;
  closeOnError?: boolean;
}

/** naudiodon's stream object: a Node stream plus start/quit. */
export interface PaStream extends NodeJS.EventEmitter {
  start(): void;
  /** Stops after the queued blocks have played. (Its abort() throws in naudiodon2 2.5.0.) */
  quit(callback?: () => void): void;
  write(chunk: Buffer, callback: (error?: Error | null) => void): boolean;
  pause(): void;
}

export interface PortAudio {
  getDevices(): PaDeviceInfo[];
  getHostAPIs(): PaHostApis;
  AudioIO(options: { inOptions: PaStreamOptions } | { outOptions: PaStreamOptions }): PaStream;
  SampleFormatFloat32: 1;
  SampleFormat16Bit: 16;
}

let loaded: PortAudio | undefined;

/** Loads naudiodon2 on first call. `segfault-handler` is overridden to a no-op package (see package.json). */
export function portAudio(): PortAudio {
  return (loaded ??= createRequire(import.meta.url)('naudiodon2') as PortAudio);
}
