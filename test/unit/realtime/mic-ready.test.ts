// "Keep microphone ready" and the pre-roll, on the real turn-taking and microphone parts with a hand-fed device
// and a recording wire: when each mode opens and closes the device, what a ready microphone puts at the start
// of a turn (and that nothing else of what it hears is ever sent), and the cold open ('opening' until the
// device delivers audio).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MicReady } from '../../../src-preload/contract';
import type { Wire } from '../../../src-main/core/realtime/client-events';
import type { ClientEvent } from '../../../src-main/core/realtime/protocol';
import { UserTurns, type TurnOptions } from '../../../src-main/core/realtime/user-turns';
import { LateMic } from '../../support/realtime/late-mic';
import { chunkNumber } from '../../support/realtime/test-audio';

class Wired implements Wire {
  sent: ClientEvent[] = [];
  send(event: ClientEvent): void {
    this.sent.push(event);
  }
  isConfirmed(): boolean {
    return true;
  }
  /** Milliseconds of PCM16 24 kHz audio appended. */
  appendedMs(): number {
    return this.appends().reduce((ms, audio) => ms + Buffer.from(audio, 'base64').length / 48, 0);
  }
  appends(): string[] {
    return this.sent.flatMap((e) => (e.type === 'input_audio_buffer.append' ? [e.audio] : []));
  }
}

const idleMs = 20_000;

function turns(options: Partial<TurnOptions> = {}) {
  const wire = new Wired();
  const mic = new LateMic();
  const created = vi.fn(() => mic);
  const hooks = {
    requestResponse: vi.fn(),
    turnDone: vi.fn(),
    notice: vi.fn(),
    warn: vi.fn(),
    micFailed: vi.fn(),
    changed: vi.fn(),
    effectiveSession: () => undefined,
  };
  const user = new UserTurns(
    wire,
    {
      audio: { createSource: created, createSink: () => Promise.reject(new Error('unused')) },
      micIdleMs: idleMs,
      ...options,
    },
    hooks,
  );
  return { wire, mic, created, hooks, user };
}

beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'queueMicrotask'] }));
afterEach(() => vi.useRealTimers());

describe('keep microphone ready', () => {
  it('on demand: the device closes right after the turn, and its last partial chunk is still the turn’s', async () => {
    const { wire, mic, created, user } = turns({ micReady: 'on-demand' });
    mic.tailMs = 7;
    user.start('audio/pcm');
    mic.speak(200);
    user.release();
    expect(mic.running).toBe(false);
    expect(wire.appendedMs()).toBeCloseTo(207, 5);
    expect(wire.sent.at(-1)?.type).toBe('input_audio_buffer.commit');
    // The next turn opens it again, as a new source: on the device selected by then.
    user.start('audio/pcm');
    expect(mic.running).toBe(true);
    expect(created).toHaveBeenCalledTimes(2);
  });

  it('warm: open after a turn, closed after the idle time; a turn meanwhile gets the last 300 ms as pre-roll', async () => {
    const { wire, mic, user } = turns({ micReady: 'warm' });
    user.start('audio/pcm');
    mic.goLive();
    mic.speak(200);
    user.release();
    expect(mic.running).toBe(true);
    const firstTurn = wire.appendedMs();
    mic.speakNumbered(10, 100); // 1 s between turns: never sent
    expect(wire.appendedMs()).toBe(firstTurn);

    user.start('audio/pcm');
    mic.speak(100);
    user.release();
    const second = wire.appends().slice(wire.appends().length - (300 / 100 + 100 / 20));
    // Chunks 8, 9 and 10 of what was said before the key, then the turn's own audio.
    expect(second.slice(0, 3).map(chunkNumber)).toEqual([8, 9, 10]);
    expect(wire.appendedMs() - firstTurn).toBe(400);

    await vi.advanceTimersByTimeAsync(idleMs - 1);
    expect(mic.running).toBe(true);
    await vi.advanceTimersByTimeAsync(1);
    expect(mic.running).toBe(false);
  });

  it('the pre-roll is cut to the setting (0–1000 ms), at a sample', () => {
    for (const [setting, expected] of [
      [0, 0],
      [250, 250],
      [5_000, 1_000],
    ] as const) {
      const { wire, mic, user } = turns({ micReady: 'warm', prerollMs: setting });
      user.start('audio/pcm');
      mic.goLive();
      mic.speak(200);
      user.release();
      const before = wire.appendedMs();
      mic.speak(1_500); // 20 ms chunks; 250 ms is not a whole number of them
      user.start('audio/pcm');
      user.release();
      expect(wire.appendedMs() - before).toBe(expected);
    }
  });

  it('a tap stays "too short": the pre-roll is context, not the user’s press', () => {
    const { wire, mic, hooks, user } = turns({ micReady: 'warm' });
    user.start('audio/pcm');
    mic.goLive();
    mic.speak(200);
    user.release();
    mic.speak(500);
    user.start('audio/pcm');
    mic.speak(40);
    user.release();
    expect(hooks.turnDone).toHaveBeenLastCalledWith({
      outcome: 'too-short',
      text: '',
      message: '40 ms of audio',
    });
    expect(wire.sent.at(-1)?.type).toBe('input_audio_buffer.clear');
  });

  it('always: open from the start, what it hears is never sent unless a turn takes it, open after turns', async () => {
    const { wire, mic, created, user } = turns({ micReady: 'always', prerollMs: 300 });
    await vi.advanceTimersByTimeAsync(0);
    expect(created).toHaveBeenCalledOnce();
    expect(mic.running).toBe(true);
    mic.goLive();
    mic.speak(5_000);
    expect(wire.sent).toEqual([]);
    user.start('audio/pcm');
    mic.speak(200);
    user.release();
    expect(wire.appendedMs()).toBe(500); // 300 ms before the key + 200 ms held
    await vi.advanceTimersByTimeAsync(10 * idleMs);
    expect(mic.running).toBe(true);
  });

  it.each(['on-demand', 'warm', 'always'] as const)(
    '%s: muting closes the device at once (always opens it again on unmute); ending the session closes it',
    async (micReady) => {
      const { mic, user } = turns({ micReady });
      await vi.advanceTimersByTimeAsync(0);
      user.start('audio/pcm');
      mic.speak(200);
      user.release();
      user.setMuted(true);
      expect(mic.running).toBe(false);
      mic.speak(300); // a device that has not stopped yet: nothing is kept for a later turn
      user.setMuted(false);
      expect(mic.running).toBe(micReady === 'always');
      user.start('audio/pcm');
      user.release();
      user.end();
      expect(mic.running).toBe(false);
      await vi.advanceTimersByTimeAsync(10 * idleMs);
      expect(mic.running).toBe(false);
    },
  );

  it('follows a setting changed while the app runs: always opens now, on demand closes now', async () => {
    let micReady: MicReady = 'warm';
    let changed = () => {};
    const { mic, user } = turns({
      micReady: () => micReady,
      watchMicSettings: (listener) => ((changed = listener), () => {}),
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(mic.running).toBe(false);
    micReady = 'always';
    changed();
    expect(mic.running).toBe(true);
    micReady = 'on-demand';
    changed();
    expect(mic.running).toBe(false);
    // During a turn a change waits for the turn's end.
    user.start('audio/pcm');
    micReady = 'always';
    changed();
    micReady = 'on-demand';
    changed();
    expect(mic.running).toBe(true);
    user.release();
    expect(mic.running).toBe(false);
  });

  it('cold: the turn is "opening" until the device delivers, with no pre-roll; a live device listens at once', () => {
    const { mic, hooks, user } = turns({ micReady: 'warm' });
    mic.speak(300); // not open: nothing is heard
    user.start('audio/pcm');
    expect(user.facts()).toEqual({ holding: true, listening: false, userSpeaking: false, micOpening: true });
    mic.goLive();
    expect(hooks.changed).toHaveBeenCalled();
    expect(user.facts()).toEqual({ holding: true, listening: false, userSpeaking: false, micOpening: false });
    mic.speak(200);
    user.release();
    // The next turn finds it live.
    user.start('audio/pcm');
    expect(user.facts()).toEqual({ holding: true, listening: false, userSpeaking: false, micOpening: false });
  });
});
