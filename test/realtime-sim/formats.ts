// The three GA wire formats as the simulator needs them: how long a byte count lasts, how loud a frame is,
// and the assistant's tone encoded in the session's output format. PCM16 24 kHz is 48 bytes per ms; G.711
// (`audio/pcmu` μ-law, `audio/pcma` A-law) is 8 kHz, one byte per sample: 8 bytes per ms.
import { g711Decode, g711Encode, type G711Law } from '../../src-main/core/audio/dsp/g711';
import { rms, tone } from './audio';

export type SimFormat = 'audio/pcm' | 'audio/pcmu' | 'audio/pcma';

const lawOf = (format: SimFormat): G711Law | undefined =>
  format === 'audio/pcmu' ? 'mulaw' : format === 'audio/pcma' ? 'alaw' : undefined;

export const bytesPerMs = (format: SimFormat): number => (format === 'audio/pcm' ? 48 : 8);

export const formatMs = (format: SimFormat, bytes: number): number => bytes / bytesPerMs(format);

/** A tone of `ms` in a wire format (the assistant's reply; the test microphone's speech). */
export function toneIn(format: SimFormat, ms: number, hz = 440, amplitude = 0.3): Buffer {
  const law = lawOf(format);
  if (!law) return tone(ms, hz, amplitude);
  const pcm = tone(ms, hz, amplitude, 8_000);
  const samples = new Int16Array(pcm.buffer, pcm.byteOffset, pcm.length / 2);
  return Buffer.from(g711Encode(law, samples));
}

/** RMS level (0..1) of input audio in the session's input format (the VAD's measure). */
export function levelOf(format: SimFormat, audio: Buffer): number {
  const law = lawOf(format);
  if (!law) return rms(audio);
  const samples = g711Decode(law, audio);
  return rms(Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength));
}
