// A speaker lost in the middle of a reply, over a fake PortAudio whose devices take a block per millisecond
// and can fail: the rest of the reply plays on the default device from where the lost one stopped (no audio
// dropped, none played twice beyond the blocks already handed over), or, when no output opens, the sink says
// AudioOutputLost and lets go (nothing left "playing", drains resolve) so the reply goes on as text.
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { DeviceFallback } from '../../../src-main/core/audio/device-open';
import { createDeviceSink, defaultQueueBlocks } from '../../../src-main/core/audio/device-sink';
import type { PaStream, PortAudio } from '../../../src-main/core/audio/portaudio';
import { AudioOutputLost } from '../../../src-main/core/audio/types';

interface Options {
  /** Device index → blocks its first stream takes before its writes fail ("device unplugged"). */
  failAfter?: Record<number, number>;
  /** Device indices that refuse to open after their first open. */
  reopenFails?: number[];
}

/** Outputs "USB Headset" (index 0, 48 kHz) and "default" (index 1, 44.1 kHz), both stereo. */
function fakePortAudio(options: Options = {}) {
  const rates = [48_000, 44_100];
  /** Device index → the loud frames it played (assistant audio, not the silence between). */
  const loudFrames = [0, 0];
  const opens = [0, 0];
  const pa = {
    getDevices: () =>
      ['USB Headset', 'default'].map((name, id) => ({
        id,
        name,
        maxInputChannels: 0,
        maxOutputChannels: 2,
        defaultSampleRate: rates[id]!,
        hostAPIName: 'ALSA',
      })),
    getHostAPIs: () => ({
      defaultHostAPI: 0,
      HostAPIs: [{ id: 0, name: 'ALSA', defaultInput: 1, defaultOutput: 1 }],
    }),
    AudioIO: (opts: { outOptions: { deviceId: number } }) => {
      const id = opts.outOptions.deviceId;
      if (opens[id]! > 0 && options.reopenFails?.includes(id))
        throw new Error('Could not open stream: Device unavailable');
      const failAfter = opens[id] === 0 ? (options.failAfter?.[id] ?? Infinity) : Infinity;
      opens[id]!++;
      let taken = 0;
      const io = Object.assign(new EventEmitter(), {
        start() {},
        pause() {},
        quit: (cb?: () => void) => setImmediate(() => cb?.()),
        write(chunk: Buffer, cb: (e?: Error | null) => void) {
          if (taken >= failAfter) {
            setTimeout(() => cb(new Error('device unplugged')), 1);
            return false;
          }
          taken++;
          const samples = new Int16Array(chunk.buffer, chunk.byteOffset, chunk.length >> 1);
          for (let i = 0; i < samples.length; i += 2) if (Math.abs(samples[i]!) > 500) loudFrames[id]!++;
          setTimeout(() => cb(), 1);
          return true;
        },
      });
      return io as unknown as PaStream;
    },
    SampleFormatFloat32: 1,
    SampleFormat16Bit: 16,
  } as unknown as PortAudio;
  const loudMs = (id: number) => (loudFrames[id]! / rates[id]!) * 1000;
  return { pa, loudMs, opens };
}

/** `ms` of loud PCM16 24 kHz audio, as assistant deltas carry it. */
const reply = (ms: number) => {
  const b = Buffer.alloc(ms * 48);
  for (let i = 0; i < b.length; i += 2) b.writeInt16LE(8_000, i);
  return b;
};

describe('a speaker lost mid-reply', () => {
  it('a selected speaker that fails: the rest of the reply plays on the default, from where it stopped', async () => {
    const fake = fakePortAudio({ failAfter: { 0: 30 } }); // 300 ms in, counting the first silent blocks
    const fallbacks: DeviceFallback[] = [];
    const sink = createDeviceSink({
      format: 'audio/pcm',
      device: 'USB Headset',
      portAudio: fake.pa,
      onFallback: (f) => fallbacks.push(f),
    });
    const errors: Error[] = [];
    sink.onError((e) => errors.push(e));
    for (let at = 0; at < 10; at++) sink.write(reply(100)); // the server sends faster than real time
    await sink.drain(); // asked before the failure: resolves once the rest has played on the default
    const played = sink.playedMs();
    await sink.close();

    expect(errors.map((e) => e.message)).toEqual([
      'Playback on "USB Headset" (ALSA) failed: device unplugged; the rest plays on "default" (ALSA)',
    ]);
    expect(fallbacks).toEqual([
      { kind: 'output', failed: 'USB Headset', using: 'ALSA:default', message: errors[0]!.message },
    ]);
    const onUsb = fake.loudMs(0);
    const onDefault = fake.loudMs(1);
    expect(onUsb).toBeGreaterThan(100);
    expect(onUsb).toBeLessThanOrEqual(300);
    // Nothing dropped; at most the blocks queued on the lost device and not yet counted as played
    // (defaultQueueBlocks × 10 ms) heard twice.
    expect(onUsb + onDefault).toBeGreaterThanOrEqual(1_000 - 2);
    expect(onUsb + onDefault).toBeLessThanOrEqual(1_000 + defaultQueueBlocks * 10 + 2);
    expect(played).toBeCloseTo(1_000, 0);
    expect(sink.device().id).toBe('ALSA:default');
  });

  it('the default fails and opens again: the rest plays on it', async () => {
    const fake = fakePortAudio({ failAfter: { 1: 20 } });
    const sink = createDeviceSink({ format: 'audio/pcm', device: null, portAudio: fake.pa });
    const errors: Error[] = [];
    sink.onError((e) => errors.push(e));
    sink.write(reply(500));
    await sink.drain();
    await sink.close();
    expect(fake.opens).toEqual([0, 2]);
    expect(errors.map((e) => e.message)).toEqual([
      'Playback on "default" (ALSA) failed: device unplugged; the rest plays on "default" (ALSA)',
    ]);
    expect(fake.loudMs(1)).toBeGreaterThanOrEqual(500 - 2);
  });

  it('no output opens: AudioOutputLost, and the sink lets go at once', async () => {
    const fake = fakePortAudio({ failAfter: { 1: 20 }, reopenFails: [1] });
    const sink = createDeviceSink({ format: 'audio/pcm', device: null, portAudio: fake.pa });
    const errors: Error[] = [];
    sink.onError((e) => errors.push(e));
    sink.write(reply(500));
    await sink.drain();
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(AudioOutputLost);
    expect(errors[0]!.message).toMatch(
      /^Playback on "default" \(ALSA\) failed: device unplugged; cannot open output device "default" \(ALSA\): .*; no output device plays the rest of the reply$/,
    );
    expect(sink.isPlaying()).toBe(false);
    const played = sink.playedMs();
    expect(played).toBeGreaterThan(50);
    sink.write(reply(100)); // ignored: nothing would play it
    expect(sink.isPlaying()).toBe(false);
    expect(sink.stop()).toBe(played);
    await sink.close();
  });

  it('a replacement that fails at once is not tried again (no loop): the output is lost', async () => {
    const fake = fakePortAudio({ failAfter: { 0: 20, 1: 5 } }); // the default's first stream is the replacement
    const sink = createDeviceSink({ format: 'audio/pcm', device: 'USB Headset', portAudio: fake.pa });
    const errors: Error[] = [];
    sink.onError((e) => errors.push(e));
    sink.write(reply(1_000));
    await sink.drain();
    await sink.close();
    expect(errors.map((e) => e.constructor)).toEqual([Error, AudioOutputLost]);
    expect(fake.opens).toEqual([1, 1]);
  });
});
