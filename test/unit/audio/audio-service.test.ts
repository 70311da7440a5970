// The audio service behind listAudioDevices / playTestSound, over a fake PortAudio: contract shapes,
// refresh, the test tone reaching the selected output, fallback events.
import { describe, expect, it } from 'vitest';
import { createAudioService } from '../../../src-main/core/audio/audio-service';
import type { PaStream, PortAudio } from '../../../src-main/core/audio/portaudio';
import { createEventBus } from '../../../src-main/core/ipc/event-bus';
import { EventEmitter } from 'node:events';

function fakePortAudio() {
  const written: { device: number; bytes: number }[] = [];
  let scans = 0;
  const pa = {
    getDevices: () => {
      scans++;
      return [
        {
          id: 0,
          name: 'Speakers',
          maxInputChannels: 0,
          maxOutputChannels: 2,
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
      ];
    },
    getHostAPIs: () => ({
      defaultHostAPI: 0,
      HostAPIs: [{ id: 0, name: 'ALSA', defaultInput: 1, defaultOutput: 1 }],
    }),
    AudioIO: (options: { outOptions: { deviceId: number } }) => {
      const io = Object.assign(new EventEmitter(), {
        start() {},
        pause() {},
        quit: (cb?: () => void) => setImmediate(() => cb?.()),
        // A device that takes a block every millisecond.
        write(chunk: Buffer, cb: (e?: Error | null) => void) {
          written.push({ device: options.outOptions.deviceId, bytes: chunk.length });
          setTimeout(() => cb(), 1);
          return true;
        },
      });
      return io as unknown as PaStream;
    },
    SampleFormatFloat32: 1,
    SampleFormat16Bit: 16,
  } as unknown as PortAudio;
  return { pa, written, scans: () => scans };
}

describe('audio service', () => {
  it('lists devices in the contract shape and rescans only on refresh', () => {
    const fake = fakePortAudio();
    const audio = createAudioService({
      events: createEventBus(),
      inputDevice: () => null,
      outputDevice: () => null,
      portAudio: () => fake.pa,
    });
    const list = audio.listDevices();
    expect(list.outputs.map((d) => d.id)).toEqual(['ALSA:Speakers', 'ALSA:default']);
    expect(list.inputs).toEqual([
      {
        id: 'ALSA:default',
        name: 'default',
        hostApi: 'ALSA',
        defaultSampleRate: 44100,
        channels: 2,
        isDefault: true,
      },
    ]);
    audio.listDevices();
    expect(fake.scans()).toBe(1);
    audio.listDevices(true);
    expect(fake.scans()).toBe(2);
  });

  it('plays the test tone on the selected output, falling back with an event when it is gone', async () => {
    const fake = fakePortAudio();
    const events = createEventBus();
    const fallbacks: unknown[] = [];
    events.on('audioDeviceFallback', (f) => fallbacks.push(f));
    let output: string | null = 'Speakers';
    const audio = createAudioService({
      events,
      inputDevice: () => null,
      outputDevice: () => output,
      portAudio: () => fake.pa,
    });
    expect(await audio.playTestSound()).toEqual({ device: 'ALSA:Speakers' });
    expect(fake.written.every((w) => w.device === 0)).toBe(true);
    // 48 kHz stereo 16-bit, 10 ms blocks.
    expect(fake.written[0]!.bytes).toBe(1920);
    output = 'HDMI';
    expect(await audio.playTestSound()).toEqual({ device: 'ALSA:default' });
    expect(fallbacks).toEqual([
      {
        kind: 'output',
        failed: 'HDMI',
        using: 'ALSA:default',
        message: 'Output device "HDMI" is not connected; using "default" (ALSA) instead.',
      },
    ]);
  });
});
