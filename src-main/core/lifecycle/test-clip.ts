// The setup's microphone test: three seconds recorded and played straight back, through the same
// microphone and speaker a conversation uses, so the user hears what the assistant will hear. Nothing is
// kept or sent anywhere.
import type { TestClip } from '../../../src-preload/contract';
import { wireBytesToMs, type AudioSink, type AudioSource } from '../audio/types';
import { CommandError } from '../ipc/command-error';
import type { AudioFactory } from '../realtime/engine';

export const TEST_CLIP_MS = 3_000;
/** A device that has not delivered audio this long after opening is not going to (the rig's is 1.9 s). */
export const TEST_CLIP_OPEN_LIMIT_MS = 6_000;
/** Below this the clip is near silence: the window suggests checking the microphone. */
export const QUIET_DBFS = -50;

export interface TestClipOptions {
  audio: AudioFactory;
  /** A conversation turn has the microphone: the test would fight it. */
  busy: () => boolean;
  clipMs?: number;
}

const peakOf = (pcm: Buffer): number => {
  let peak = 0;
  for (let i = 0; i + 1 < pcm.length; i += 2) peak = Math.max(peak, Math.abs(pcm.readInt16LE(i)));
  return peak;
};

export function createTestClip(options: TestClipOptions) {
  let running = false;

  const record = async (source: AudioSource, clipMs: number): Promise<Buffer[]> => {
    const parts: Buffer[] = [];
    let recordedMs = 0;
    let done: () => void = () => {};
    const finished = new Promise<void>((resolve) => (done = resolve));
    const offChunk = source.onChunk((chunk) => {
      if (recordedMs >= clipMs) return;
      parts.push(chunk.data);
      recordedMs += chunk.durationMs;
      if (recordedMs >= clipMs) done();
    });
    let failure: Error | undefined;
    const offError = source.onError((error) => {
      failure = error;
      done();
    });
    // The clip is counted in audio received, so a device that takes a while to open still gives three
    // seconds; one that never delivers ends the test with what it has.
    const limit = setTimeout(done, clipMs + TEST_CLIP_OPEN_LIMIT_MS);
    try {
      await source.start();
      await finished;
    } catch (error) {
      throw new CommandError(
        'unavailable',
        `The microphone could not be opened: ${(error as Error).message}`,
      );
    } finally {
      clearTimeout(limit);
      offChunk();
      offError();
      await source.stop().catch(() => {});
    }
    if (failure) throw new CommandError('unavailable', failure.message);
    return parts;
  };

  const playBack = async (sink: AudioSink, pcm: Buffer) => {
    try {
      sink.write(pcm);
      await sink.drain();
    } finally {
      await sink.close();
    }
  };

  return async (): Promise<TestClip> => {
    if (running) throw new CommandError('conflict', 'A test recording is already running.');
    if (options.busy())
      throw new CommandError('conflict', 'A conversation is using the microphone: try again when it ends.');
    running = true;
    try {
      let source: AudioSource;
      try {
        source = await options.audio.createSource('audio/pcm');
      } catch (error) {
        throw new CommandError(
          'unavailable',
          `The microphone could not be opened: ${(error as Error).message}`,
        );
      }
      const pcm = Buffer.concat(await record(source, options.clipMs ?? TEST_CLIP_MS));
      const peak = peakOf(pcm);
      const peakDbfs = peak === 0 ? null : 20 * Math.log10(peak / 32_768);
      if (pcm.length > 0) {
        let sink: AudioSink;
        try {
          sink = await options.audio.createSink('audio/pcm');
        } catch (error) {
          throw new CommandError(
            'unavailable',
            `The speaker could not be opened: ${(error as Error).message}`,
          );
        }
        await playBack(sink, pcm);
      }
      return {
        recordedMs: wireBytesToMs('audio/pcm', pcm.length),
        peakDbfs,
        quiet: peakDbfs === null || peakDbfs < QUIET_DBFS,
      };
    } finally {
      running = false;
    }
  };
}
