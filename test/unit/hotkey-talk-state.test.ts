// The push-to-talk state machine in every mode, with lost key-ups and the safety timeout (fake timers).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createTalkStateMachine,
  TAP_THRESHOLD_MS,
  type PttMode,
  type TalkEnd,
} from '../../src-main/core/hotkey/talk-state';

function setup(mode: PttMode, safetyTimeoutMs = 120_000) {
  const log: string[] = [];
  const ends: TalkEnd[] = [];
  const machine = createTalkStateMachine({
    mode,
    safetyTimeoutMs,
    now: () => Date.now(),
    onTalkStart: (s) => log.push(`start:${s.trigger}`),
    onTalkEnd: (e) => {
      ends.push(e);
      log.push(`end:${e.reason}`);
    },
  });
  const hold = (ms: number) => {
    machine.press();
    vi.advanceTimersByTime(ms);
    machine.release();
  };
  return { machine, log, ends, hold };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('hold mode', () => {
  it('talks exactly while the key is held', () => {
    const { machine, log, ends, hold } = setup('hold');
    hold(800);
    expect(log).toEqual(['start:hotkey', 'end:release']);
    expect(ends[0]!.talkedMs).toBe(800);
    expect(machine.isTalking()).toBe(false);
  });

  it('a very short press is still a (short) turn: the engine decides if it is too short to commit', () => {
    const { log, hold } = setup('hold');
    hold(50);
    expect(log).toEqual(['start:hotkey', 'end:release']);
  });

  it('a second press without a release (lost key-up) ends the turn instead of talking on', () => {
    const { machine, log } = setup('hold');
    machine.press();
    machine.press();
    expect(log).toEqual(['start:hotkey', 'end:release']);
    machine.release();
    machine.press();
    expect(log).toEqual(['start:hotkey', 'end:release', 'start:hotkey']);
  });
});

describe('toggle mode', () => {
  it('press starts, the next press stops, releases do nothing', () => {
    const { machine, log, hold } = setup('toggle');
    hold(100);
    expect(machine.isTalking()).toBe(true);
    hold(2_000);
    expect(log).toEqual(['start:hotkey', 'end:toggle']);
    hold(100);
    expect(log).toEqual(['start:hotkey', 'end:toggle', 'start:hotkey']);
  });
});

describe('tap-or-hold mode', () => {
  it(`a tap shorter than ${TAP_THRESHOLD_MS} ms latches talking until the next press`, () => {
    const { machine, log, hold } = setup('tap-or-hold');
    hold(TAP_THRESHOLD_MS - 100);
    expect(machine.isTalking()).toBe(true);
    vi.advanceTimersByTime(5_000);
    hold(50);
    expect(log).toEqual(['start:hotkey', 'end:toggle']);
    expect(machine.isTalking()).toBe(false);
  });

  it('a long press is push-to-talk', () => {
    const { machine, log, ends, hold } = setup('tap-or-hold');
    hold(TAP_THRESHOLD_MS + 400);
    expect(log).toEqual(['start:hotkey', 'end:release']);
    expect(ends[0]!.talkedMs).toBe(TAP_THRESHOLD_MS + 400);
    expect(machine.isTalking()).toBe(false);
  });

  it('the press that stops a latched turn does not start another on release, however long it is held', () => {
    const { log, hold } = setup('tap-or-hold');
    hold(100);
    hold(1_000);
    expect(log).toEqual(['start:hotkey', 'end:toggle']);
  });
});

describe('safety timeout', () => {
  it.each<PttMode>(['hold', 'toggle', 'tap-or-hold'])(
    'closes the microphone when no key-up comes (%s)',
    (mode) => {
      const { machine, log, ends } = setup(mode, 10_000);
      machine.press();
      vi.advanceTimersByTime(9_999);
      expect(machine.isTalking()).toBe(true);
      vi.advanceTimersByTime(1);
      expect(machine.isTalking()).toBe(false);
      expect(log).toEqual(['start:hotkey', 'end:safety-timeout']);
      expect(ends[0]!.talkedMs).toBe(10_000);
      // The late release changes nothing; the next press starts a fresh turn.
      machine.release();
      machine.press();
      expect(log).toEqual(['start:hotkey', 'end:safety-timeout', 'start:hotkey']);
    },
  );

  it('is cleared when the turn ends normally', () => {
    const { log, hold } = setup('hold', 10_000);
    hold(100);
    vi.advanceTimersByTime(60_000);
    expect(log).toEqual(['start:hotkey', 'end:release']);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('also bounds a turn latched by toggle()', () => {
    const { machine, log } = setup('hold', 10_000);
    machine.toggle();
    vi.advanceTimersByTime(10_000);
    expect(log).toEqual(['start:toggle', 'end:safety-timeout']);
  });
});

describe('toggle(), end() and dispose()', () => {
  it('toggle() starts and stops in any mode, and a held key released after toggle() is ignored', () => {
    const { machine, log } = setup('hold');
    machine.toggle();
    machine.toggle();
    machine.press();
    machine.toggle();
    machine.release();
    expect(log).toEqual(['start:toggle', 'end:toggle', 'start:hotkey', 'end:toggle']);
  });

  it('end() closes a turn with reason external; dispose() with reason disposed and stops listening', () => {
    const { machine, log } = setup('toggle');
    machine.press();
    machine.end();
    machine.end();
    machine.press();
    machine.dispose();
    machine.press();
    expect(log).toEqual(['start:hotkey', 'end:external', 'start:hotkey', 'end:disposed']);
    expect(vi.getTimerCount()).toBe(0);
  });
});
