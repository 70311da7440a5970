// Real PortAudio against the ALSA `file` rig (no sound card): speech captured from a raw file comes
// through the capture chain byte-exact against the same conversion of the file, and a 48 kHz stereo WAV
// and a 48 kHz stereo microphone give the same bytes, in every wire format, and those bytes are speech.
// The rig's `null` slave is not paced: it always reports a full buffer, which PortAudio's ALSA code takes
// as an overrun and skips one period per buffer. With 4 s periods the first skip comes after 12 s, well
// past the speech, so what PortAudio delivers is exactly the file.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDeviceSource } from '../../../src-main/core/audio/device-source';
import { createWavFileSource } from '../../../src-main/core/audio/wav-source';
import { g711Decode } from '../../../src-main/core/audio/dsp/g711';
import { bufferToInt16, encodeWire } from '../../../src-main/core/audio/dsp/pcm';
import type { AudioSource, WireFormat } from '../../../src-main/core/audio/types';
import { withAlsaFileRig, type AlsaFileRig } from '../../support/audio-rigs/alsa-file-rig';
import { speechWav, wavToRaw } from '../../support/audio-rigs/speech';

const wireFormats = ['audio/pcm', 'audio/pcmu', 'audio/pcma'] as const;
const decode = (format: WireFormat, bytes: Buffer): Int16Array =>
  format === 'audio/pcm'
    ? bufferToInt16(bytes)
    : g711Decode(format === 'audio/pcmu' ? 'mulaw' : 'alaw', bytes);
const rms = (x: Int16Array) => Math.sqrt(x.reduce((sum, v) => sum + v * v, 0) / x.length);

const collect = async (source: AudioSource, until: (bytes: number) => boolean): Promise<Buffer> => {
  const parts: Buffer[] = [];
  let total = 0;
  const finished = new Promise<void>((resolve) =>
    source.onChunk((chunk) => {
      parts.push(chunk.data);
      total += chunk.data.length;
      if (until(total)) resolve();
    }),
  );
  await source.start();
  await finished;
  await source.stop();
  return Buffer.concat(parts);
};

describe('ALSA file rig: capture', () => {
  let dir: string;
  let rig: AlsaFileRig;
  let wav: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'capture-'));
    wav = speechWav(dir, 'Hello, this is a test of the microphone.', 48_000, 2);
    rig = withAlsaFileRig({ micRaw: wavToRaw(wav), micRate: 48_000, micChannels: 2 });
    Object.assign(process.env, rig.env);
  });
  afterAll(() => {
    rig?.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each(wireFormats)('mic and WAV file give the same %s bytes', async (format) => {
    const file = createWavFileSource({ path: wav, format });
    const fromFile: Buffer[] = [];
    file.onChunk((chunk) => fromFile.push(chunk.data));
    await file.start();
    await file.done;
    const expected = Buffer.concat(fromFile);
    expect(expected.length).toBeGreaterThan(format === 'audio/pcm' ? 48_000 : 8_000); // > 1 s of speech

    const mic = createDeviceSource({ format, device: null, blockMs: 4000 });
    const errors: Error[] = [];
    mic.onError((e) => errors.push(e));
    // The file microphone delivers silence after the speech; take as much as the file gave, and more.
    const captured = await collect(mic, (bytes) => bytes >= expected.length);
    expect(errors).toEqual([]);
    expect(mic.device()?.name).toBe('default');
    // Byte-exact up to the end of the file. Its last few milliseconds are the resampler's tail: the file
    // source ends by flushing the filter against silence, while the microphone keeps delivering whatever
    // the device gives next, so those final outputs legitimately depend on what follows the file.
    const tail = (format === 'audio/pcm' ? 48 : 8) * 5; // 5 ms, well past the filters' half-length
    expect(captured.length).toBeGreaterThanOrEqual(expected.length);
    expect(
      captured.subarray(0, expected.length - tail).equals(expected.subarray(0, expected.length - tail)),
    ).toBe(true);
    // Speech is really there, not two silent streams that trivially match: decoded, the bytes carry far
    // more energy than the codec's own silence (A-law has no zero code: its silence decodes to ±8).
    const speechRms = rms(decode(format, expected));
    const silenceRms = rms(decode(format, encodeWire(format, new Float32Array(8000))));
    expect(speechRms).toBeGreaterThan(1000); // espeak-ng speech here: ≈ 2,900
    expect(speechRms).toBeGreaterThan(50 * Math.max(1, silenceRms));
  });

  it('20 ms chunks arrive as they are captured', async () => {
    const mic = createDeviceSource({ format: 'audio/pcm', device: 'mic', chunkMs: 20, blockMs: 4000 });
    const sizes: number[] = [];
    mic.onChunk((chunk) => sizes.push(chunk.data.length));
    const got = await collect(mic, (bytes) => bytes >= 48_000);
    expect(got.length).toBeGreaterThanOrEqual(48_000);
    expect(new Set(sizes)).toEqual(new Set([960])); // 20 ms of 24 kHz PCM16
    expect(mic.device()?.id).toBe('ALSA:mic');
  });
});
