// The microphone over a fake PortAudio: key-up delivers everything the device gave (the last partial chunk
// and the resampler's tail), and a device that opens but will not start falls back to the default.
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { createCaptureChain } from '../../../src-main/core/audio/capture-chain';
import type { DeviceFallback } from '../../../src-main/core/audio/device-open';
import { createDeviceSource } from '../../../src-main/core/audio/device-source';
import type { PaStream, PortAudio } from '../../../src-main/core/audio/portaudio';
import type { WireFormat } from '../../../src-main/core/audio/types';

interface FakeInput extends EventEmitter {
  deviceId: number;
  started: boolean;
  quits: number;
}

/** Two inputs: "USB Headset" (48 kHz stereo) and "default" (44.1 kHz stereo). */
function fakePortAudio(options: { failStart?: string[] } = {}) {
  const streams: FakeInput[] = [];
  const names = ['USB Headset', 'default'];
  const pa = {
    getDevices: () => [
      {
        id: 0,
        name: 'USB Headset',
        maxInputChannels: 2,
        maxOutputChannels: 0,
        defaultSampleRate: 48000,
        hostAPIName: 'ALSA',
      },
      {
        id: 1,
        name: 'default',
        maxInputChannels: 2,
        maxOutputChannels: 2,
        defaultSampleRate: 44100,
        hostAPIName: 'ALSA',
      },
    ],
    getHostAPIs: () => ({
      defaultHostAPI: 0,
      HostAPIs: [{ id: 0, name: 'ALSA', defaultInput: 1, defaultOutput: 1 }],
    }),
    AudioIO: (opts: { inOptions: { deviceId: number } }) => {
      const io: FakeInput = Object.assign(new EventEmitter(), {
        deviceId: opts.inOptions.deviceId,
        started: false,
        quits: 0,
      });
      Object.assign(io, {
        start() {
          // What PortAudio throws when Pa_StartStream fails on a device that did open.
          if (options.failStart?.includes(names[io.deviceId]!))
            throw new Error('Could not start stream: Device unavailable');
          io.started = true;
        },
        pause() {},
        quit: (cb?: () => void) => {
          io.quits++;
          setImmediate(() => cb?.());
        },
      });
      streams.push(io);
      return io as unknown as PaStream;
    },
    SampleFormatFloat32: 1,
    SampleFormat16Bit: 16,
  } as unknown as PortAudio;
  return { pa, streams };
}

/** Interleaved stereo float blocks of a 440 Hz tone, as PortAudio hands them over. */
const toneBlocks = (rate: number, frames: number[]) => {
  let n = 0;
  return frames.map((count) => {
    const block = new Float32Array(count * 2);
    for (let i = 0; i < count; i++, n++)
      block[2 * i] = block[2 * i + 1] = 0.3 * Math.sin((2 * Math.PI * 440 * n) / rate);
    return block;
  });
};

describe('device source', () => {
  it.each(['audio/pcm', 'audio/pcmu'] as const)(
    'stop() delivers the full %s conversion of what the device gave, tail included',
    async (format: WireFormat) => {
      const fake = fakePortAudio();
      const mic = createDeviceSource({ format, device: 'USB Headset', portAudio: fake.pa });
      const got: Buffer[] = [];
      mic.onChunk((chunk) => got.push(chunk.data));
      await mic.start();
      const io = fake.streams[0]!;
      expect(io.started).toBe(true);
      // 10 ms blocks and a short last one: 1234 ms of audio ends mid-chunk (20 ms chunks).
      const blocks = toneBlocks(48_000, [...Array<number>(123).fill(480), 192]);
      for (const block of blocks) io.emit('data', Buffer.from(block.buffer));
      await mic.stop();
      expect(io.quits).toBe(1);
      // Audio arriving after key-up is not the user's: it is not delivered.
      io.emit('data', Buffer.from(toneBlocks(48_000, [480])[0]!.buffer));

      const expected: Buffer[] = [];
      const offline = createCaptureChain({
        inputRate: 48_000,
        inputChannels: 2,
        format,
        onChunk: (chunk) => expected.push(chunk.data),
      });
      for (const block of blocks) offline.push(block);
      offline.finish();
      const all = Buffer.concat(expected);
      // 1234 ms at the wire rate, give or take the resampler's rounding.
      const wireSamples = (format === 'audio/pcm' ? 24 : 8) * 1234;
      expect(all.length / (format === 'audio/pcm' ? 2 : 1)).toBeCloseTo(wireSamples, -1);
      expect(Buffer.concat(got).equals(all)).toBe(true);
    },
  );

  it('a device that opens but fails to start falls back to the default, and is closed', async () => {
    const fake = fakePortAudio({ failStart: ['USB Headset'] });
    const fallbacks: DeviceFallback[] = [];
    const mic = createDeviceSource({
      format: 'audio/pcm',
      device: 'USB Headset',
      portAudio: fake.pa,
      onFallback: (f) => fallbacks.push(f),
    });
    const errors: Error[] = [];
    mic.onError((e) => errors.push(e));
    await mic.start();
    expect(mic.device()?.id).toBe('ALSA:default');
    expect(fake.streams.map((s) => [s.deviceId, s.started, s.quits])).toEqual([
      [0, false, 1], // opened, would not start, released
      [1, true, 0],
    ]);
    expect(fallbacks).toEqual([
      {
        kind: 'input',
        failed: 'USB Headset',
        using: 'ALSA:default',
        message:
          'Cannot open input device "USB Headset" (ALSA): Could not start stream: Device unavailable; using "default" (ALSA) instead.',
      },
    ]);
    expect(errors.map((e) => e.message)).toEqual([fallbacks[0]!.message]);
    await mic.stop();
  });

  it('throws naming both devices when the default will not start either', async () => {
    const fake = fakePortAudio({ failStart: ['USB Headset', 'default'] });
    const mic = createDeviceSource({ format: 'audio/pcm', device: 'USB Headset', portAudio: fake.pa });
    await expect(mic.start()).rejects.toThrow(
      'cannot open input device "USB Headset" (ALSA): Could not start stream: Device unavailable; the default cannot open input device "default" (ALSA): Could not start stream: Device unavailable',
    );
    expect(fake.streams.every((s) => s.quits === 1)).toBe(true);
  });
});
