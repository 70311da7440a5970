// Turn-taking against a recording wire and a hand-fed microphone: what a held key sends and when, how a
// released turn ends (commit, or silence for the server's VAD), and input owed an answer.
import { describe, expect, it, vi } from 'vitest';
import type { WireFormat } from '../../../src-main/core/audio/types';
import { UserTurns, type TurnOptions } from '../../../src-main/core/realtime/user-turns';
import { RecordingWire, settle } from '../../support/realtime/part-fakes';
import { chunkNumber, testAudio } from '../../support/realtime/test-audio';

function turns(options: Partial<TurnOptions> = {}, session: unknown = undefined) {
  const wire = new RecordingWire();
  const { mic, factory } = testAudio();
  const hooks = {
    requestResponse: vi.fn(),
    turnDone: vi.fn(),
    notice: vi.fn(),
    warn: vi.fn(),
    micFailed: vi.fn(),
    effectiveSession: () => session,
  };
  const user = new UserTurns(wire, { audio: factory, ...options }, hooks);
  /** Key down, `ms` of speech, key up. */
  const talk = (ms: number, format: WireFormat = 'audio/pcm') => {
    user.start(format);
    mic.speak(ms);
    user.release();
  };
  return { wire, mic, hooks, user, talk };
}

const vad = (turnDetection: Record<string, unknown>) => ({
  audio: { input: { turn_detection: turnDetection } },
});

describe('UserTurns', () => {
  it('streams a held turn, then commits it and asks for the answer on release', () => {
    const { wire, hooks, user, talk } = turns();
    talk(300);
    expect(wire.types()).toEqual([
      ...Array<string>(15).fill('input_audio_buffer.append'),
      'input_audio_buffer.commit',
    ]);
    expect(hooks.requestResponse).toHaveBeenCalledOnce();
    expect(user.owesAnswer()).toBe(true);
    expect(user.holding()).toBe(false);
  });

  it('keeps a turn until the session is confirmed, then sends it whole', () => {
    const { wire, hooks, user, talk } = turns();
    wire.confirmed = false;
    talk(300);
    user.flush();
    expect(wire.sent).toEqual([]);
    expect(user.busy()).toBe(true);
    wire.confirmed = true;
    user.flush();
    expect(wire.of('input_audio_buffer.append')).toHaveLength(15);
    expect(wire.types().at(-1)).toBe('input_audio_buffer.commit');
    expect(hooks.requestResponse).toHaveBeenCalledOnce();
  });

  it('clears a too-short turn and reports it, never committing', () => {
    const { wire, hooks, user, talk } = turns({ minTurnMs: 100 });
    talk(60);
    expect(wire.types().filter((t) => t !== 'input_audio_buffer.append')).toEqual([
      'input_audio_buffer.clear',
    ]);
    expect(hooks.notice).toHaveBeenCalledWith('too short: hold the key while you speak');
    expect(hooks.turnDone).toHaveBeenCalledWith({
      outcome: 'too-short',
      text: '',
      message: '60 ms of audio',
    });
    expect(hooks.requestResponse).not.toHaveBeenCalled();
    expect(user.busy()).toBe(false);
  });

  it('does not clear a too-short turn the server never heard', () => {
    const { wire, hooks, talk } = turns();
    wire.confirmed = false;
    talk(40);
    expect(wire.sent).toEqual([]);
    expect(hooks.turnDone).toHaveBeenCalledWith(expect.objectContaining({ outcome: 'too-short' }));
  });

  it("ends a VAD turn with the server's silence plus a margin, and lets the server answer", () => {
    const { wire, hooks, user, talk } = turns({}, vad({ type: 'server_vad', silence_duration_ms: 700 }));
    talk(300);
    const silence = Buffer.from(wire.of('input_audio_buffer.append').at(-1)!.audio, 'base64');
    expect(silence.length).toBe(1_000 * 48); // 700 + 300 ms of PCM16 at 24 kHz
    expect(silence.every((b) => b === 0)).toBe(true);
    expect(wire.types()).not.toContain('input_audio_buffer.commit');
    expect(hooks.requestResponse).not.toHaveBeenCalled();
    expect(user.owesAnswer()).toBe(true);
  });

  it.each([
    ['audio/pcmu', 0xff],
    ['audio/pcma', 0xd5],
  ] as const)('sends G.711 silence in %s as the code of zero', (format, code) => {
    const { wire, talk } = turns({}, vad({ type: 'semantic_vad' }));
    talk(300, format);
    const silence = Buffer.from(wire.of('input_audio_buffer.append').at(-1)!.audio, 'base64');
    expect(silence.length).toBe(800 * 8); // the default 500 + 300 ms at 8 kHz, one byte a sample
    expect(silence.every((b) => b === code)).toBe(true);
  });

  it('sends owed audio again in full, and asks again, after a new socket', () => {
    const { wire, mic, hooks, user } = turns();
    user.start('audio/pcm');
    mic.speakNumbered(5);
    user.release();
    wire.sent = [];
    user.newSocket();
    user.resendOwed();
    const appends = wire.of('input_audio_buffer.append').map((e) => chunkNumber(e.audio));
    expect(appends).toEqual([1, 2, 3, 4, 5]);
    expect(wire.types().at(-1)).toBe('input_audio_buffer.commit');
    expect(hooks.requestResponse).toHaveBeenCalledTimes(2);
  });

  it('sends a held turn again from its start when the socket changes under it', () => {
    const { wire, mic, user } = turns();
    user.start('audio/pcm');
    mic.speakNumbered(3);
    wire.sent = [];
    user.newSocket();
    user.flush();
    expect(wire.of('input_audio_buffer.append').map((e) => chunkNumber(e.audio))).toEqual([1, 2, 3]);
  });

  it('holds typed messages until confirmation; a new socket asks again without re-sending the text', () => {
    const { wire, hooks, user } = turns();
    wire.confirmed = false;
    user.addText('what time is it');
    user.flush();
    expect(wire.sent).toEqual([]);
    wire.confirmed = true;
    user.flush();
    expect(wire.of('conversation.item.create')).toHaveLength(1);
    expect(hooks.requestResponse).toHaveBeenCalledOnce();
    expect(user.owesAnswer()).toBe(true);
    user.newSocket();
    user.resendOwed();
    expect(wire.sent).toHaveLength(1); // the text goes with the replayed conversation
    expect(hooks.requestResponse).toHaveBeenCalledTimes(2);
  });

  it('an answered turn is owed nothing; a failure reports only input still owed or being answered', () => {
    const { hooks, user, talk } = turns();
    talk(300);
    user.settle({ outcome: 'completed', text: 'hi' }, true);
    expect(user.owesAnswer()).toBe(false);
    user.fail('connection lost', false);
    expect(hooks.turnDone).toHaveBeenCalledTimes(1);
    user.fail('connection lost', true);
    expect(hooks.turnDone).toHaveBeenLastCalledWith({
      outcome: 'failed',
      text: '',
      message: 'connection lost',
    });
  });

  it('keeps only the first transcript item the owed turn was committed as', () => {
    const { user, talk } = turns();
    talk(300);
    user.committedAs('t1');
    user.committedAs('t2');
    expect(user.owedTranscriptId()).toBe('t1');
  });

  it('muting mid-turn drops what was said and closes the microphone', async () => {
    const { wire, mic, user } = turns();
    user.start('audio/pcm');
    mic.speak(200);
    user.setMuted(true);
    await settle();
    expect(mic.running).toBe(false);
    user.release();
    expect(wire.types()).not.toContain('input_audio_buffer.commit');
    expect(user.busy()).toBe(false);
  });

  it('sends nothing the microphone hears between turns', () => {
    const { wire, mic, talk } = turns();
    talk(300);
    const sent = wire.sent.length;
    mic.speak(500);
    expect(wire.sent).toHaveLength(sent);
    expect(mic.running).toBe(true); // kept open for the next turn
  });

  it('keeps what the microphone hears after key-up out of a turn still waiting for the session', () => {
    const { wire, mic, user, talk } = turns();
    wire.confirmed = false;
    talk(300);
    mic.speak(500);
    wire.confirmed = true;
    user.flush();
    expect(wire.of('input_audio_buffer.append')).toHaveLength(15);
  });

  it('warns when the capture buffer lost the start of a turn', () => {
    const { wire, hooks, user, talk } = turns({ captureBufferMs: 200 });
    wire.confirmed = false;
    talk(500);
    wire.confirmed = true;
    user.flush();
    expect(hooks.warn).toHaveBeenCalledWith(
      'the first 300 ms of the turn were dropped (capture buffer full)',
    );
    expect(wire.of('input_audio_buffer.append')).toHaveLength(10);
  });

  it('reports a microphone that will not start', async () => {
    const { mic, hooks, user } = turns();
    mic.start = () => Promise.reject(new Error('device busy'));
    user.start('audio/pcm');
    await settle();
    expect(hooks.micFailed).toHaveBeenCalledWith('microphone: device busy');
  });

  it('two presses while the session connects are sent as one turn: the first is not dropped', () => {
    const { wire, mic, user, hooks } = turns({ prerollMs: 0 });
    wire.confirmed = false;
    user.start('audio/pcm');
    mic.speakNumbered(3); // "what time is it"
    user.release();
    user.start('audio/pcm');
    mic.speakNumbered(2); // "in Tokyo"
    user.release();
    wire.confirmed = true;
    user.flush();
    const appended = wire.of('input_audio_buffer.append').map((e) => chunkNumber(String(e.audio)));
    expect(appended).toEqual([1, 2, 3, 1, 2]);
    expect(wire.of('input_audio_buffer.commit')).toHaveLength(1);
    expect(hooks.requestResponse).toHaveBeenCalledOnce();
    expect(hooks.turnDone).not.toHaveBeenCalled();
  });
});
