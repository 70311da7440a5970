// Playback conversion: wire bytes (PCM16 24 kHz or G.711 8 kHz) → mono 16-bit at the device rate.
// The assistant's audio is resampled exactly once, here; channels are copied when a block is written.
//
// Performance: wire samples are read through an Int16Array view of the delta's bytes (no DataView, no
// Buffer.concat for a split sample) and converted to and from the resampler's float64 buffers by its own
// (SIMD) kernels; those buffers are reused. One allocation per delta remains, the returned array, because the
// jitter buffer keeps it.
import { g711Decode } from './dsp/g711';
import { assertLittleEndian, bufferToInt16 } from './dsp/pcm';
import { createStreamResampler } from './dsp/resampler';
import { wireSampleRate, type WireFormat } from './types';

export interface PlaybackChain {
  /** Wire bytes in (any length; an odd PCM16 byte waits for the next call), device-rate samples out. */
  convert(data: Uint8Array): Int16Array;
  /** End of an utterance: what the resampler still held. */
  flush(): Int16Array;
  reset(): void;
}

export function createPlaybackChain(format: WireFormat, deviceRate: number): PlaybackChain {
  assertLittleEndian();
  const resampler = createStreamResampler(wireSampleRate(format), deviceRate);
  const law = format === 'audio/pcmu' ? 'mulaw' : 'alaw';
  let carry: number | undefined; // a PCM16 sample split across two deltas
  const output = (count: number) => {
    const out = new Int16Array(count);
    resampler.readInt16(count, out);
    return out;
  };
  return {
    convert(data) {
      if (format !== 'audio/pcm') {
        resampler.writeInt16(g711Decode(law, data));
        return output(resampler.run());
      }
      let bytes = data;
      if (carry !== undefined && bytes.length > 0) {
        // LE: the carried byte is the low one; shift up and back down to sign-extend.
        resampler.writeInt16(Int16Array.of((((bytes[0]! << 8) | carry) << 16) >> 16));
        carry = undefined;
        bytes = bytes.subarray(1);
      }
      if (bytes.length & 1) {
        carry = bytes[bytes.length - 1];
        bytes = bytes.subarray(0, bytes.length - 1);
      }
      resampler.writeInt16(bufferToInt16(bytes));
      return output(resampler.run());
    },
    flush: () => output(resampler.runFlush()),
    reset() {
      resampler.reset();
      carry = undefined;
    },
  };
}
