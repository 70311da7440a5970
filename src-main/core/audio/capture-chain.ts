// Capture conversion: device frames (any rate, any channel count, float) → mono → wire rate → wire bytes,
// cut into fixed chunks. Microphones and WAV files both go through this one chain, so the same audio gives
// the same bytes whichever way it arrives.
import { downmix, encodeWire } from './dsp/pcm';
import { createResampler, type Resampler } from './dsp/resampler';
import { createLevelMeter, type LevelMeter } from './level-meter';
import {
  wireBytesPerSample,
  wireSampleRate,
  type CaptureChunk,
  type InputLevel,
  type WireFormat,
} from './types';

export interface CaptureChainOptions {
  inputRate: number;
  inputChannels: number;
  format: WireFormat;
  /** Chunk length delivered to the engine (default 20 ms). */
  chunkMs?: number;
  onChunk: (chunk: CaptureChunk) => void;
  onLevel?: (level: InputLevel) => void;
}

export interface CaptureChain {
  /** Interleaved float frames at the input rate. */
  push(interleaved: Float32Array): void;
  /** End of input: converts what the resampler still holds and delivers the last, possibly short, chunk. */
  finish(): void;
  reset(): void;
}

export function createCaptureChain(options: CaptureChainOptions): CaptureChain {
  const { inputRate, inputChannels, format, onChunk } = options;
  const rate = wireSampleRate(format);
  const chunkMs = options.chunkMs ?? 20;
  const chunkSamples = Math.round((rate * chunkMs) / 1000);
  if (chunkSamples < 1) throw new RangeError(`chunk of ${chunkMs} ms is too short`);
  const resampler: Resampler = createResampler(inputRate, rate);
  const meter: LevelMeter | undefined = options.onLevel
    ? createLevelMeter(inputRate, options.onLevel)
    : undefined;
  const pending = new Float32Array(chunkSamples);
  let filled = 0;
  const bytesPerSample = wireBytesPerSample(format);

  const deliver = (samples: Float32Array) => {
    const data = encodeWire(format, samples);
    onChunk({ data, durationMs: (data.length / bytesPerSample / rate) * 1000 });
  };
  const take = (wire: Float32Array) => {
    let at = 0;
    // Top up a partial chunk first, then whole chunks straight from the resampler's output.
    if (filled > 0) {
      const n = Math.min(chunkSamples - filled, wire.length);
      pending.set(wire.subarray(0, n), filled);
      filled += n;
      at = n;
      if (filled === chunkSamples) {
        deliver(pending);
        filled = 0;
      }
    }
    for (; at + chunkSamples <= wire.length; at += chunkSamples)
      deliver(wire.subarray(at, at + chunkSamples));
    if (at < wire.length) {
      pending.set(wire.subarray(at), 0);
      filled = wire.length - at;
    }
  };

  return {
    push(interleaved) {
      const mono = downmix(interleaved, inputChannels);
      meter?.push(mono);
      take(resampler.process(mono));
    },
    finish() {
      take(resampler.flush());
      if (filled > 0) deliver(pending.subarray(0, filled));
      filled = 0;
    },
    reset() {
      resampler.reset();
      meter?.reset();
      filled = 0;
    },
  };
}
