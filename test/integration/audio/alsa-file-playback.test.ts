// Real PortAudio playback into the ALSA `file` rig: the assistant's audio (24 kHz PCM16 speech) lands in
// the speaker file at the device's rate and channels, byte-exact against the same conversion done offline.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAudioService } from '../../../src-main/core/audio/audio-service';
import { createDeviceSink } from '../../../src-main/core/audio/device-sink';
import { createEventBus } from '../../../src-main/core/ipc/event-bus';
import { int16ToBuffer, upmixInt16 } from '../../../src-main/core/audio/dsp/pcm';
import { createPlaybackChain } from '../../../src-main/core/audio/playback-chain';
import { parseWav } from '../../../src-main/core/audio/wav';
import { withAlsaFileRig, type AlsaFileRig } from '../../support/audio-rigs/alsa-file-rig';
import { speechWav, wavToRaw } from '../../support/audio-rigs/speech';

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

  it('plays converted assistant audio exactly, and counts it as played', async () => {
    const sink = createDeviceSink({ format: 'audio/pcm', device: 'spk' });
    expect(sink.device()).toMatchObject({ id: 'ALSA:spk', defaultSampleRate: 44_100, channels: 2 });
    const errors: Error[] = [];
    sink.onError((e) => errors.push(e));
    // Deltas of odd sizes, as they come off the wire.
    for (let at = 0; at < reply.length; at += 4801) sink.write(reply.subarray(at, at + 4801));
    await sink.drain();
    const played = sink.playedMs();
    await sink.close();
    expect(errors).toEqual([]);
    const replyMs = (reply.length / 2 / 24_000) * 1000;
    expect(played).toBeLessThanOrEqual(replyMs);
    expect(played).toBeGreaterThan(replyMs - 1);

    const chain = createPlaybackChain('audio/pcm', 44_100);
    const mono = [chain.convert(reply), chain.flush()];
    const expected = Buffer.concat(mono.map((m) => int16ToBuffer(upmixInt16(m, 2))));
    const out = readFileSync(rig.speakerOutPath);
    // Silence comes first (the device runs before the reply arrives); the reply follows, untouched.
    const firstSound = expected.findIndex((b) => b !== 0) & ~3;
    const at = out.indexOf(expected.subarray(firstSound, firstSound + 4000));
    expect(at).toBeGreaterThanOrEqual(0);
    const landed = out.subarray(at - firstSound, at - firstSound + expected.length);
    expect(landed.equals(expected)).toBe(true);
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
