// Capture conversion: device frames (any rate, any channel count, float) → mono → wire rate → wire bytes,
// cut into fixed chunks. Microphones and WAV files both go through this one chain, so the same audio gives
// the same bytes whichever way it arrives.
//
// Performance (bench: 48 kHz stereo → 24 kHz PCM16 append JSON): the stereo frames are averaged straight
// into the resampler's float64 history (no mono array per block), the level meter reads that history, the
// resampler's output buffer is reused, and samples go to 16-bit straight into the chunk being filled. The
// only allocation left per chunk is the chunk's own Buffer: the engine may hold chunks until the session is
// confirmed, so they cannot share memory.
import { g711Encode } from './dsp/g711';
import { assertLittleEndian, downmixInto } from './dsp/pcm';
import { createStreamResampler } from './dsp/resampler';
import { createLevelMeter, type LevelMeter } from './level-meter';
import { wireSampleRate, type CaptureChunk, type InputLevel, type WireFormat } from './types';

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
  assertLittleEndian();
  const { inputRate, inputChannels, format, onChunk } = options;
  const rate = wireSampleRate(format);
  const chunkMs = options.chunkMs ?? 20;
  const chunkSamples = Math.round((rate * chunkMs) / 1000);
  if (chunkSamples < 1) throw new RangeError(`chunk of ${chunkMs} ms is too short`);
  const resampler = createStreamResampler(inputRate, rate);
  const meter: LevelMeter | undefined = options.onLevel
    ? createLevelMeter(inputRate, options.onLevel)
    : undefined;
  const pending = new Int16Array(chunkSamples); // the chunk being filled, as 16-bit samples
  const pendingBytes = new Uint8Array(pending.buffer);
  let filled = 0;
  const law = format === 'audio/pcmu' ? 'mulaw' : 'alaw';

  const deliver = (samples: number) => {
    let data: Buffer;
    if (format === 'audio/pcm') {
      data = Buffer.allocUnsafe(samples * 2); // small: from Node's pool, no zero-fill
      data.set(pendingBytes.subarray(0, samples * 2));
    } else data = Buffer.from(g711Encode(law, pending.subarray(0, samples)).buffer);
    onChunk({ data, durationMs: (samples / rate) * 1000 });
  };
  let converted = new Int16Array(1024); // the resampler's output as 16-bit, reused
  const take = (count: number) => {
    if (converted.length < count) converted = new Int16Array(Math.max(count, converted.length * 2));
    resampler.readInt16(count, converted);
    for (let at = 0; at < count;) {
      const n = Math.min(chunkSamples - filled, count - at);
      pending.set(converted.subarray(at, at + n), filled);
      filled += n;
      at += n;
      if (filled === chunkSamples) {
        deliver(chunkSamples);
        filled = 0;
      }
    }
  };

  return {
    push(interleaved) {
      const frames = Math.floor(interleaved.length / inputChannels);
      const at = resampler.reserve(frames);
      if (inputChannels === 2 && meter) downmixStereoMetered(interleaved, frames, resampler.input, at, meter);
      else {
        downmixInto(interleaved, inputChannels, resampler.input, at);
        meter?.push(resampler.input, at, at + frames);
      }
      take(resampler.run());
    },
    finish() {
      take(resampler.runFlush());
      if (filled > 0) deliver(filled);
      filled = 0;
    },
    reset() {
      resampler.reset();
      meter?.reset();
      filled = 0;
    },
  };
}

/**
 * The common microphone case in one pass: stereo → mono into the resampler's history, with the level
 * meter's sums taken on the way (window by window, so the inner loop has no window check).
 */
function downmixStereoMetered(
  x: Float32Array,
  frames: number,
  out: Float64Array,
  at: number,
  meter: LevelMeter,
) {
  for (let i = 0; i < frames;) {
    const stop = Math.min(frames, i + meter.room());
    let sum = 0;
    let peak = 0;
    for (let j = i; j < stop; j++) {
      const s = (x[2 * j]! + x[2 * j + 1]!) * 0.5;
      out[at + j] = s;
      sum += s * s;
      const a = Math.abs(s);
      if (a > peak) peak = a;
    }
    meter.add(sum, peak, stop - i);
    i = stop;
  }
}
