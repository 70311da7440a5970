// Earcons sound in the order asked, even when the first one is slow to play.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { createEarcons, type EarconName } from '../../src-main/core/hotkey/earcons';

describe('earcons', () => {
  it('a quick tap never sounds "stop" before "start"', async () => {
    const finished: EarconName[] = [];
    const earcons = createEarcons({
      dir: join(import.meta.dirname, '../../resources/earcons'),
      enabled: () => true,
      // "start" takes 30 ms on the device, "stop" none: unserialised, stop would finish first.
      play: (_wav, name) =>
        new Promise<void>((done) =>
          setTimeout(
            () => {
              finished.push(name);
              done();
            },
            name === 'start' ? 30 : 0,
          ),
        ),
    });
    await Promise.all([
      earcons.talkStarted(),
      earcons.talkEnded({ reason: 'release', talkedMs: 40 } as never),
    ]);
    expect(finished).toEqual(['start', 'stop']);
  });

  it('is silent when disabled, and on the way out of the app', async () => {
    const played: EarconName[] = [];
    let enabled = false;
    const earcons = createEarcons({
      dir: join(import.meta.dirname, '../../resources/earcons'),
      enabled: () => enabled,
      play: (_wav, name) => void played.push(name),
    });
    await earcons.talkStarted();
    enabled = true;
    await earcons.talkEnded({ reason: 'disposed', talkedMs: 0 } as never);
    expect(played).toEqual([]);
  });
});
