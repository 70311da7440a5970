// The speaker lost in the middle of a reply with no other output to take over (the device sink reports
// AudioOutputLost, test/unit/audio/device-lost.test.ts): the reply goes on as text with a notice, the session
// does not stay "speaking", and the next reply opens a speaker again instead of writing into the lost one.
import { afterEach, expect, it } from 'vitest';
import { AudioOutputLost, type WireFormat } from '../../src-main/core/audio/types';
import { expectClean, rig, waitFor, waitTurns, type Rig } from '../support/realtime/harness';
import { HandMic, RealTimeSpeaker } from '../support/realtime/test-audio';

/** A real-time speaker whose device can be lost: then it plays nothing more, as the device sink does. */
class LosableSpeaker extends RealTimeSpeaker {
  private errorListeners = new Set<(error: Error) => void>();
  lost = false;
  override onError(listener?: (error: Error) => void) {
    if (listener) this.errorListeners.add(listener);
    return () => void (listener && this.errorListeners.delete(listener));
  }
  override write(data: Buffer): void {
    if (!this.lost) super.write(data);
  }
  override isPlaying(): boolean {
    return !this.lost && super.isPlaying();
  }
  lose(): void {
    this.lost = true;
    const error = new AudioOutputLost(
      'Playback on "USB Headset" (ALSA) failed: device unplugged; no output device plays the rest of the reply',
    );
    for (const listener of this.errorListeners) listener(error);
  }
}

let r: Rig | undefined;
afterEach(async () => {
  await r?.close();
  r = undefined;
});

it('a speaker lost mid-reply: the reply goes on as text with a notice; the next reply opens a speaker again', async () => {
  const mic = new HandMic();
  const speakers: LosableSpeaker[] = [];
  r = await rig(
    { defaultReply: { text: 'A long answer that keeps going.', audioMs: 3_000 } },
    {
      audio: {
        createSource: (format: WireFormat) => Object.assign(mic, { format }),
        createSink: (format: WireFormat) =>
          speakers[speakers.push(Object.assign(new LosableSpeaker(), { format })) - 1]!,
      },
    },
  );
  r.engine.connect();
  await waitFor(() => r!.engine.getState().status === 'ready', 5_000, 'ready');
  r.engine.talkStart();
  mic.speak(300);
  r.engine.talkEnd();
  await waitFor(() => r!.engine.getState().status === 'speaking', 5_000, 'speaking');

  speakers[0]!.lose();
  expect(r.warnings.at(-1)).toBe(
    'speaker: Playback on "USB Headset" (ALSA) failed: device unplugged; no output device plays the rest of the reply; the reply is shown as text only',
  );
  await waitTurns(r, 1);
  expect(r.turns[0]).toMatchObject({ outcome: 'completed', text: 'A long answer that keeps going.' });
  // Not stuck on "speaking" for the 3 s the lost device would have played.
  await waitFor(() => r!.engine.getState().status === 'ready', 1_000, 'ready after the loss');

  r.engine.talkStart();
  mic.speak(300);
  r.engine.talkEnd();
  await waitTurns(r, 2);
  expect(speakers).toHaveLength(2);
  expect(speakers[1]!.totalWritten).toBeGreaterThan(0);
  expectClean(r);
});
