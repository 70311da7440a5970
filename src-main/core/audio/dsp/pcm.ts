// Sample-format conversions shared by capture, playback and WAV files.
import type { WireFormat } from '../types';
import { g711Decode, g711Encode } from './g711';

/** Interleaved frames → mono (channel average). A mono input is returned as is. */
export function downmix(interleaved: Float32Array, channels: number): Float32Array {
  if (channels === 1) return interleaved;
  const frames = Math.floor(interleaved.length / channels);
  const out = new Float32Array(frames);
  if (channels === 2) {
    for (let i = 0, j = 0; i < frames; i++, j += 2) out[i] = (interleaved[j]! + interleaved[j + 1]!) * 0.5;
    return out;
  }
  const scale = 1 / channels;
  for (let i = 0, j = 0; i < frames; i++) {
    let sum = 0;
    for (let c = 0; c < channels; c++) sum += interleaved[j++]!;
    out[i] = sum * scale;
  }
  return out;
}

/** Float [-1, 1) → 16-bit, rounded and clipped. x·32768 so that 16-bit → float → 16-bit is exact. */
export function floatToInt16(input: Float32Array, out = new Int16Array(input.length)): Int16Array {
  for (let i = 0; i < input.length; i++) {
    const s = Math.round(input[i]! * 32768);
    out[i] = s > 32767 ? 32767 : s < -32768 ? -32768 : s;
  }
  return out;
}

export function int16ToFloat(input: Int16Array, out = new Float32Array(input.length)): Float32Array {
  for (let i = 0; i < input.length; i++) out[i] = input[i]! / 32768;
  return out;
}

/** Mono 16-bit → `channels` interleaved copies. */
export function upmixInt16(mono: Int16Array, channels: number, out = new Int16Array(mono.length * channels)) {
  if (channels === 1) {
    out.set(mono);
    return out;
  }
  if (channels === 2) {
    for (let i = 0, j = 0; i < mono.length; i++, j += 2) out[j] = out[j + 1] = mono[i]!;
    return out;
  }
  for (let i = 0, j = 0; i < mono.length; i++) {
    const s = mono[i]!;
    for (let c = 0; c < channels; c++) out[j++] = s;
  }
  return out;
}

/** A Buffer's bytes as 16-bit LE samples (copies only when the Buffer is misaligned). */
export function bufferToInt16(data: Uint8Array): Int16Array {
  const samples = data.byteLength >> 1;
  if ((data.byteOffset & 1) === 0) return new Int16Array(data.buffer, data.byteOffset, samples);
  return new Int16Array(data.slice(0, samples * 2).buffer);
}

export const int16ToBuffer = (samples: Int16Array): Buffer =>
  Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength);

/** Mono float at the wire rate → wire bytes. */
export function encodeWire(format: WireFormat, mono: Float32Array): Buffer {
  const pcm = floatToInt16(mono);
  if (format === 'audio/pcm') return int16ToBuffer(pcm);
  const bytes = g711Encode(format === 'audio/pcmu' ? 'mulaw' : 'alaw', pcm);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Wire bytes → mono float at the wire rate. A trailing odd PCM16 byte is the caller's to carry over. */
export function decodeWire(format: WireFormat, data: Uint8Array): Float32Array {
  if (format === 'audio/pcm') return int16ToFloat(bufferToInt16(data));
  return int16ToFloat(g711Decode(format === 'audio/pcmu' ? 'mulaw' : 'alaw', data));
}

/**
 * PCM16 on the wire is little-endian and the chains read and write it through Int16Array views (no
 * DataView per sample), which is only right on a little-endian host. Every platform we ship is; fail
 * loudly rather than produce byte-swapped audio if that ever changes.
 */
export function assertLittleEndian(): void {
  if (new Uint8Array(Uint16Array.of(1).buffer)[0] !== 1)
    throw new Error('PCM16 audio needs a little-endian host (Int16Array views of PCM16 LE)');
}

/**
 * Interleaved float frames → mono float64 written at `out[at..]` (channel average, computed in float64:
 * exact for 2 channels, so no rounding before the resampler). Returns the frame count.
 */
export function downmixInto(
  interleaved: Float32Array,
  channels: number,
  out: Float64Array,
  at: number,
): number {
  const frames = Math.floor(interleaved.length / channels);
  if (channels === 1) out.set(interleaved.subarray(0, frames), at);
  else if (channels === 2)
    for (let i = 0, j = 0; i < frames; i++, j += 2)
      out[at + i] = (interleaved[j]! + interleaved[j + 1]!) * 0.5;
  else {
    const scale = 1 / channels;
    for (let i = 0, j = 0; i < frames; i++) {
      let sum = 0;
      for (let c = 0; c < channels; c++) sum += interleaved[j++]!;
      out[at + i] = sum * scale;
    }
  }
  return frames;
}
