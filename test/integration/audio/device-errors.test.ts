// Missing devices on real PortAudio (ALSA file rig): a selected device that is missing falls back to the
// default and says so. (Devices that are listed but fail to open are covered with a fake PortAudio in
// test/unit/audio/device-open.test.ts: no rig here can make ALSA refuse a listed device.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeviceFallback } from '../../../src-main/core/audio/device-open';
import { createDeviceSink } from '../../../src-main/core/audio/device-sink';
import { createDeviceSource } from '../../../src-main/core/audio/device-source';
import { withAlsaFileRig, type AlsaFileRig } from '../../support/audio-rigs/alsa-file-rig';

describe('device errors and fallback', () => {
  let rig: AlsaFileRig;
  beforeAll(() => {
    rig = withAlsaFileRig({ micRaw: '/dev/zero', micRate: 48_000, micChannels: 2 });
    Object.assign(process.env, rig.env);
  });
  afterAll(() => rig?.cleanup());

  it('a missing input falls back to the default and names both in the event', async () => {
    const fallbacks: DeviceFallback[] = [];
    const mic = createDeviceSource({
      format: 'audio/pcm',
      device: 'Desk Mic',
      onFallback: (f) => fallbacks.push(f),
    });
    const errors: Error[] = [];
    mic.onError((e) => errors.push(e));
    await mic.start();
    await mic.stop();
    expect(mic.device()?.id).toBe('ALSA:default');
    expect(fallbacks[0]?.message).toBe(
      'Input device "Desk Mic" is not connected; using "default" (ALSA) instead.',
    );
    expect(errors[0]?.message).toBe(fallbacks[0]?.message);
  });

  it('a missing output falls back to the system default, with an event', async () => {
    const fallbacks: DeviceFallback[] = [];
    const sink = createDeviceSink({
      format: 'audio/pcm',
      device: 'USB Headset',
      onFallback: (f) => fallbacks.push(f),
    });
    expect(sink.device().id).toBe('ALSA:default');
    expect(fallbacks).toEqual([
      {
        kind: 'output',
        failed: 'USB Headset',
        using: 'ALSA:default',
        message: 'Output device "USB Headset" is not connected; using "default" (ALSA) instead.',
      },
    ]);
    sink.write(Buffer.alloc(4800));
    await sink.drain();
    expect(sink.playedMs()).toBe(100);
    await sink.close();
  });
});
