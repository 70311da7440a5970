// Issue 4, points 3–6: push-to-talk and VAD turns, responses into playback and the transcript, barge-in,
// function tools.
import { afterEach, describe, expect, it } from 'vitest';
import type { ProfileDocument } from '../../src-preload/contract';
import {
  expectClean,
  pttProfile,
  rig,
  waitFor,
  waitTurns,
  type Rig,
  untilAssistantSpeaks,
} from '../support/realtime/harness';

let r: Rig | undefined;
afterEach(async () => {
  await r?.close();
  r = undefined;
});

const withInput = (input: object, extra: object = {}): ProfileDocument => ({
  ...pttProfile,
  session: {
    ...pttProfile.session,
    ...extra,
    audio: { ...pttProfile.session.audio, input: { ...pttProfile.session.audio!.input, ...input } },
  },
});

const types = (r: Rig) => r.sim.received.map((x) => String(x.event.type));

describe('realtime turns', () => {
  it('push-to-talk: key-up commits then asks for the response; audio plays, transcripts stream then finalize', async () => {
    r = await rig(
      {
        defaultReply: { text: 'The answer is forty two.', audioMs: 800 },
        userTranscripts: ['what is the answer'],
      },
      { profile: withInput({ transcription: { model: 'gpt-4o-mini-transcribe' } }) },
    );
    r.engine.connect();
    await waitFor(() => r!.engine.getState().status === 'ready');
    r.engine.talkStart();
    r.audio.mic.speak(400);
    r.engine.talkEnd();
    await waitTurns(r, 1);
    const t = types(r);
    const commit = t.indexOf('input_audio_buffer.commit');
    expect(commit).toBeGreaterThan(t.lastIndexOf('input_audio_buffer.append'));
    expect(t[commit + 1]).toBe('response.create');
    expect(r.turns[0]).toMatchObject({ outcome: 'completed', text: 'The answer is forty two.' });
    // 800 ms of 24 kHz PCM16 reached the speaker.
    expect(r.audio.speaker.totalWritten).toBe(0.8 * 48_000);
    const items = [...r.items.values()];
    expect(items.map((i) => [i.role, i.text, i.final])).toEqual([
      ['user', 'what is the answer', true],
      ['assistant', 'The answer is forty two.', true],
    ]);
    // Streaming: the assistant item was sent several times under one id before it was final.
    const assistantUpdates = r.updates.filter((u) => u.id === items[1]!.id);
    expect(assistantUpdates.length).toBeGreaterThan(2);
    expect(assistantUpdates.filter((u) => u.final)).toHaveLength(
      assistantUpdates.length - assistantUpdates.findIndex((u) => u.final),
    );
    expectClean(r);
  });

  it('a reply shorter than the speaker takes to open: the state stays "speaking" until it has played', async () => {
    // One 100 ms delta, then response.done: the first write waits for the speaker to open.
    r = await rig({ defaultReply: { text: 'Hi.', audioMs: 100 } });
    const readyAt: number[] = [];
    r.engine.on('state', (s) => s.status === 'ready' && readyAt.push(performance.now()));
    r.engine.sendText('hello');
    await waitTurns(r, 1);
    const doneAt = performance.now();
    await waitFor(() => r!.audio.speaker.totalWritten > 0 && !r!.audio.speaker.isPlaying(), 2_000, 'played');
    await waitFor(() => r!.engine.getState().status === 'ready', 1_000, 'ready');
    // "ready" came after the 100 ms were played, not at response.done while the speaker was opening.
    expect(readyAt.at(-1)! - doneAt).toBeGreaterThanOrEqual(80);
    expectClean(r);
  });

  it('a press under 100 ms clears the buffer and says "too short"', async () => {
    r = await rig();
    r.engine.connect();
    await waitFor(() => r!.engine.getState().status === 'ready');
    r.engine.talkStart();
    r.audio.mic.speak(60);
    r.engine.talkEnd();
    await waitTurns(r, 1);
    expect(r.turns[0]!.outcome).toBe('too-short');
    expect(r.engine.getState().message).toMatch(/too short/);
    await waitFor(() => types(r!).includes('input_audio_buffer.clear'), 2_000, 'clear');
    expect(types(r)).not.toContain('input_audio_buffer.commit');
    expect(types(r)).not.toContain('response.create');
    expectClean(r);
  });

  it('the simulator records a commit under 100 ms as a protocol violation', async () => {
    // An engine told to send any press (minTurnMs 0) commits 60 ms; the default engine never does (above).
    r = await rig({}, { minTurnMs: 0 });
    r.engine.connect();
    await waitFor(() => r!.engine.getState().status === 'ready');
    r.engine.talkStart();
    r.audio.mic.speak(60);
    r.engine.talkEnd();
    await waitTurns(r, 1);
    expect(r.sim.violations).toEqual(['connection 1: input_audio_buffer.commit with under 100 ms of audio']);
  });

  it.each([
    ['server_vad', { type: 'server_vad', silence_duration_ms: 300 }],
    ['semantic_vad', { type: 'semantic_vad', eagerness: 'high' }],
  ])('%s: the server commits and answers', async (_name, turnDetection) => {
    r = await rig(
      { defaultReply: { text: 'Heard you.', audioMs: 300 } },
      { profile: withInput({ turn_detection: turnDetection }) },
    );
    // A VAD profile is hands-free: the key switches listening on, and the server hears the pause.
    r.engine.talkStart();
    r.engine.talkEnd();
    await waitFor(() => r!.audio.mic.running, 2_000, 'listening');
    r.audio.mic.speak(500);
    r.audio.mic.quiet(1_000);
    await waitTurns(r, 1);
    expect(r.turns[0]).toMatchObject({ outcome: 'completed', text: 'Heard you.' });
    expect(types(r)).not.toContain('input_audio_buffer.commit');
    expect(types(r)).not.toContain('response.create');
    expectClean(r);
  });

  it('text output sessions stream output_text into the transcript', async () => {
    r = await rig(
      { defaultReply: { text: 'Only words here.' } },
      { profile: { ...pttProfile, session: { ...pttProfile.session, output_modalities: ['text'] } } },
    );
    r.engine.sendText('say something');
    await waitTurns(r, 1);
    expect([...r.items.values()].map((i) => [i.role, i.text, i.final])).toEqual([
      ['user', 'say something', true],
      ['assistant', 'Only words here.', true],
    ]);
    expectClean(r);
  });

  it('barge-in: stops playback, cancels, truncates at the integer ms actually played, marks the turn interrupted', async () => {
    r = await rig({
      replies: [
        { text: 'one two three four five six seven eight nine ten', audioMs: 4_000 },
        { text: 'ok', audioMs: 200 },
      ],
      // 100 ms of audio every 50 ms: faster than real time, as the real server sends it.
      deltaIntervalMs: 50,
    });
    await untilAssistantSpeaks(r);
    await new Promise((res) => setTimeout(res, 400));
    const before = r.sim.received.length;
    r.engine.talkStart(); // the key again, while the assistant speaks
    expect(r.audio.speaker.stops).toHaveLength(1); // playback stopped synchronously, on key-down
    const played = r.audio.speaker.stops[0]!;
    await waitFor(() => r!.sim.received.length >= before + 2, 2_000, 'cancel + truncate');
    const wire = r.sim.received.slice(before).map((x) => x.event);
    expect(wire[0]!.type).toBe('response.cancel');
    expect(wire[1]).toMatchObject({ type: 'conversation.item.truncate', content_index: 0 });
    const end = wire[1]!.audio_end_ms as number;
    expect(Number.isInteger(end)).toBe(true);
    expect(end).toBe(Math.floor(played));
    expect(end).toBeGreaterThan(300);
    expect(end).toBeLessThan(4_000);
    const assistant = [...r.items.values()].find((i) => i.role === 'assistant')!;
    expect(assistant.interrupted).toBe(true);
    expect(assistant.final).toBe(true);
    expect(assistant.text.length).toBeLessThan('one two three four five six seven eight nine ten'.length);
    // The second turn waits for the cancelled response to finish: never two active responses.
    r.audio.mic.speak(300);
    r.engine.talkEnd();
    await waitTurns(r, 2);
    expect(r.turns.map((t) => t.outcome)).toEqual(['cancelled', 'completed']);
    await waitFor(() => r!.sent('conversation.item.truncate').length === 1);
    expectClean(r);
  });

  const g711 = (type: 'audio/pcmu' | 'audio/pcma', input: object = {}): ProfileDocument => ({
    ...pttProfile,
    session: {
      ...pttProfile.session,
      audio: {
        input: { format: { type }, turn_detection: null, ...input },
        output: { format: { type }, voice: 'marin' },
      },
    },
  });

  it('audio/pcmu push-to-talk: 400 ms of μ-law is a valid turn; the reply comes back as μ-law', async () => {
    r = await rig(
      { defaultReply: { text: 'Mu-law back.', audioMs: 800 } },
      { profile: g711('audio/pcmu', { transcription: { model: 'gpt-4o-mini-transcribe' } }) },
    );
    r.engine.connect();
    await waitFor(() => r!.engine.getState().status === 'ready');
    r.engine.talkStart();
    r.audio.mic.speak(400);
    r.engine.talkEnd();
    await waitTurns(r, 1);
    expect(r.turns[0]).toMatchObject({ outcome: 'completed', text: 'Mu-law back.' });
    // 8 bytes per ms each way: the server measured the turn as 400 ms, and sent 800 ms as 6400 bytes.
    const sent = r.sent('input_audio_buffer.append');
    expect(sent.reduce((n, e) => n + Buffer.from(String(e.audio), 'base64').length, 0)).toBe(3_200);
    expect([...r.items.values()][0]).toMatchObject({ role: 'user', text: '(user audio, 400 ms)' });
    expect(r.audio.speaker.format).toBe('audio/pcmu');
    expect(r.audio.speaker.totalWritten).toBe(800 * 8);
    expectClean(r);
  });

  it('audio/pcma barge-in: audio_end_ms is the A-law audio actually played, within what was received', async () => {
    r = await rig(
      {
        replies: [
          { text: 'one two three four five six seven eight', audioMs: 4_000 },
          { text: 'ok', audioMs: 200 },
        ],
        deltaIntervalMs: 50,
      },
      { profile: g711('audio/pcma') },
    );
    const received: number[] = [];
    r.engine.on('log', (e) => {
      if (e.type !== 'response.output_audio.delta') return;
      received.push(Number(/^<(\d+) bytes>$/.exec((e.event as { delta: string }).delta)![1]));
    });
    await untilAssistantSpeaks(r);
    await new Promise((res) => setTimeout(res, 400));
    r.engine.talkStart();
    const played = r.audio.speaker.stops[0]!;
    const receivedMs = received.reduce((a, b) => a + b, 0) / 8;
    await waitFor(() => r!.sent('conversation.item.truncate').length === 1, 2_000, 'truncate');
    const end = r.sent('conversation.item.truncate')[0]!.audio_end_ms as number;
    // Every delta is 100 ms of A-law (800 bytes), and the cut is the played time in those units.
    expect(new Set(received)).toEqual(new Set([800]));
    expect(end).toBe(Math.floor(played));
    expect(end).toBeGreaterThan(300);
    expect(end).toBeLessThanOrEqual(receivedMs);
    r.audio.mic.speak(300);
    r.engine.talkEnd();
    await waitTurns(r, 2);
    expect(r.turns.map((t) => t.outcome)).toEqual(['cancelled', 'completed']);
    expectClean(r);
  });

  it('function tools: built-in date/time handler answers, an unknown tool gets a clear error, then one response.create', async () => {
    const tools = [
      {
        type: 'function' as const,
        name: 'get_current_time',
        description: 'now',
        parameters: { type: 'object', properties: {} },
      },
      { type: 'function' as const, name: 'launch_rocket', parameters: { type: 'object', properties: {} } },
    ];
    r = await rig(
      {
        replies: [
          { toolCall: { name: 'get_current_time', arguments: '{}' } },
          { text: 'It is noon.', audioMs: 200 },
          { toolCall: { name: 'launch_rocket', arguments: '{"target":"moon"}' } },
          { text: 'I cannot do that.', audioMs: 200 },
        ],
      },
      { profile: { ...pttProfile, session: { ...pttProfile.session, tools } } },
    );
    r.engine.sendText('what time is it');
    await waitTurns(r, 1);
    r.engine.sendText('launch the rocket');
    await waitTurns(r, 2);
    const outputs = r
      .sent('conversation.item.create')
      .filter((e) => (e.item as { type: string }).type === 'function_call_output');
    expect(outputs).toHaveLength(2);
    const time = JSON.parse((outputs[0]!.item as { output: string }).output) as { iso: string };
    expect(Math.abs(Date.parse(time.iso) - Date.now())).toBeLessThan(60_000);
    expect((outputs[1]!.item as { output: string }).output).toMatch(
      /no handler for tool \\"launch_rocket\\"/,
    );
    expect(r.sent('response.create')).toHaveLength(4);
    // Each output is in the conversation before the response.create that answers it: the wire, reduced to
    // tool outputs and response requests, reads ask → output → ask, twice.
    const order = r.sim.received
      .map((x) => x.event)
      .filter(
        (e) =>
          e.type === 'response.create' ||
          (e.type === 'conversation.item.create' &&
            (e.item as { type: string }).type === 'function_call_output'),
      )
      .map((e) =>
        e.type === 'response.create' ? 'create' : `output ${(e.item as { call_id: string }).call_id}`,
      );
    const callIds = outputs.map((e) => (e.item as { call_id: string }).call_id);
    expect(order).toEqual([
      'create',
      `output ${callIds[0]}`,
      'create',
      'create',
      `output ${callIds[1]}`,
      'create',
    ]);
    expect(r.turns.map((t) => [t.outcome, t.text])).toEqual([
      ['completed', 'It is noon.'],
      ['completed', 'I cannot do that.'],
    ]);
    const toolItems = [...r.items.values()].filter((i) => i.role === 'tool');
    expect(toolItems[1]!.tool).toMatchObject({
      name: 'launch_rocket',
      error: expect.stringMatching(/no handler/),
    });
    expectClean(r);
  });
});
