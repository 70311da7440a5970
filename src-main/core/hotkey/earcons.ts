// Start/stop sounds around a push-to-talk turn. Core decides when; the audio side plays (the injected
// `play` writes the WAV to the output device). Earcons are a courtesy: a failure is logged, never fatal.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TalkEnd } from './talk-state';

export type EarconName = 'start' | 'stop';
/** Plays a whole WAV file's bytes on the output device; provided by the audio engineer's AudioSink side. */
export type PlayWav = (wav: Buffer, name: EarconName) => Promise<void> | void;

export interface EarconOptions {
  /** Folder holding start.wav and stop.wav (resources/earcons). */
  dir: string;
  enabled: () => boolean;
  play: PlayWav;
  log?: (message: string, error?: unknown) => void;
}

export interface Earcons {
  talkStarted(): Promise<void>;
  talkEnded(end: TalkEnd): Promise<void>;
}

export function createEarcons(options: EarconOptions): Earcons {
  const cache = new Map<EarconName, Promise<Buffer>>();
  const load = (name: EarconName) => {
    let wav = cache.get(name);
    if (!wav) {
      wav = readFile(join(options.dir, `${name}.wav`));
      cache.set(name, wav);
      wav.catch(() => cache.delete(name)); // a later turn may retry a file that appears (dev rebuild)
    }
    return wav;
  };
  // One after another, in the order asked: a quick tap must never sound "stop" before "start" because a
  // file read or the device happened to answer faster for the second one.
  let queue: Promise<void> = Promise.resolve();
  const play = (name: EarconName): Promise<void> => {
    if (!options.enabled()) return Promise.resolve();
    queue = queue.then(async () => {
      try {
        await options.play(await load(name), name);
      } catch (error) {
        options.log?.(`earcon ${name} could not be played`, error);
      }
    });
    return queue;
  };
  return {
    talkStarted: () => play('start'),
    // Disposing the app is not the user ending a turn: no sound on the way out.
    talkEnded: (end) => (end.reason === 'disposed' ? Promise.resolve() : play('stop')),
  };
}
