// Issue 4, point 7 and 5.3: server errors, garbage frames, HTTP 401, lost connections, renewal, live apply.
import { afterEach, describe, expect, it } from 'vitest';
import type { ProfileDocument } from '../../src-preload/contract';
import { expectClean, pttProfile, rig, waitFor, waitTurns, type Rig } from '../support/realtime/harness';

let r: Rig | undefined;
afterEach(async () => {
  await r?.close();
  r = undefined;
});

const ready = (r: Rig) => waitFor(() => r.engine.getState().status === 'ready', 5_000, 'ready');
const creates = (r: Rig, connection: number) =>
  r.sim.received
    .filter((x) => x.connection === connection && x.event.type === 'conversation.item.create')
    .map((x) => x.event.item as { role: string; content: { text: string }[] });

describe('realtime faults', () => {
  it.each([
    ['invalid_api_key', null, /authentication failed/],
    ['insufficient_quota', null, /quota exceeded/],
    ['invalid_model', null, /unknown model/],
    ['beta_api_shape_disabled', null, /beta Realtime interface/],
  ])('server error %s is fatal: a clear error status, no reconnect', async (code, param, message) => {
    r = await rig();
    r.engine.connect();
    await ready(r);
    r.sim.broadcast({
      type: 'error',
      error: { type: 'invalid_request_error', code, message: 'details', param },
    });
    await waitFor(() => r!.engine.getState().status === 'error', 2_000, 'error state');
    expect(r.engine.getState().message).toMatch(message);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(r.sim.connectionCount()).toBe(1);
    expectClean(r);
  });

  it.each([
    ['rate_limit_exceeded', null, 'invalid_request_error', /rate limited/],
    [
      'invalid_value',
      'session.audio.output.speed',
      'invalid_request_error',
      /invalid parameter session\.audio/,
    ],
    [null, null, 'server_error', /server error: details/],
  ])('server error %s is a notice: the session stays ready', async (code, param, type, message) => {
    r = await rig();
    r.engine.connect();
    await ready(r);
    r.sim.broadcast({ type: 'error', error: { type, code, message: 'details', param } });
    await waitFor(() => r!.warnings.some((w) => message.test(w)), 2_000, 'the warning');
    expect(r.engine.getState()).toMatchObject({ status: 'ready', message: expect.stringMatching(message) });
    expect(r.states.some((s) => s.status === 'error')).toBe(false);
    expectClean(r);
  });

  it('HTTP 401 at connect: one clear line within 5 s, no reconnect storm', async () => {
    r = await rig({ reject401: true });
    const started = Date.now();
    r.engine.connect();
    await waitFor(() => r!.engine.getState().status === 'error', 5_000, 'error state');
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(r.engine.getState().message).toMatch(
      /^authentication failed \(401\): Incorrect API key provided\./,
    );
    await new Promise((res) => setTimeout(res, 300));
    expect(r.sim.connectionCount()).toBe(0);
  });

  it('non-JSON frames, unknown events and bad base64 are counted and skipped; the turn still completes', async () => {
    r = await rig({ garbage: true, defaultReply: { text: 'Still here.', audioMs: 300 } });
    r.engine.sendText('hello');
    await waitTurns(r, 1);
    expect(r.turns[0]).toMatchObject({ outcome: 'completed', text: 'Still here.' });
    expect(r.engine.skipped).toEqual({ notJson: 1, unknown: 1, invalid: 0, badAudio: 1 });
    expect(r.audio.speaker.totalWritten).toBe(0.3 * 48_000);
    expectClean(r);
  });

  it('no usable speaker: the reply completes as text with one warning per reply, nothing thrown', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      let opens = 0;
      const noSpeaker = {
        createSource: () => r!.audio.mic,
        createSink: async () => {
          opens++;
          throw new Error('no output device found (PortAudio sees 0 output devices)');
        },
      };
      r = await rig({ defaultReply: { text: 'Heard you.', audioMs: 300 } }, { audio: noSpeaker });
      r.engine.sendText('hello');
      await waitTurns(r, 1);
      r.engine.sendText('again');
      await waitTurns(r, 2);
      expect(r.turns.map((t) => [t.outcome, t.text])).toEqual([
        ['completed', 'Heard you.'],
        ['completed', 'Heard you.'],
      ]);
      const speakerWarnings = r.warnings.filter((w) => w.startsWith('speaker:'));
      expect(speakerWarnings).toHaveLength(2);
      expect(speakerWarnings[0]).toMatch(/no output device found.*shown as text only/);
      expect(opens).toBe(2); // once per reply, not once per audio delta
      await new Promise((res) => setTimeout(res, 50));
      expect(unhandled).toEqual([]);
      expectClean(r);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('a lost connection reconnects with backoff, re-applies the profile, keeps the transcript and replays context', async () => {
    r = await rig({
      replies: [
        { text: 'First answer.', audioMs: 200 },
        { text: 'Second answer.', audioMs: 200 },
      ],
    });
    r.engine.sendText('first question');
    await waitTurns(r, 1);
    const idsBefore = [...r.items.keys()];
    r.sim.dropAll();
    await waitFor(
      () => r!.states.some((s) => /reconnecting in/.test(s.message ?? '')),
      2_000,
      'reconnect notice',
    );
    await waitFor(
      // The client is ready once it has sent the replay; the simulator has it a moment later.
      () =>
        r!.sim.connectionCount() === 2 &&
        r!.engine.getState().status === 'ready' &&
        creates(r!, 2).length >= 2,
      5_000,
      'reconnected',
    );
    const second = r.sim.received.filter((x) => x.connection === 2).map((x) => String(x.event.type));
    expect(second[0]).toBe('session.update');
    expect(creates(r, 2).map((i) => [i.role, i.content[0]!.text])).toEqual([
      ['user', 'first question'],
      ['assistant', 'First answer.'],
    ]);
    expect([...r.items.keys()]).toEqual(idsBefore);
    r.engine.sendText('second question');
    await waitTurns(r, 2);
    expect(r.turns[1]!.text).toBe('Second answer.');
    expectClean(r);
  });

  it('a tool still running when the connection drops never answers the new session with a stale call_id', async () => {
    let finish: () => void = () => {};
    const slowTool = () => new Promise((done) => (finish = () => done({ ok: true })));
    const tools = [
      { type: 'function' as const, name: 'slow_lookup', parameters: { type: 'object', properties: {} } },
    ];
    r = await rig(
      {
        replies: [{ toolCall: { name: 'slow_lookup', arguments: '{}' } }],
        defaultReply: { text: 'Back.', audioMs: 100 },
      },
      {
        profile: { ...pttProfile, session: { ...pttProfile.session, tools } },
        tools: new Map([['slow_lookup', slowTool]]),
      },
    );
    r.engine.sendText('look it up');
    await waitFor(
      () => r!.sim.received.some((x) => x.event.type === 'response.create'),
      5_000,
      'response asked',
    );
    await waitFor(() => [...r!.items.values()].some((i) => i.role === 'tool'), 5_000, 'tool call seen');
    r.sim.dropAll();
    await waitFor(
      () => r!.sim.connectionCount() >= 2 && r!.engine.getState().status === 'ready',
      5_000,
      'reconnected',
    );
    finish();
    await new Promise((res) => setTimeout(res, 200));
    // No function_call_output went to the new session, and the engine is not stuck "thinking".
    expect(
      r.sim.received
        .filter((x) => x.connection === 2 && x.event.type === 'conversation.item.create')
        .map((x) => (x.event.item as { type: string }).type),
    ).not.toContain('function_call_output');
    expect(r.engine.getState().status).toBe('ready');
    r.engine.sendText('still there?');
    await waitTurns(r, 2);
    expect(r.turns.at(-1)).toMatchObject({ outcome: 'completed', text: 'Back.' });
    expectClean(r);
  });

  it('a turn committed when the connection drops is sent again on the new session', async () => {
    r = await rig({ replies: [{ text: 'Slow answer.', audioMs: 3_000 }], deltaIntervalMs: 100 });
    r.engine.connect();
    await ready(r);
    r.engine.talkStart();
    r.audio.mic.speak(400);
    r.engine.talkEnd();
    await waitFor(() => r!.engine.getState().status === 'speaking', 3_000, 'speaking');
    r.sim.dropAll();
    await waitTurns(r, 1, 10_000);
    expect(r.turns[0]!.outcome).toBe('completed');
    const commits = r.sim.received.filter((x) => x.event.type === 'input_audio_buffer.commit');
    expect(commits.map((c) => c.connection)).toEqual([1, 2]);
    expectClean(r);
  });

  it('renews the session before the server limit, keeping the conversation', async () => {
    r = await rig(
      { sessionMaxMs: 2_000, defaultReply: { text: 'Yes.', audioMs: 100 } },
      { renewAfterMs: 700 },
    );
    r.engine.sendText('remember me');
    await waitTurns(r, 1);
    await waitFor(
      // The client is ready once it has sent the replay; the simulator has it a moment later.
      () =>
        r!.sim.connectionCount() === 2 &&
        r!.engine.getState().status === 'ready' &&
        creates(r!, 2).length >= 2,
      3_000,
      'renewed',
    );
    expect(creates(r, 2).map((i) => i.content[0]!.text)).toEqual(['remember me', 'Yes.']);
    expect(r.states.some((s) => /renewing the session/.test(s.message ?? ''))).toBe(true);
    expectClean(r);
  });

  it('a session_expired error starts a new session with the context', async () => {
    r = await rig({
      sessionMaxMs: 600,
      sessionExpiry: 'error',
      defaultReply: { text: 'Sure.', audioMs: 100 },
    });
    r.engine.sendText('before expiry');
    await waitTurns(r, 1);
    await waitFor(
      // The client is ready once it has sent the replay; the simulator has it a moment later.
      () =>
        r!.sim.connectionCount() === 2 &&
        r!.engine.getState().status === 'ready' &&
        creates(r!, 2).length >= 2,
      4_000,
      'new session',
    );
    expect(creates(r, 2).map((i) => i.content[0]!.text)).toEqual(['before expiry', 'Sure.']);
    expectClean(r);
  });
});

describe('live profile apply (5.3)', () => {
  const vadProfile: ProfileDocument = {
    ...pttProfile,
    session: {
      ...pttProfile.session,
      audio: {
        ...pttProfile.session.audio,
        input: { ...pttProfile.session.audio!.input, turn_detection: { type: 'server_vad' } },
      },
    },
  };

  it('sends ONE session.update with only what changed, null for cleared fields, and confirms it', async () => {
    r = await rig({}, { profile: vadProfile });
    r.engine.connect();
    await ready(r);
    const next: ProfileDocument = {
      ...pttProfile,
      session: { ...pttProfile.session, instructions: 'Be terse.' },
    };
    await r.engine.applyProfile(next);
    const updates = r.sent('session.update');
    expect(updates).toHaveLength(2);
    expect(updates[1]!.session).toEqual({
      type: 'realtime',
      instructions: 'Be terse.',
      audio: { input: { turn_detection: null } },
    });
    expect(r.engine.serverSession).toMatchObject({
      instructions: 'Be terse.',
      audio: { input: { turn_detection: null } },
    });
    expectClean(r);
  });

  it('a model change starts a new session that keeps the context, with a visible notice', async () => {
    r = await rig({ defaultReply: { text: 'Noted.', audioMs: 100 } });
    r.engine.sendText('my name is Ada');
    await waitTurns(r, 1);
    await r.engine.applyProfile({ ...pttProfile, model: 'gpt-realtime-mini' });
    expect(r.sim.connectionCount()).toBe(2);
    expect(r.warnings.join()).toMatch(/model changed to gpt-realtime-mini: starting a new session/);
    await waitFor(() => creates(r!, 2).length === 2, 2_000, 'replayed context');
    expect(creates(r, 2).map((i) => i.content[0]!.text)).toEqual(['my name is Ada', 'Noted.']);
    expectClean(r);
  });

  it('a voice change after the assistant has spoken starts a new session; before, it is a live update', async () => {
    r = await rig({ defaultReply: { text: 'Hi.', audioMs: 100 } });
    r.engine.connect();
    await ready(r);
    const voice = (v: string): ProfileDocument => ({
      ...pttProfile,
      session: { ...pttProfile.session, audio: { ...pttProfile.session.audio, output: { voice: v } } },
    });
    await r.engine.applyProfile(voice('cedar'));
    expect(r.sim.connectionCount()).toBe(1);
    r.engine.sendText('speak');
    await waitTurns(r, 1);
    await r.engine.applyProfile(voice('marin'));
    expect(r.sim.connectionCount()).toBe(2);
    expectClean(r);
  });

  it('after a reconnect the assistant has not spoken on the new session: a voice change is a live update', async () => {
    r = await rig({ defaultReply: { text: 'Hi.', audioMs: 100 } });
    r.engine.sendText('speak');
    await waitTurns(r, 1);
    r.sim.dropAll();
    await waitFor(
      // The client is ready once it has sent the replay; the simulator has it a moment later.
      () =>
        r!.sim.connectionCount() === 2 &&
        r!.engine.getState().status === 'ready' &&
        creates(r!, 2).length >= 2,
      5_000,
      'reconnected',
    );
    await r.engine.applyProfile({
      ...pttProfile,
      session: { ...pttProfile.session, audio: { ...pttProfile.session.audio, output: { voice: 'cedar' } } },
    });
    expect(r.sim.connectionCount()).toBe(2);
    expect(r.warnings.join()).not.toMatch(/starting a new session/);
    expect(r.engine.serverSession).toMatchObject({ audio: { output: { voice: 'cedar' } } });
    expectClean(r);
  });

  it('a response asked for while a live session.update is unconfirmed waits for session.updated', async () => {
    const tools = [
      { type: 'function' as const, name: 'get_current_time', parameters: { type: 'object', properties: {} } },
    ];
    const profile: ProfileDocument = { ...pttProfile, session: { ...pttProfile.session, tools } };
    r = await rig(
      {
        updateDelayMs: 300,
        replies: [
          { toolCall: { name: 'get_current_time', arguments: '{}' } },
          { text: 'Noon.', audioMs: 100 },
        ],
      },
      { profile },
    );
    const wire: string[] = [];
    r.engine.on('log', (e) => wire.push(`${e.direction} ${e.type}`));
    // The profile changes while the tool call is answered: its output is ready long before session.updated.
    const off = r.sim.onClientEvent(({ event }) => {
      if (event.type !== 'response.create') return;
      off();
      void r!.engine.applyProfile({ ...profile, session: { ...profile.session, instructions: 'Be terse.' } });
    });
    r.engine.sendText('what time is it');
    await waitTurns(r, 1);
    expect(r.turns[0]).toMatchObject({ outcome: 'completed', text: 'Noon.' });
    await waitFor(() => wire.filter((w) => w === 'server session.updated').length === 2, 2_000, 'updated');
    const secondUpdate = wire.indexOf('client session.update', wire.indexOf('client response.create'));
    const confirmed = wire.indexOf('server session.updated', secondUpdate);
    const secondCreate = wire.indexOf('client response.create', wire.indexOf('client response.create') + 1);
    expect(secondUpdate).toBeGreaterThan(0);
    expect(confirmed).toBeGreaterThan(secondUpdate);
    expect(secondCreate).toBeGreaterThan(confirmed);
    expectClean(r);
  });
});
