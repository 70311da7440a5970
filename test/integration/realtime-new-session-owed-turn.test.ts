// A new session while a push-to-talk turn still awaits its answer (a model change) must send that turn's
// audio again before committing it on the new socket. The engine once had four copies of its "new server
// session" reset, and the model-change copy forgot to mark the owed audio unsent: the new socket got an empty
// commit (input_audio_buffer_commit_empty) and the user's words were lost.
import { afterEach, describe, expect, it } from 'vitest';
import { expectClean, pttProfile, rig, waitFor, waitTurns, type Rig } from '../support/realtime/harness';

let r: Rig | undefined;
afterEach(async () => {
  await r?.close();
  r = undefined;
});

describe('a model change while a turn awaits its answer', () => {
  it('re-sends the turn audio on the new socket, then commits and gets the answer', async () => {
    // A slow reply keeps the first response active while the model changes.
    r = await rig({
      replies: [{ audioMs: 4_000 }, { audioMs: 200 }],
      deltaIntervalMs: 200,
      audioChunkMs: 100,
    });
    r.engine.connect();
    await waitFor(() => r!.engine.getState().status === 'ready');
    r.engine.talkStart();
    r.audio.mic.speak(400);
    r.engine.talkEnd();
    await waitFor(() => r!.sent('response.create').length === 1, 5_000, 'the first response.create');
    await waitFor(() => r!.engine.getState().status === 'speaking', 5_000, 'speaking');

    const changed = r.engine.applyProfile({ ...pttProfile, model: 'gpt-realtime-mini' });
    await changed;
    await waitTurns(r, 1, 8_000);

    const second = r.sim.received.filter((x) => x.connection === 2).map((x) => x.event);
    const firstCommit = second.findIndex((e) => e.type === 'input_audio_buffer.commit');
    expect(firstCommit).toBeGreaterThan(0);
    const appendedBytes = second
      .slice(0, firstCommit)
      .filter((e) => e.type === 'input_audio_buffer.append')
      .reduce((n, e) => n + Buffer.from(String(e.audio), 'base64').length, 0);
    // 400 ms of PCM16 at 24 kHz.
    expect(appendedBytes).toBe(400 * 48);
    expect(r.turns.at(-1)?.outcome).toBe('completed');
    expectClean(r);
  });
});
