// Issue 16: the real server's failure modes, as captured against it (DESIGN.md) and played by the simulator:
// a rate-limited response (retried once, the turn keeps its place), a second failure (a Retry action), an
// unsolicited server_error (a notice; the turn goes on), the 60-minute close 1001 (a new session that keeps
// the conversation), and a refused key or unknown model after the upgrade (fatal: no reconnect).
import { afterEach, describe, expect, it } from 'vitest';
import { expectClean, rig, waitFor, waitTurns, type Rig } from '../support/realtime/harness';

let r: Rig | undefined;
afterEach(async () => {
  await r?.close();
  r = undefined;
});

const rateLimited = (wait: string) => ({
  fail: {
    type: 'tokens',
    code: 'rate_limit_exceeded',
    message: `Rate limit reached for gpt-realtime in organization org-sim on tokens per min (TPM): Limit 40000, Used 39800, Requested 1200. Please try again in ${wait}. Visit https://platform.openai.com/account/rate-limits to learn more.`,
  },
});

async function sayOneTurn(r: Rig, ms = 400): Promise<void> {
  r.engine.connect();
  await waitFor(() => r.engine.getState().status === 'ready', 5_000, 'ready');
  r.engine.talkStart();
  r.audio.mic.speak(ms);
  r.engine.talkEnd();
}

describe('the real server’s failure modes', () => {
  it('a rate-limited response is retried once after the named wait; the committed turn gets its answer', async () => {
    r = await rig({ replies: [rateLimited('0.6s'), { text: 'Here you go.', audioMs: 200 }] });
    await sayOneTurn(r);
    await waitFor(
      () => r!.states.some((s) => /^rate limited — retrying in 0\.\d s$/.test(s.message ?? '')),
      3_000,
      'the countdown',
    );
    // Waiting, not failed: the status is what the session is doing.
    expect(r.engine.getState().status).toBe('thinking');
    await waitTurns(r, 1, 5_000);
    expect(r.turns[0]).toMatchObject({ outcome: 'completed', text: 'Here you go.' });
    expect(r.sent('input_audio_buffer.commit')).toHaveLength(1);
    const creates = r.sim.received.filter((x) => x.event.type === 'response.create');
    expect(creates).toHaveLength(2);
    // The server named 0.6 s: the retry waited for it.
    expect(creates[1]!.at - creates[0]!.at).toBeGreaterThanOrEqual(550);
    expect([...r.warnings, ...r.states.map((s) => s.message ?? '')].join('\n')).not.toMatch(/[{}]/);
    expectClean(r);
  });

  it('a second failure stops with its message and a Retry action, which asks again', async () => {
    r = await rig({
      replies: [rateLimited('0.1s'), rateLimited('0.1s'), { text: 'Third time lucky.', audioMs: 200 }],
    });
    await sayOneTurn(r);
    await waitTurns(r, 1, 5_000);
    expect(r.turns[0]).toMatchObject({ outcome: 'failed', message: 'rate limited' });
    expect(r.engine.getState()).toMatchObject({ status: 'error', message: 'rate limited', canRetry: true });
    r.engine.retryResponse();
    await waitTurns(r, 2, 5_000);
    expect(r.turns[1]).toMatchObject({ outcome: 'completed', text: 'Third time lucky.' });
    expect(r.engine.getState().canRetry).toBeUndefined();
    expect(r.sent('response.create')).toHaveLength(3);
    expectClean(r);
  });

  it('an unsolicited server_error is a notice: the answer goes on and completes', async () => {
    r = await rig({
      replies: [{ text: 'Still here.', audioMs: 600, serverErrorMidway: true }],
      audioChunkMs: 100,
    });
    await sayOneTurn(r);
    await waitTurns(r, 1, 5_000);
    expect(r.turns[0]).toMatchObject({ outcome: 'completed', text: 'Still here.' });
    expect(r.warnings.some((w) => /^server error: The server had an error/.test(w))).toBe(true);
    expect(r.states.some((s) => s.status === 'error')).toBe(false);
    expectClean(r);
  });

  it('the 60-minute close 1001 starts a new session at once, keeping the conversation', async () => {
    r = await rig({ sessionMaxMs: 1_500, defaultReply: { text: 'Noted.', audioMs: 200 } });
    await sayOneTurn(r);
    await waitTurns(r, 1, 5_000);
    await waitFor(() => r!.sim.connectionCount() === 2, 5_000, 'the second session');
    await waitFor(() => r!.engine.getState().status === 'ready', 5_000, 'ready again');
    expect(r.states.some((s) => /60-minute limit/.test(s.message ?? ''))).toBe(true);
    expect(r.states.some((s) => s.status === 'error')).toBe(false);
    // The new session is told what was said.
    const replayed = await waitFor(
      () => {
        const items = r!.sim.received.filter(
          (x) => x.connection === 2 && x.event.type === 'conversation.item.create',
        );
        return items.length ? items : undefined;
      },
      2_000,
      'the replayed conversation',
    );
    expect(replayed.map((x) => (x.event.item as { role: string }).role)).toContain('assistant');
    r.engine.talkStart();
    r.audio.mic.speak(300);
    r.engine.talkEnd();
    await waitTurns(r, 2, 5_000);
    expect(r.turns[1]?.outcome).toBe('completed');
    expectClean(r);
  });

  it.each([
    [
      'a refused key (close 3000)',
      { apiKey: 'sk-the-right-key' },
      {},
      /^authentication failed — check the API key: Incorrect API key provided\.$/,
    ],
    [
      'an unknown model (close 4000)',
      {},
      { defaultModel: 'gpt-realtime-9' },
      /^unknown model — choose another in the profile: /,
    ],
  ])('%s after the upgrade is fatal: one clear error, no reconnect', async (_, sim, engine, message) => {
    r = await rig(sim, { ...engine, profile: { name: 'P', model: '', session: { type: 'realtime' } } });
    r.engine.connect();
    await waitFor(() => r!.engine.getState().status === 'error', 5_000, 'the error');
    expect(r.engine.getState().message).toMatch(message);
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(r.sim.requests.filter((q) => q.kind === 'upgrade')).toHaveLength(1);
    expect(r.engine.getState().status).toBe('error');
    expectClean(r);
  });
});
