// Issue 4, points 1–2: connecting (plain and pre-configured) and confirming the profile before any audio.
import { afterEach, describe, expect, it } from 'vitest';
import { expectClean, pttProfile, rig, waitFor, waitTurns, type Rig } from '../support/realtime/harness';
import { chunkNumber } from '../support/realtime/test-audio';

let r: Rig | undefined;
afterEach(async () => {
  await r?.close();
  r = undefined;
});

const index = (r: Rig, pred: (e: Record<string, unknown>) => boolean) =>
  r.sim.received.findIndex((x) => pred(x.event));

describe('realtime session: connect and confirm', () => {
  it('sends session.update first and no audio before a confirming session.updated; key-down audio is not lost', async () => {
    r = await rig({ updateDelayMs: 200 });
    // Key-down is what opens the connection; speech starts at once.
    r.engine.talkStart();
    r.audio.mic.speak(500);
    await waitFor(() => r!.sent('input_audio_buffer.append').length > 0, 3_000, 'appends');
    const update = r.sim.received.find((x) => x.event.type === 'session.update')!;
    const firstAppend = r.sim.received.find((x) => x.event.type === 'input_audio_buffer.append')!;
    expect(index(r, (e) => e.type === 'session.update')).toBe(0);
    // The update's reply was held 200 ms by the server: audio only went out after it.
    expect(firstAppend.at - update.at).toBeGreaterThanOrEqual(190);
    expect(
      (update.event.session as { audio: { input: { turn_detection: unknown } } }).audio.input.turn_detection,
    ).toBeNull();
    r.audio.mic.speak(200);
    r.engine.talkEnd();
    await waitTurns(r, 1);
    const appendedBytes = r
      .sent('input_audio_buffer.append')
      .reduce((n, e) => n + Buffer.from(String(e.audio), 'base64').length, 0);
    expect(appendedBytes).toBe(0.7 * 48_000); // every captured millisecond reached the server
    expect(r.turns[0]!.outcome).toBe('completed');
    expectClean(r);
  });

  it('speech beyond the 30 s pre-confirmation buffer: the oldest audio is dropped, the newest sent, with a warning', async () => {
    // The server holds session.updated back; meanwhile 31 s are said (synchronously, in 100 ms chunks).
    r = await rig({ updateDelayMs: 300, defaultReply: { text: 'Long one.', audioMs: 100 } });
    r.engine.talkStart();
    r.audio.mic.speakNumbered(310);
    r.engine.talkEnd();
    await waitTurns(r, 1);
    expect(r.turns[0]!.outcome).toBe('completed');
    const sent = r.sent('input_audio_buffer.append').map((e) => chunkNumber(String(e.audio)));
    // The default limit (30 s) is what is kept: chunks 11…310, in order; the first second is gone.
    expect(sent).toEqual(Array.from({ length: 300 }, (_, i) => i + 11));
    expect(r.warnings).toContain('the first 1000 ms of the turn were dropped (capture buffer full)');
    expectClean(r);
  });

  it('re-sends a session.update the server ignored, then warns visibly and goes on', async () => {
    r = await rig({ ignoreSessionUpdates: 1 });
    r.engine.connect();
    await waitFor(() => r!.engine.getState().status === 'ready', 3_000, 'ready');
    expect(r.sent('session.update')).toHaveLength(2);
    expect(r.warnings).toEqual([]);
    await r.close();

    r = await rig({ ignoreSessionUpdates: 5 });
    r.engine.connect();
    await waitFor(() => r!.engine.getState().status === 'ready', 3_000, 'ready');
    expect(r.sent('session.update')).toHaveLength(2);
    expect(r.warnings.join('\n')).toMatch(/did not apply the profile \(.*instructions.*\) after a re-send/);
    // …and it still works.
    r.engine.sendText('hello');
    await waitTurns(r, 1);
    expectClean(r);
  });

  it('pre-configured session: POST /realtime/client_secrets carries the profile, session.created already holds it', async () => {
    r = await rig({}, { preconfiguredSession: true });
    r.engine.connect();
    await waitFor(() => r!.engine.getState().status === 'ready', 3_000, 'ready');
    expect(r.sim.clientSecrets).toHaveLength(1);
    expect(r.sim.clientSecrets[0]!.session.instructions).toBe(pttProfile.session.instructions);
    expect(r.sent('session.update')).toHaveLength(0);
    r.engine.sendText('hi');
    await waitTurns(r, 1);
    expectClean(r);
  });

  it('pre-configured session falls back to a plain connect when the endpoint fails', async () => {
    r = await rig({ clientSecretsStatus: 404 }, { preconfiguredSession: true });
    r.engine.connect();
    await waitFor(() => r!.engine.getState().status === 'ready', 3_000, 'ready');
    expect(r.sent('session.update')).toHaveLength(1);
    expect(r.warnings.join()).toMatch(/pre-configured session unavailable/);
    expectClean(r);
  });

  it('walks the session states and logs events with audio elided', async () => {
    r = await rig({ defaultReply: { text: 'Fine.', audioMs: 300 } });
    const log: { type: string; event: unknown }[] = [];
    r.engine.on('log', (e) => log.push(e));
    r.engine.talkStart();
    r.audio.mic.speak(300);
    await waitFor(() => r!.engine.getState().status === 'listening');
    r.engine.talkEnd();
    await waitTurns(r, 1);
    await waitFor(() => r!.engine.getState().status === 'ready', 3_000, 'ready after playback');
    const seen = r.states.map((s) => s.status);
    for (const s of ['listening', 'thinking', 'speaking', 'ready'] as const) expect(seen).toContain(s);
    const append = log.find((e) => e.type === 'input_audio_buffer.append')!.event as { audio: string };
    expect(append.audio).toMatch(/^<\d+ bytes>$/);
    const delta = log.find((e) => e.type === 'response.output_audio.delta')!.event as { delta: string };
    expect(delta.delta).toMatch(/^<\d+ bytes>$/);
    expectClean(r);
  });
});
