// An AudioSink over any device that pulls fixed blocks at its own pace (PortAudio, or a test clock).
// write() converts at once and queues in the jitter buffer; a pump hands the device one block at a time,
// silence when there is nothing to play, so the device never stalls and stop() only has to clear the queue.
import { upmixInt16 } from './dsp/pcm';
import { JitterBuffer, type JitterStats } from './jitter-buffer';
import { createPlaybackChain } from './playback-chain';
import { wireBytesToMs, type AudioSink, type WireFormat } from './types';

/**
 * The device side. `write` must resolve once the device has taken the block written `queueBlocks` before
 * this one (PortAudio with a queue that many blocks deep does exactly that): that is how the sink knows
 * audio reached the device.
 */
export interface BlockWriter {
  write(block: Buffer): Promise<void>;
  close(): Promise<void>;
}

export interface PacedSinkOptions {
  format: WireFormat;
  deviceRate: number;
  deviceChannels: number;
  writer: BlockWriter;
  /** Device block length (default 10 ms): the granularity of stop() and of played-time accounting. */
  blockMs?: number;
  /** How many blocks the writer holds ahead of the device (default 1): see BlockWriter. */
  queueBlocks?: number;
  /** Jitter buffer target (default 60 ms). */
  targetMs?: number;
  /** Jitter buffer cap (default 10 minutes). */
  maxMs?: number;
  /** Names the device in error messages. */
  deviceName?: string;
}

export interface PacedSink extends AudioSink {
  stats(): JitterStats;
}

/** The device refused a block: this sink plays nothing more (its owner may move the reply elsewhere). */
export class PlaybackDeviceFailed extends Error {}

interface InFlight {
  assistant: number; // assistant samples in the block
  generation: number;
}

export function createPacedSink(options: PacedSinkOptions): PacedSink {
  const { format, deviceRate, deviceChannels, writer } = options;
  const blockFrames = Math.max(1, Math.round((deviceRate * (options.blockMs ?? 10)) / 1000));
  const chain = createPlaybackChain(format, deviceRate);
  const jitter = new JitterBuffer({ rate: deviceRate, targetMs: options.targetMs, maxMs: options.maxMs });
  const errorListeners = new Set<(error: Error) => void>();
  let generation = 0; // bumped by stop() and resetPlayed(): blocks from before are no longer counted
  let credited = 0; // device samples of this generation confirmed taken by the device
  let writtenMs = 0; // wire audio written in this generation
  const queueBlocks = Math.max(1, options.queueBlocks ?? 1);
  /** Written blocks the device may not have taken yet, oldest first. */
  let inFlight: InFlight[] = [];
  let drainWaiters: (() => void)[] = [];
  let closed = false;
  let writerClosed = false; // a failed device is closed too (close() after the failure)
  let overflowReported = false;
  const mono = new Int16Array(blockFrames);
  // Device blocks are reused instead of allocated per 10 ms. A block may still sit in the device's queue
  // after its write resolves (the contract only says the blocks `queueBlocks` before it were taken), so the
  // pump cycles through the ones queued, the one being written, and one spare.
  const blocks = Array.from({ length: queueBlocks + 2 }, () => {
    const samples = new Int16Array(blockFrames * deviceChannels);
    const frames32 = new Uint32Array(samples.buffer); // stereo: one 32-bit store per frame
    return { samples, frames32, bytes: Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength) };
  });
  let nextBlock = 0;

  const fail = (error: Error) => {
    for (const listener of [...errorListeners]) listener(error);
  };
  const busy = () => jitter.queuedSamples > 0 || inFlight.some((block) => block.assistant > 0);
  const settleDrains = () => {
    if (busy() || drainWaiters.length === 0) return;
    const waiters = drainWaiters;
    drainWaiters = [];
    for (const resolve of waiters) resolve();
  };

  const pump = async () => {
    while (!closed) {
      const assistant = jitter.read(mono);
      const block = blocks[nextBlock]!;
      nextBlock = (nextBlock + 1) % blocks.length;
      if (deviceChannels === 2) {
        // Both halves of the 32-bit word hold the same sample, so byte order does not matter here.
        const frames = block.frames32;
        for (let i = 0; i < mono.length; i++) frames[i] = (mono[i]! & 0xffff) * 0x10001;
      } else upmixInt16(mono, deviceChannels, block.samples);
      const sent: InFlight = { assistant, generation };
      try {
        await writer.write(block.bytes);
      } catch (error) {
        if (closed) return;
        closed = true;
        // Listeners see the sink as it was (played time, what was written) and may carry the rest of the
        // reply elsewhere; then nothing is left to play here, and whoever waits for the drain goes on.
        fail(
          new PlaybackDeviceFailed(
            `Playback on ${options.deviceName ?? 'the output device'} failed: ${(error as Error).message}`,
          ),
        );
        jitter.clear();
        inFlight = [];
        settleDrains();
        return;
      }
      // The blocks `queueBlocks` before this one have now been taken by the device.
      inFlight.push(sent);
      while (inFlight.length > queueBlocks) {
        const taken = inFlight.shift()!;
        if (taken.generation === generation) credited += taken.assistant;
      }
      settleDrains();
    }
  };
  const pumping = pump();

  const playedMs = () => Math.min(writtenMs, (credited / deviceRate) * 1000);

  return {
    format,
    write(data) {
      if (closed) return;
      writtenMs += wireBytesToMs(format, data.length);
      if (jitter.push(chain.convert(data)) > 0 && !overflowReported) {
        overflowReported = true;
        fail(new Error(`Playback buffer full (${options.maxMs ?? 600_000} ms): assistant audio dropped`));
      }
    },
    stop() {
      const played = playedMs();
      jitter.clear();
      chain.reset();
      generation++;
      credited = 0;
      writtenMs = 0;
      settleDrains();
      return played;
    },
    playedMs,
    resetPlayed() {
      generation++;
      credited = 0;
      writtenMs = 0;
    },
    isPlaying: busy,
    drain() {
      if (closed) return Promise.resolve();
      jitter.push(chain.flush());
      jitter.markComplete();
      return new Promise<void>((resolve) => {
        drainWaiters.push(resolve);
        settleDrains();
      });
    },
    onError(listener) {
      errorListeners.add(listener);
      return () => errorListeners.delete(listener);
    },
    async close() {
      if (writerClosed) return;
      writerClosed = closed = true;
      // Close first: a write waiting for the device is released by it, and the pump then sees `closed`.
      await writer.close();
      await pumping;
      const waiters = drainWaiters;
      drainWaiters = [];
      for (const resolve of waiters) resolve();
    },
    stats: () => jitter.stats(),
  };
}
