// The microphone device against a hand-fed fake source and fake timers: opened for a turn, kept open for the
// idle time after it ('warm'), closed at once on request, failures reported. (The other modes and the
// pre-roll: mic-ready.test.ts.)
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AudioSource, WireFormat } from '../../../src-main/core/audio/types';
import { Microphone } from '../../../src-main/core/realtime/microphone';
import { settle } from '../../support/realtime/part-fakes';
import { HandMic } from '../../support/realtime/test-audio';

const idleMs = 20_000;

function microphone(createSource: (format: WireFormat) => AudioSource | Promise<AudioSource>) {
  const turn = { held: true };
  const hooks = {
    onChunk: vi.fn(() => true),
    onLive: vi.fn(),
    onFailed: vi.fn(),
    onWarning: vi.fn(),
    inUse: () => turn.held,
  };
  const opened = vi.fn(createSource);
  const policy = { ready: () => 'warm' as const, prerollMs: () => 300, idleMs };
  return { hooks, opened, turn, mic: new Microphone(opened, policy, hooks) };
}

/** A microphone whose device opens fine; `sources` are the devices opened, in order. */
function working() {
  const sources: HandMic[] = [];
  const m = microphone((format) => sources[sources.push(Object.assign(new HandMic(), { format })) - 1]!);
  return { ...m, sources };
}

beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] }));
afterEach(() => vi.useRealTimers());

describe('Microphone', () => {
  it('opens the device synchronously and delivers its chunks (a word right after key-down is kept)', () => {
    const { hooks, mic, sources } = working();
    mic.startTurn('audio/pcm');
    expect(sources[0]?.running).toBe(true);
    sources[0]!.speak(40);
    expect(hooks.onChunk).toHaveBeenCalledTimes(2);
  });

  it('keeps the device open between turns and closes it after the idle time', async () => {
    const { opened, mic, sources, turn } = working();
    mic.startTurn('audio/pcm');
    turn.held = false;
    mic.endTurn();
    await vi.advanceTimersByTimeAsync(idleMs - 1);
    expect(sources[0]?.running).toBe(true);
    turn.held = true;
    mic.startTurn('audio/pcm'); // the next turn finds it open
    await vi.advanceTimersByTimeAsync(idleMs);
    expect(sources[0]?.running).toBe(true);
    expect(opened).toHaveBeenCalledOnce();
    turn.held = false;
    mic.endTurn();
    await vi.advanceTimersByTimeAsync(idleMs);
    expect(sources[0]?.running).toBe(false);
  });

  it('stays open when the idle time ends during a turn', async () => {
    const { mic, sources } = working();
    mic.startTurn('audio/pcm');
    mic.endTurn(); // a turn still holds it when the idle time ends
    await vi.advanceTimersByTimeAsync(idleMs);
    expect(sources[0]?.running).toBe(true);
  });

  it('closes at once on request, and its idle timer does nothing after', async () => {
    const { hooks, mic, sources, turn } = working();
    mic.startTurn('audio/pcm');
    turn.held = false;
    mic.endTurn();
    mic.close();
    await settle();
    expect(sources[0]?.running).toBe(false);
    turn.held = true;
    mic.startTurn('audio/pcm'); // opened afresh: a new source, on the device selected by then
    await vi.advanceTimersByTimeAsync(idleMs);
    expect(sources.map((s) => s.running)).toEqual([false, true]);
    expect(hooks.onWarning).not.toHaveBeenCalled();
  });

  it('opens a new device for another format, after stopping the old one', () => {
    const { mic, sources } = working();
    mic.startTurn('audio/pcm');
    mic.startTurn('audio/pcmu');
    expect(sources.map((s) => [s.format, s.running])).toEqual([
      ['audio/pcm', false],
      ['audio/pcmu', true],
    ]);
  });

  it('does not start a device that opened after the turn was over', async () => {
    const source = new HandMic();
    const { mic, turn } = microphone(() => Promise.resolve(source));
    mic.startTurn('audio/pcm');
    turn.held = false;
    await settle();
    expect(source.running).toBe(false);
  });

  it.each([
    [
      'the factory throws',
      () => {
        throw new Error('busy');
      },
    ],
    ['the factory rejects', () => Promise.reject(new Error('busy'))],
    [
      'the device will not start',
      () => Object.assign(new HandMic(), { start: () => Promise.reject(new Error('busy')) }),
    ],
  ])('reports a failure when %s', async (_, createSource: () => AudioSource | Promise<AudioSource>) => {
    const { hooks, mic } = microphone(createSource);
    mic.startTurn('audio/pcm');
    await settle();
    expect(hooks.onFailed).toHaveBeenCalledWith('microphone: busy');
  });

  it('opens one device for two quick turns while the first is still opening, and close() leaves none running', async () => {
    // A factory that opens asynchronously, as the headless shell's always does (found by the part tests).
    const sources: HandMic[] = [];
    const { hooks, mic } = microphone(
      async (format) => sources[sources.push(Object.assign(new HandMic(), { format })) - 1]!,
    );
    mic.startTurn('audio/pcm'); // key down: the device starts opening
    mic.endTurn();
    mic.startTurn('audio/pcm'); // down again before it is open
    await settle();
    for (const source of sources) source.speak(20);
    expect(hooks.onChunk).toHaveBeenCalledTimes(1);
    mic.close();
    await settle();
    expect(sources.filter((s) => s.running)).toHaveLength(0);
  });
});
