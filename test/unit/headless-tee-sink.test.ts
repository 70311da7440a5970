// The headless shell's file + device output: a device lost mid-reply (AudioOutputLost) leaves the file, which
// still gets the whole reply; the loss reaches the engine as a warning, not as the loss of both outputs.
import { expect, it } from 'vitest';
import { AudioOutputLost, type AudioSink } from '../../src-main/core/audio/types';
import { teeSink } from '../../src-main/shell-headless/realtime/audio';

function recordingSink(): AudioSink & { bytes: number; lose(): void } {
  const listeners = new Set<(error: Error) => void>();
  return {
    format: 'audio/pcm',
    bytes: 0,
    write(data) {
      this.bytes += data.length;
    },
    stop: () => 0,
    playedMs: () => 0,
    resetPlayed: () => {},
    isPlaying: () => false,
    drain: async () => {},
    onError(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: async () => {},
    lose() {
      for (const listener of listeners) listener(new AudioOutputLost('Playback on "Speakers" failed: gone'));
    },
  };
}

it('a lost device leaves the file: the rest of the reply still goes to it, and the loss is a warning', () => {
  const device = recordingSink();
  const file = recordingSink();
  const tee = teeSink(device, file);
  const errors: Error[] = [];
  tee.onError((error) => errors.push(error));
  tee.write(Buffer.alloc(4_800));
  device.lose();
  tee.write(Buffer.alloc(4_800));
  expect([device.bytes, file.bytes]).toEqual([4_800, 9_600]);
  expect(errors).toHaveLength(1);
  expect(errors[0]).not.toBeInstanceOf(AudioOutputLost);
  expect(errors[0]!.message).toBe(
    'Playback on "Speakers" failed: gone (the --output file still gets all of it)',
  );
});
