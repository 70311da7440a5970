// Device selection and fallback rules with a fake PortAudio: ids, names, busy and missing devices.
import { describe, expect, it } from 'vitest';
import { openWithFallback, type DeviceFallback } from '../../../src-main/core/audio/device-open';
import { findDevice, listDevices } from '../../../src-main/core/audio/devices';
import type { PortAudio } from '../../../src-main/core/audio/portaudio';

const fakePortAudio = (): PortAudio =>
  ({
    getDevices: () => [
      {
        id: 0,
        name: 'Built-in Mic',
        maxInputChannels: 2,
        maxOutputChannels: 0,
        defaultSampleRate: 48000,
        hostAPIName: 'ALSA',
      },
      {
        id: 1,
        name: 'USB Headset',
        maxInputChannels: 1,
        maxOutputChannels: 2,
        defaultSampleRate: 44100,
        hostAPIName: 'ALSA',
      },
      {
        id: 2,
        name: 'default',
        maxInputChannels: 32,
        maxOutputChannels: 32,
        defaultSampleRate: 44100,
        hostAPIName: 'ALSA',
      },
    ],
    getHostAPIs: () => ({
      defaultHostAPI: 0,
      HostAPIs: [{ id: 0, name: 'ALSA', defaultInput: 2, defaultOutput: 2 }],
    }),
    AudioIO: () => {
      throw new Error('unused');
    },
    SampleFormatFloat32: 1,
    SampleFormat16Bit: 16,
  }) as PortAudio;

const opener = (busy: string[]) => (device: { name: string }) => {
  if (busy.includes(device.name)) throw new Error('Could not open stream: Device unavailable');
  return device.name;
};

describe('device listing', () => {
  it('lists inputs and outputs with stable ids, channels capped at 2, and the default marked', () => {
    const { inputs, outputs } = listDevices(fakePortAudio());
    expect(inputs.map((d) => [d.id, d.channels, d.isDefault])).toEqual([
      ['ALSA:Built-in Mic', 2, false],
      ['ALSA:USB Headset', 1, false],
      ['ALSA:default', 2, true],
    ]);
    expect(outputs.map((d) => d.id)).toEqual(['ALSA:USB Headset', 'ALSA:default']);
    expect(findDevice(inputs, 'usb headset')?.id).toBe('ALSA:USB Headset');
  });
});

describe('openWithFallback', () => {
  it('opens the selected device by id or name', () => {
    const events: DeviceFallback[] = [];
    expect(
      openWithFallback(fakePortAudio(), 'input', 'ALSA:USB Headset', opener([]), (f) => events.push(f))
        .handle,
    ).toBe('USB Headset');
    expect(
      openWithFallback(fakePortAudio(), 'input', 'Built-in Mic', opener([]), (f) => events.push(f)).handle,
    ).toBe('Built-in Mic');
    expect(events).toEqual([]);
  });

  it('falls back to the default when the selected device is busy, naming both', () => {
    const events: DeviceFallback[] = [];
    const opened = openWithFallback(fakePortAudio(), 'input', 'USB Headset', opener(['USB Headset']), (f) =>
      events.push(f),
    );
    expect(opened.device.id).toBe('ALSA:default');
    expect(events).toEqual([
      {
        kind: 'input',
        failed: 'USB Headset',
        using: 'ALSA:default',
        message:
          'Cannot open input device "USB Headset" (ALSA): Could not open stream: Device unavailable; using "default" (ALSA) instead.',
      },
    ]);
  });

  it('throws naming the devices when the default cannot open either', () => {
    expect(() =>
      openWithFallback(fakePortAudio(), 'input', 'USB Headset', opener(['USB Headset', 'default']), () => {}),
    ).toThrow(
      'cannot open input device "USB Headset" (ALSA): Could not open stream: Device unavailable; the default cannot open input device "default" (ALSA): Could not open stream: Device unavailable',
    );
    expect(() => openWithFallback(fakePortAudio(), 'output', null, opener(['default']), () => {})).toThrow(
      'cannot open output device "default" (ALSA): Could not open stream: Device unavailable',
    );
  });
});
