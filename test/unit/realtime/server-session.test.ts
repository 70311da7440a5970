// The session's life against fakes of its neighbours (each a few recorded calls): the one reset, what a fresh
// session is told and in which order, the notice while reconnecting, and renewal only once nothing is under way.
import { describe, expect, it } from 'vitest';
import { ServerSession, type ServerSessionParts } from '../../../src-main/core/realtime/server-session';

function setup() {
  const calls: string[] = [];
  const record =
    (name: string) =>
    (...args: unknown[]) =>
      void calls.push(args.length ? `${name}(${args.map((a) => JSON.stringify(a)).join(',')})` : name);
  const busy = { turns: false, reply: false, playing: false };
  const parts: ServerSessionParts = {
    link: { restart: record('link.restart'), send: record('link.send'), isConfirmed: () => true },
    profile: {
      target: () => ({ model: 'gpt-realtime', session: { type: 'realtime' } }),
      confirmed: record('profile.confirmed'),
    },
    reply: {
      newSession: record('reply.newSession'),
      isActive: () => busy.reply,
      isPlaying: () => busy.playing,
      interrupt: record('reply.interrupt'),
      sendQueued: record('reply.sendQueued'),
    },
    feed: {
      newSession: record('feed.newSession'),
      replayTo: (_wire, skip) => void calls.push(`feed.replayTo(${skip})`),
    },
    turns: {
      newSocket: record('turns.newSocket'),
      owedTranscriptId: () => 'owed-1',
      resendOwed: record('turns.resendOwed'),
      flush: record('turns.flush'),
      busy: () => busy.turns,
    },
  };
  const notices: (string | undefined)[] = [];
  const life = new ServerSession(parts, {
    notice: (m) => notices.push(m),
    ready: record('ready'),
    changed: record('changed'),
  });
  return { life, calls, notices, busy };
}

describe('ServerSession', () => {
  it('resets every part once, telling the feed whether to replay the conversation', () => {
    const { life, calls } = setup();
    life.reset(false);
    expect(calls).toEqual(['reply.newSession', 'feed.newSession(false)', 'turns.newSocket']);
  });

  it('a fresh session is told the conversation (not the owed turn), then ready, then the owed input', () => {
    const { life, calls, notices } = setup();
    life.confirmed({ id: 'sess_1' }, true);
    expect(calls).toEqual([
      'profile.confirmed',
      'feed.replayTo(owed-1)',
      'ready({"id":"sess_1"})',
      'turns.resendOwed',
      'turns.flush',
      'reply.sendQueued',
      'changed',
    ]);
    expect(notices).toEqual([undefined]);
  });

  it('a confirmed update on the same socket replays nothing', () => {
    const { life, calls } = setup();
    life.confirmed({}, false);
    expect(calls).toEqual(['profile.confirmed', 'turns.flush', 'reply.sendQueued', 'changed']);
  });

  it('a lost socket keeps the context and says when it reconnects; at once says only why', () => {
    const { life, calls, notices } = setup();
    life.lost('connection lost: closed (1006)', 1_500);
    life.lost('the session reached its 60-minute limit: starting a new one', 0);
    life.lost('closed on purpose', undefined);
    expect(calls.filter((c) => c.startsWith('feed'))).toEqual(Array(3).fill('feed.newSession(true)'));
    expect(notices).toEqual([
      'connection lost: closed (1006) — reconnecting in 1.5 s',
      'the session reached its 60-minute limit: starting a new one',
      undefined,
    ]);
  });

  it('a restart cuts an answer still streaming before the new socket', () => {
    const { life, calls, busy, notices } = setup();
    busy.reply = true;
    life.restart('model changed');
    expect(notices).toEqual(['model changed']);
    expect(calls.indexOf('reply.interrupt')).toBeLessThan(
      calls.findIndex((c) => c.startsWith('link.restart')),
    );
  });

  it('renews only once nothing is under way', () => {
    const { life, calls, busy } = setup();
    busy.turns = true;
    life.renewSoon();
    expect(calls.some((c) => c.startsWith('link.restart'))).toBe(false);
    busy.turns = false;
    busy.playing = true;
    life.renewIfIdle();
    expect(calls.some((c) => c.startsWith('link.restart'))).toBe(false);
    busy.playing = false;
    life.renewIfIdle();
    expect(calls.filter((c) => c.startsWith('link.restart'))).toHaveLength(1);
    life.renewIfIdle(); // once due, once renewed
    expect(calls.filter((c) => c.startsWith('link.restart'))).toHaveLength(1);
  });
});
