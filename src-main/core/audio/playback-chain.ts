// Playback conversion: wire bytes (PCM16 24 kHz or G.711 8 kHz) → mono 16-bit at the device rate.
// The assistant's audio is resampled exactly once, here; channels are copied when a block is written.
import { decodeWire, floatToInt16 } from './dsp/pcm';
import { createResampler } from './dsp/resampler';
import { wireSampleRate, type WireFormat } from './types';

export interface PlaybackChain {
  /** Wire bytes in (any length; an odd PCM16 byte waits for the next call), device-rate samples out. */
  convert(data: Uint8Array): Int16Array;
  /** End of an utterance: what the resampler still held. */
  flush(): Int16Array;
  reset(): void;
}

export function createPlaybackChain(format: WireFormat, deviceRate: number): PlaybackChain {
  const resampler = createResampler(wireSampleRate(format), deviceRate);
  let carry: number | undefined; // a PCM16 sample split across two deltas
  return {
    convert(data) {
      let bytes = data;
      if (format === 'audio/pcm') {
        if (carry !== undefined) {
          bytes = Buffer.concat([Buffer.from([carry]), data]);
          carry = undefined;
        }
        if (bytes.length & 1) {
          carry = bytes[bytes.length - 1];
          bytes = bytes.subarray(0, bytes.length - 1);
        }
      }
      return floatToInt16(resampler.process(decodeWire(format, bytes)));
    },
    flush: () => floatToInt16(resampler.flush()),
    reset() {
      resampler.reset();
      carry = undefined;
    },
  };
}
