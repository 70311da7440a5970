// The speaker: a PortAudio output opened at the device's own rate and channel count (16-bit), fed one block
// at a time by the paced sink. naudiodon's queue is `queueBlocks` deep, so a write resolves when the device
// has taken the block that many before it: played time is counted from those, and after stop() the blocks
// already handed over (queueBlocks + 1, 10 ms each) still sound, plus what PortAudio and the sound server
// hold. On the PulseAudio rig that is ≈ 80 ms from stop() to silence with 4 blocks queued
// (pulse-barge-in.test.ts), against ≈ 40 ms with one; one block was not enough to keep the device fed
// (see defaultQueueBlocks). 5 ms blocks or PortAudio periods underrun badly on a loaded 2-core machine,
// so 10 ms stays the default. If the device fails while in use, playback moves to the system default
// (opened again when it was the one that failed) and the rest of the reply plays there, from where the
// failed device stopped; when no output opens, the sink reports AudioOutputLost and the reply goes on as
// text.
import { describeDevice, type AudioDevice } from './devices';
import { openWithFallback, type DeviceFallback } from './device-open';
import { createPacedSink, PlaybackDeviceFailed, type BlockWriter, type PacedSink } from './paced-sink';
import { portAudio, type PaStream, type PortAudio } from './portaudio';
import { AudioOutputLost, type AudioSink, type WireFormat } from './types';
import { UnplayedAudio } from './unplayed-audio';
import type { EchoPath } from './echo-path';

export interface DeviceSinkOptions {
  format: WireFormat;
  /** Device id or name from listAudioDevices; null = system default. */
  device: string | null;
  blockMs?: number;
  /** Blocks queued ahead of the device (default `defaultQueueBlocks`). */
  queueBlocks?: number;
  targetMs?: number;
  maxMs?: number;
  /** Fires when the device in use fails and a replacement takes over (not at open: see openWithFallback). */
  onFallback?: (fallback: DeviceFallback) => void;
  portAudio?: PortAudio;
  /** The echo canceller's far end: every block written, as mono float at the device rate. */
  echo?: Pick<EchoPath, 'far'>;
}

/** A written block (16-bit, interleaved) as the mono float the echo canceller takes. */
function monoFloat(block: Buffer, channels: number): Float32Array {
  const samples = new Int16Array(block.buffer, block.byteOffset, block.byteLength >> 1);
  const frames = Math.floor(samples.length / channels);
  const out = new Float32Array(frames);
  for (let i = 0; i < frames; i++) out[i] = samples[i * channels]! / 32768;
  return out;
}

export interface DeviceSink extends AudioSink {
  device(): AudioDevice;
  stats(): ReturnType<PacedSink['stats']>;
}

function streamWriter(io: PaStream, written?: (block: Buffer) => void): BlockWriter {
  let failed: Error | undefined;
  io.on('error', (error: unknown) => (failed = error instanceof Error ? error : new Error(String(error))));
  return {
    write: (block) =>
      new Promise<void>((resolve, reject) => {
        if (failed) return reject(failed);
        written?.(block);
        io.write(block, (error) =>
          error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(),
        );
      }),
    close: () => new Promise<void>((resolve) => io.quit(resolve)),
  };
}

/**
 * A replacement device that fails again this soon is not tried once more: the output is lost (no loop of
 * re-opening a device that opens but will not play).
 */
const replacementGraceMs = 1_000;

/**
 * Blocks handed to PortAudio ahead of the device. Its callback waits for JavaScript when the queue is empty,
 * and then the output runs dry: on PulseAudio that is an underflow, the device drops what it held and plays
 * nothing for about 2 s (measured on the rig: 60 ms of a busy event loop was enough with one block queued;
 * four blocks rode out 60 ms, eight rode out 100 ms). A deeper queue costs the same in barge-in: stop()
 * cannot take back what PortAudio already holds.
 */
export const defaultQueueBlocks = 4;

/** Opens the output (falling back to the default when needed); throws naming the device if none opens. */
export function createDeviceSink(options: DeviceSinkOptions): DeviceSink {
  const pa = options.portAudio ?? portAudio();
  const blockMs = options.blockMs ?? 10;
  const queueBlocks = options.queueBlocks ?? defaultQueueBlocks;
  const errorListeners = new Set<(error: Error) => void>();
  const fail = (error: Error) => errorListeners.forEach((l) => l(error));
  let wanted = options.device;
  let playedBefore = 0; // played on a device we left after a failure, since the last resetPlayed()
  const unplayed = new UnplayedAudio(options.format);
  let lost = false;

  const open = (replacement: boolean): { device: AudioDevice; sink: PacedSink } => {
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
            maxQueue: queueBlocks,
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
    const openedAt = performance.now();
    const sink = createPacedSink({
      format: options.format,
      deviceRate: device.defaultSampleRate,
      deviceChannels: device.channels,
      writer: streamWriter(
        opened.handle,
        options.echo &&
          ((block) => options.echo!.far(monoFloat(block, device.channels), device.defaultSampleRate)),
      ),
      blockMs,
      queueBlocks,
      targetMs: options.targetMs,
      maxMs: options.maxMs,
      deviceName: describeDevice(device),
    });
    sink.onError((error) => {
      if (current.sink !== sink) return;
      if (!(error instanceof PlaybackDeviceFailed)) return fail(error); // e.g. the buffer was full
      // The device failed: the reply goes on elsewhere from where it stopped here.
      playedBefore += sink.playedMs();
      const failed = wanted;
      void sink.close().catch(() => {});
      if (replacement && performance.now() - openedAt < replacementGraceMs) return outputLost(error.message);
      wanted = null;
      let next: { device: AudioDevice; sink: PacedSink };
      try {
        next = open(true);
      } catch (reopenError) {
        return outputLost(`${error.message}; ${(reopenError as Error).message}`);
      }
      current = next;
      const rest = unplayed.after(playedBefore);
      if (rest.length) next.sink.write(rest);
      const message = `${error.message}; the rest plays on ${describeDevice(next.device)}`;
      if (failed !== null) options.onFallback?.({ kind: 'output', failed, using: next.device.id, message });
      fail(new Error(message));
    });
    return { device, sink };
  };
  const outputLost = (why: string) => {
    lost = true;
    unplayed.reset();
    fail(new AudioOutputLost(`${why}; no output device plays the rest of the reply`));
  };
  let current = open(false);
  const played = () => (lost ? playedBefore : playedBefore + current.sink.playedMs());

  return {
    format: options.format,
    device: () => current.device,
    stats: () => current.sink.stats(),
    write(data) {
      if (lost) return;
      current.sink.write(data);
      unplayed.add(data, played());
    },
    stop() {
      const ms = lost ? playedBefore : playedBefore + current.sink.stop();
      playedBefore = 0;
      unplayed.reset();
      return ms;
    },
    playedMs: played,
    resetPlayed() {
      playedBefore = 0;
      unplayed.reset();
      current.sink.resetPlayed();
    },
    isPlaying: () => !lost && current.sink.isPlaying(),
    async drain() {
      // A device that fails while we wait hands over to its replacement: wait for that one too.
      for (let sink = current.sink; ; sink = current.sink) {
        await sink.drain();
        if (lost || sink === current.sink) return;
      }
    },
    onError(listener) {
      errorListeners.add(listener);
      return () => errorListeners.delete(listener);
    },
    close: () => current.sink.close(),
  };
}
