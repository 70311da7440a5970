// The microphone: a PortAudio input opened at the device's own rate and channel count (float samples),
// converted by the capture chain. If the device fails while running and it was not the default, capture
// moves to the default device and says so. It reports when audio starts flowing after each start: a device
// can take seconds for that (measured on the PulseAudio rig: ≈ 1.9 s; Bluetooth headsets alike).
import { createCaptureChain, type CaptureChain } from './capture-chain';
import type { EchoPath } from './echo-path';
import { describeDevice, type AudioDevice } from './devices';
import { openWithFallback, type DeviceFallback } from './device-open';
import { portAudio, type PaStream, type PortAudio } from './portaudio';
import type { AudioSource, CaptureChunk, InputLevel, WireFormat } from './types';

export interface DeviceSourceOptions {
  format: WireFormat;
  /** Device id or name from listAudioDevices; null = system default. */
  device: string | null;
  chunkMs?: number;
  /** PortAudio block (default 10 ms). */
  blockMs?: number;
  /**
   * How much captured audio PortAudio may hold while JavaScript is busy (default 2000 ms). Beyond it the
   * device callback blocks and PortAudio drops blocks (an overrun). Free-running test devices (the ALSA
   * `file` rig) produce audio as fast as it is read, so tests that capture long stretches raise this.
   */
  queueMs?: number;
  onFallback?: (fallback: DeviceFallback) => void;
  /** For tests: a PortAudio other than naudiodon2. */
  portAudio?: PortAudio;
  /** The echo canceller: every block goes through it (as mono float at the device rate) before the chain. */
  echo?: Pick<EchoPath, 'near'>;
}

export interface DeviceSource extends AudioSource {
  /** The device in use once started. */
  device(): AudioDevice | undefined;
}

/** Interleaved frames averaged to mono (the first channel's array itself when there is one). */
function monoOf(frames: Float32Array, channels: number): Float32Array {
  if (channels === 1) return frames;
  const out = new Float32Array(Math.floor(frames.length / channels));
  for (let i = 0; i < out.length; i++) {
    let sum = 0;
    for (let c = 0; c < channels; c++) sum += frames[i * channels + c]!;
    out[i] = sum / channels;
  }
  return out;
}

export function createDeviceSource(options: DeviceSourceOptions): DeviceSource {
  const chunkListeners = new Set<(chunk: CaptureChunk) => void>();
  const levelListeners = new Set<(level: InputLevel) => void>();
  const errorListeners = new Set<(error: Error) => void>();
  const liveListeners = new Set<() => void>();
  const subscribe = <T>(set: Set<T>, l: T) => (set.add(l), () => set.delete(l));
  const fail = (error: Error) => errorListeners.forEach((l) => l(error));
  let stream: PaStream | undefined;
  let captureChain: CaptureChain | undefined; // the running stream's chain
  let current: AudioDevice | undefined;
  let wanted = options.device;

  const open = () => {
    const pa = options.portAudio ?? portAudio();
    const opened = openWithFallback(
      pa,
      'input',
      wanted,
      (device) => {
        const frames = Math.round((device.defaultSampleRate * (options.blockMs ?? 10)) / 1000);
        const io = pa.AudioIO({
          inOptions: {
            deviceId: device.index,
            sampleRate: device.defaultSampleRate,
            channelCount: device.channels,
            sampleFormat: pa.SampleFormatFloat32,
            framesPerBuffer: frames,
            highwaterMark: frames * device.channels * 4,
            maxQueue: Math.max(2, Math.ceil((options.queueMs ?? 2000) / (options.blockMs ?? 10))),
            closeOnError: false,
          },
        });
        // Started inside the open attempt: a device that opens but will not start (busy, unplugged between
        // the scan and the start) falls back to the default like one that will not open.
        try {
          io.start();
        } catch (error) {
          io.quit();
          throw error;
        }
        return io;
      },
      (fallback) => {
        options.onFallback?.(fallback);
        fail(new Error(fallback.message));
      },
    );
    current = opened.device;
    const chain: CaptureChain = (captureChain = createCaptureChain({
      inputRate: current.defaultSampleRate,
      // With an echo canceller the chain gets its mono output.
      inputChannels: options.echo ? 1 : current.channels,
      format: options.format,
      chunkMs: options.chunkMs,
      onChunk: (chunk) => chunkListeners.forEach((l) => l(chunk)),
      onLevel: (level) => levelListeners.forEach((l) => l(level)),
    }));
    const io = opened.handle;
    const device = current;
    let flowing = false;
    io.on('data', (buf: Buffer) => {
      // After stop() the chain has been flushed: audio still arriving was captured after key-up.
      if (stream !== io) return;
      if (!flowing) {
        flowing = true;
        liveListeners.forEach((l) => l());
      }
      // Float32 view; napi buffers are normally aligned, copy when not.
      const aligned = buf.byteOffset % 4 === 0 ? buf : Buffer.from(buf);
      const frames = new Float32Array(aligned.buffer, aligned.byteOffset, aligned.byteLength >> 2);
      if (!options.echo) return chain.push(frames);
      chain.push(options.echo.near(monoOf(frames, device.channels), device.defaultSampleRate));
    });
    io.on('error', (error: unknown) => {
      if (stream !== io) return;
      const message = `Capture from ${describeDevice(device)} failed: ${error instanceof Error ? error.message : String(error)}`;
      fail(new Error(message));
      if (wanted !== null) {
        // Fall back to the system default and keep going.
        options.onFallback?.({ kind: 'input', failed: wanted, using: 'default', message });
        wanted = null;
        stream = undefined;
        // What the failed device did capture still goes out before the default's audio follows.
        chain.finish();
        io.quit();
        try {
          start();
        } catch {
          // Already reported through onError; a throw here would escape the stream's event handler.
        }
      }
    });
    stream = io;
  };
  const start = () => {
    try {
      open();
    } catch (error) {
      fail(error as Error);
      throw error;
    }
  };

  return {
    format: options.format,
    device: () => current,
    onChunk: (l) => subscribe(chunkListeners, l),
    onLevel: (l) => subscribe(levelListeners, l),
    onError: (l) => subscribe(errorListeners, l),
    onLive: (l) => subscribe(liveListeners, l),
    async start() {
      if (stream) return;
      start();
    },
    async stop() {
      const io = stream;
      const chain = captureChain;
      stream = undefined;
      captureChain = undefined;
      if (!io) return;
      io.pause();
      // Key-up: the last partial chunk and the resampler's tail are the end of what the user said. Deliver
      // them now, before quit() (which waits for the device), so the engine can commit straight away.
      chain?.finish();
      await new Promise<void>((resolve) => io.quit(resolve));
    },
  };
}
