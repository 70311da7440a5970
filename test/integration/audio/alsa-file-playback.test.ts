// Real PortAudio playback into the ALSA `file` rig: the assistant's audio (24 kHz PCM16 or 8 kHz G.711
// μ-law / A-law speech) lands in the speaker file at the device's rate and channels, byte-exact against the
// same conversion done offline.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAudioService } from '../../../src-main/core/audio/audio-service';
import { createDeviceSink } from '../../../src-main/core/audio/device-sink';
import { createEventBus } from '../../../src-main/core/ipc/event-bus';
import { g711Decode, g711Encode } from '../../../src-main/core/audio/dsp/g711';
import { bufferToInt16, int16ToBuffer, upmixInt16 } from '../../../src-main/core/audio/dsp/pcm';
import { createStreamResampler } from '../../../src-main/core/audio/dsp/resampler';
import { createPlaybackChain } from '../../../src-main/core/audio/playback-chain';
import { wireBytesToMs, type WireFormat } from '../../../src-main/core/audio/types';
import { parseWav } from '../../../src-main/core/audio/wav';
import { withAlsaFileRig, type AlsaFileRig } from '../../support/audio-rigs/alsa-file-rig';
import { speechWav, wavToRaw } from '../../support/audio-rigs/speech';

const snrDb = (reference: Int16Array, got: Int16Array) => {
  let signal = 0;
  let noise = 0;
  for (let i = 0; i < reference.length; i++) {
    signal += reference[i]! ** 2;
    noise += (reference[i]! - got[i]!) ** 2;
  }
  return 10 * Math.log10(signal / noise);
};

describe('ALSA file rig: playback', () => {
  let dir: string;
  let rig: AlsaFileRig;
  let reply: Buffer; // what the engine would decode from response.output_audio.delta
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'playback-'));
    const wav = speechWav(dir, 'Sure, here is the answer you asked for.', 24_000, 1, 'reply');
    reply = readFileSync(wavToRaw(wav));
    expect(parseWav(readFileSync(wav)).rate).toBe(24_000);
    rig = withAlsaFileRig({ micRaw: '/dev/zero', micRate: 48_000, micChannels: 2, speakerRate: 44_100 });
    Object.assign(process.env, rig.env);
  });
  afterAll(() => {
    rig?.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Plays `wire` in odd-sized deltas; the speaker file must hold its offline conversion byte for byte. */
  const playsExactly = async (format: WireFormat, wire: Buffer, mono: Int16Array[]) => {
    const sink = createDeviceSink({ format, device: 'spk' });
    expect(sink.device()).toMatchObject({ id: 'ALSA:spk', defaultSampleRate: 44_100, channels: 2 });
    const errors: Error[] = [];
    sink.onError((e) => errors.push(e));
    // Deltas of odd sizes, as they come off the wire.
    for (let at = 0; at < wire.length; at += 4801) sink.write(wire.subarray(at, at + 4801));
    await sink.drain();
    const played = sink.playedMs();
    await sink.close();
    expect(errors).toEqual([]);
    const wireMs = wireBytesToMs(format, wire.length);
    expect(played).toBeLessThanOrEqual(wireMs);
    expect(played).toBeGreaterThan(wireMs - 1);

    const expected = Buffer.concat(mono.map((m) => int16ToBuffer(upmixInt16(m, 2))));
    const out = readFileSync(rig.speakerOutPath);
    // Silence comes first (the device runs before the reply arrives); the reply follows, untouched.
    const firstSound = expected.findIndex((b) => b !== 0) & ~3;
    const at = out.indexOf(expected.subarray(firstSound, firstSound + 4000));
    expect(at).toBeGreaterThanOrEqual(0);
    const landed = out.subarray(at - firstSound, at - firstSound + expected.length);
    expect(landed.equals(expected)).toBe(true);
  };

  it('plays converted assistant audio exactly, and counts it as played', async () => {
    const chain = createPlaybackChain('audio/pcm', 44_100);
    await playsExactly('audio/pcm', reply, [chain.convert(reply), chain.flush()]);
  });

  it.each([
    ['audio/pcmu', 'mulaw'],
    ['audio/pcma', 'alaw'],
  ] as const)('plays %s assistant audio exactly, and counts it as played', async (format, law) => {
    // 8 kHz speech, G.711-encoded as the server would send it.
    const speech = bufferToInt16(
      readFileSync(wavToRaw(speechWav(dir, 'Sure, here is the answer.', 8_000, 1, 'g711'))),
    );
    const wire = Buffer.from(g711Encode(law, speech));
    // The reference does not go through the playback chain: decode, then resample 8 kHz → 44.1 kHz once.
    const decoded = g711Decode(law, wire);
    expect(snrDb(speech, decoded)).toBeGreaterThan(30); // G.711 of speech: ≈ 35–38 dB
    const resampler = createStreamResampler(8_000, 44_100);
    resampler.writeInt16(decoded);
    const read = (count: number) => {
      const out = new Int16Array(count);
      resampler.readInt16(count, out);
      return out;
    };
    const body = read(resampler.run());
    await playsExactly(format, wire, [body, read(resampler.runFlush())]);
  });

  it('plays a shipped earcon (16 kHz mono WAV) on the selected speaker, converted to its rate', async () => {
    const earcon = readFileSync(join(import.meta.dirname, '../../../resources/earcons/start.wav'));
    const { rate, samples } = parseWav(earcon);
    const audio = createAudioService({
      events: createEventBus(),
      inputDevice: () => null,
      outputDevice: () => 'spk',
    });
    await audio.playWav(earcon);
    // The rig's file plugin starts the speaker file afresh on each open: it holds just this sound.
    const out = readFileSync(rig.speakerOutPath);
    // 44.1 kHz stereo 16-bit: find the first and last loud frame and compare the span with the earcon.
    const left = new Int16Array(out.buffer, out.byteOffset, out.length >> 1).filter((_, i) => i % 2 === 0);
    const isLoud = (v: number) => Math.abs(v) > 300;
    const soundSeconds = (left.findLastIndex(isLoud) - left.findIndex(isLoud)) / 44_100;
    const earconSeconds = samples.length / rate;
    expect(soundSeconds).toBeGreaterThan(earconSeconds * 0.8);
    expect(soundSeconds).toBeLessThan(earconSeconds * 1.05);
  });
});
