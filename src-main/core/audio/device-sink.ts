// The speaker: a PortAudio output opened at the device's own rate and channel count (16-bit), fed one block
// at a time by the paced sink. naudiodon's queue is one block deep, so a write resolves when the device has
// taken the block before it: played time is counted from those, and after stop() at most the two blocks
// already handed over (2 × blockMs) still sound, plus what PortAudio and the sound server hold. On the
// PulseAudio rig that is ≈ 40 ms from stop() to silence with 10 ms blocks (pulse-barge-in.test.ts). 5 ms
// blocks or PortAudio periods roughly halve it but underrun badly on a loaded 2-core machine, so 10 ms
// stays the default. If the device fails while in use and it was not the default, playback moves to the
// default device (the queued reply is lost, later audio plays) and says so.
import { describeDevice, type AudioDevice } from './devices';
import { openWithFallback, type DeviceFallback } from './device-open';
import { createPacedSink, type BlockWriter, type PacedSink } from './paced-sink';
import { portAudio, type PaStream, type PortAudio } from './portaudio';
import type { AudioSink, WireFormat } from './types';

export interface DeviceSinkOptions {
  format: WireFormat;
  /** Device id or name from listAudioDevices; null = system default. */
  device: string | null;
  blockMs?: number;
  targetMs?: number;
  maxMs?: number;
  onFallback?: (fallback: DeviceFallback) => void;
  portAudio?: PortAudio;
}

export interface DeviceSink extends AudioSink {
  device(): AudioDevice;
  stats(): ReturnType<PacedSink['stats']>;
}

function streamWriter(io: PaStream): BlockWriter {
  let failed: Error | undefined;
  io.on('error', (error: unknown) => (failed = error instanceof Error ? error : new Error(String(error))));
  return {
    write: (block) =>
      new Promise<void>((resolve, reject) => {
        if (failed) return reject(failed);
        io.write(block, (error) =>
          error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(),
        );
      }),
    close: () => new Promise<void>((resolve) => io.quit(resolve)),
  };
}

/** Opens the output (falling back to the default when needed); throws naming the device if none opens. */
export function createDeviceSink(options: DeviceSinkOptions): DeviceSink {
  const pa = options.portAudio ?? portAudio();
  const blockMs = options.blockMs ?? 10;
  const errorListeners = new Set<(error: Error) => void>();
  const fail = (error: Error) => errorListeners.forEach((l) => l(error));
  let wanted = options.device;
  let playedBefore = 0; // played on a device we left after a failure, since the last resetPlayed()

  const open = (): { device: AudioDevice; sink: PacedSink } => {
    const opened = openWithFallback(
      pa,
      'output',
      wanted,
      (device) => {
        const frames = Math.max(1, Math.round((device.defaultSampleRate * blockMs) / 1000));
        const io = pa.AudioIO({
          outOptions: {
            deviceId: device.index,
            sampleRate: device.defaultSampleRate,
            channelCount: device.channels,
            sampleFormat: pa.SampleFormat16Bit,
            framesPerBuffer: frames,
            maxQueue: 1,
            closeOnError: false,
          },
        });
        io.start();
        return io;
      },
      (fallback) => {
        options.onFallback?.(fallback);
        fail(new Error(fallback.message));
      },
    );
    const device = opened.device;
    const sink = createPacedSink({
      format: options.format,
      deviceRate: device.defaultSampleRate,
      deviceChannels: device.channels,
      writer: streamWriter(opened.handle),
      blockMs,
      targetMs: options.targetMs,
      maxMs: options.maxMs,
      deviceName: describeDevice(device),
    });
    sink.onError((error) => {
      fail(error);
      if (wanted === null || current.sink !== sink) return;
      playedBefore += sink.playedMs();
      options.onFallback?.({ kind: 'output', failed: wanted, using: 'default', message: error.message });
      wanted = null;
      void sink.close().catch(() => {});
      try {
        current = open();
      } catch (reopenError) {
        fail(reopenError as Error);
      }
    });
    return { device, sink };
  };
  let current = open();

  return {
    format: options.format,
    device: () => current.device,
    stats: () => current.sink.stats(),
    write: (data) => current.sink.write(data),
    stop() {
      const played = playedBefore + current.sink.stop();
      playedBefore = 0;
      return played;
    },
    playedMs: () => playedBefore + current.sink.playedMs(),
    resetPlayed() {
      playedBefore = 0;
      current.sink.resetPlayed();
    },
    isPlaying: () => current.sink.isPlaying(),
    drain: () => current.sink.drain(),
    onError(listener) {
      errorListeners.add(listener);
      return () => errorListeners.delete(listener);
    },
    close: () => current.sink.close(),
  };
}
