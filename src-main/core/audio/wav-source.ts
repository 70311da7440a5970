// A WAV file as the microphone (headless shell, tests): same capture chain as a device, optionally paced
// in real time. Emits its chunks, then stops by itself at the end of the file.
import { readFileSync } from 'node:fs';
import { createCaptureChain } from './capture-chain';
import { parseWav } from './wav';
import type { AudioSource, CaptureChunk, InputLevel, WireFormat } from './types';

export interface WavFileSourceOptions {
  path: string;
  format: WireFormat;
  chunkMs?: number;
  /** Deliver chunks at the pace a microphone would (default false: as fast as listeners take them). */
  realTime?: boolean;
  /** How much file audio is pushed through the chain at a time (default 10 ms, like a device block). */
  blockMs?: number;
}

export interface WavFileSource extends AudioSource {
  /** Resolves when the whole file has been delivered (or the source was stopped). */
  readonly done: Promise<void>;
}

export function createWavFileSource(options: WavFileSourceOptions): WavFileSource {
  const chunkListeners = new Set<(chunk: CaptureChunk) => void>();
  const levelListeners = new Set<(level: InputLevel) => void>();
  const errorListeners = new Set<(error: Error) => void>();
  let running = false;
  let finished!: () => void;
  const done = new Promise<void>((resolve) => (finished = resolve));
  const subscribe = <T>(set: Set<T>, listener: T) => {
    set.add(listener);
    return () => set.delete(listener);
  };

  const run = async () => {
    let wav;
    try {
      wav = parseWav(readFileSync(options.path), options.path);
    } catch (error) {
      for (const l of [...errorListeners]) l(error as Error);
      running = false;
      finished();
      return;
    }
    const chain = createCaptureChain({
      inputRate: wav.rate,
      inputChannels: wav.channels,
      format: options.format,
      chunkMs: options.chunkMs,
      onChunk: (chunk) => chunkListeners.forEach((l) => l(chunk)),
      onLevel: (level) => levelListeners.forEach((l) => l(level)),
    });
    const block = Math.max(1, Math.round((wav.rate * (options.blockMs ?? 10)) / 1000)) * wav.channels;
    const started = performance.now();
    for (let at = 0; at < wav.samples.length && running; at += block) {
      chain.push(wav.samples.subarray(at, at + block));
      if (options.realTime) {
        const due = started + ((at + block) / wav.channels / wav.rate) * 1000;
        const wait = due - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      } else if ((at / block) % 50 === 49) {
        await new Promise((r) => setImmediate(r)); // let stop() and other work in
      }
    }
    if (running) chain.finish();
    running = false;
    finished();
  };

  return {
    format: options.format,
    done,
    onChunk: (l) => subscribe(chunkListeners, l),
    onLevel: (l) => subscribe(levelListeners, l),
    onError: (l) => subscribe(errorListeners, l),
    async start() {
      if (running) return;
      running = true;
      void run();
    },
    async stop() {
      running = false;
      await done;
    },
  };
}
