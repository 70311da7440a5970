// Hands-free listening through the real engine and the simulator's server VAD: listening on streams the
// microphone continuously and the server takes the turns (no commit, no response.create from the client);
// the status shows listening / hearing / thinking / speaking; the user's voice over the assistant stops the
// speaker and cuts the item without a second cancel (interrupt_response on), and does not cut it when
// interrupt_response is off; listening stops on mute, on a push-to-talk profile, on the server's idle
// timeout and with the session, closing the device each time; a press of the talk key switches it.
import { afterEach, describe, expect, it } from 'vitest';
import type { ProfileDocument } from '../../src-preload/contract';
import { expectClean, pttProfile, rig, waitFor, type Rig } from '../support/realtime/harness';

let r: Rig | undefined;
afterEach(async () => {
  await r?.close();
  r = undefined;
});

const vadProfile = (turnDetection: Record<string, unknown> = {}): ProfileDocument => ({
  ...pttProfile,
  name: 'Hands-free',
  session: {
    ...pttProfile.session,
    audio: {
      ...pttProfile.session.audio,
      input: {
        ...pttProfile.session.audio!.input,
        turn_detection: { type: 'server_vad', silence_duration_ms: 200, ...turnDetection },
      },
    },
  } as ProfileDocument['session'],
});

const count = (r: Rig, type: string) => r.sent(type).length;
const statuses = (r: Rig) => [...new Set(r.states.map((s) => s.status))];

async function listening(
  profile = vadProfile(),
  replies = [{ text: 'Sure.', audioMs: 300 }],
  sim: Parameters<typeof rig>[0] = {},
) {
  r = await rig({ replies, defaultReply: { text: 'Noted.', audioMs: 300 }, ...sim }, { profile });
  r.engine.setListening(true);
  await waitFor(
    () => r!.engine.getState().status === 'listening' && r!.audio.mic.running,
    5_000,
    'listening',
  );
  return r;
}

describe('hands-free listening', () => {
  it('streams continuously; the server takes the turns; the status follows the conversation', async () => {
    const r = await listening();
    expect(r.engine.getState()).toMatchObject({ handsFree: true, listening: true });
    // The speaker opens with listening, before any reply: its start-up is over when the assistant speaks.
    await waitFor(() => r.audio.speaker.opens === 1, 2_000, 'the speaker to open');
    expect(r.audio.speaker.writes).toEqual([]);
    r.audio.mic.speak(400);
    await waitFor(() => r.engine.getState().status === 'hearing', 2_000, 'hearing');
    r.audio.mic.quiet(300);
    await waitFor(() => r.turns.length === 1, 5_000, 'the first answer');
    expect(r.turns[0]).toMatchObject({ outcome: 'completed', text: 'Sure.' });
    // Hands-free, the client neither commits nor asks for responses: the server's VAD does both.
    expect(count(r, 'input_audio_buffer.commit')).toBe(0);
    expect(count(r, 'response.create')).toBe(0);
    await waitFor(() => r.engine.getState().status === 'listening', 3_000, 'listening again');
    // The conversation goes on: a second turn, still without a key.
    r.audio.mic.speak(300);
    r.audio.mic.quiet(300);
    await waitFor(() => r.turns.length === 2, 5_000, 'the second answer');
    expect(statuses(r)).toEqual(expect.arrayContaining(['listening', 'hearing', 'thinking', 'speaking']));
    expect(r.audio.mic.running).toBe(true);
    expect(r.audio.speaker.opens).toBe(1); // both answers played on the speaker opened with listening
    expectClean(r);
  });

  it('the user speaking over the answer stops the speaker and cuts the item, without cancelling twice', async () => {
    // The answer streams a little slower than real time (a busy network): still being generated when the user
    // speaks, and the speaker runs dry between deltas, so "audible" must count audio still arriving.
    const r = await listening(
      vadProfile(),
      [{ text: 'A long answer that goes on and on.', audioMs: 3_000 }],
      {
        audioChunkMs: 100,
        deltaIntervalMs: 150,
      },
    );
    const cuts: unknown[] = [];
    r.engine.on('bargeIn', (cut) => cuts.push(cut));
    r.audio.mic.speak(300);
    r.audio.mic.quiet(300);
    await waitFor(() => r.engine.getState().status === 'speaking', 5_000, 'the answer playing');
    await new Promise((resolve) => setTimeout(resolve, 400));
    const before = r.audio.speaker.stops.length;
    r.audio.mic.speak(200); // speech_started from the server's VAD
    await waitFor(() => cuts.length === 1, 2_000, 'the barge-in');
    expect(r.audio.speaker.stops.length).toBe(before + 1);
    expect(count(r, 'conversation.item.truncate')).toBe(1);
    // interrupt_response is on: the server cancels the response itself, so the client does not.
    expect(count(r, 'response.cancel')).toBe(0);
    expect(cuts[0]).toMatchObject({ heardMs: expect.any(Number) });
    r.audio.mic.quiet(300);
    await waitFor(() => r.turns.length >= 2, 5_000, 'the next answer');
    expect(r.turns[0]!.outcome).toBe('cancelled');
    expectClean(r);
  });

  it('with interrupt_response off, the user speaking over the answer does not cut it', async () => {
    const r = await listening(vadProfile({ interrupt_response: false }), [{ text: 'Long.', audioMs: 1_500 }]);
    r.audio.mic.speak(300);
    r.audio.mic.quiet(300);
    await waitFor(() => r.engine.getState().status === 'speaking', 5_000, 'the answer playing');
    const stops = r.audio.speaker.stops.length;
    r.audio.mic.speak(100);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(r.audio.speaker.stops.length).toBe(stops);
    expect(count(r, 'conversation.item.truncate')).toBe(0);
    expect(count(r, 'response.cancel')).toBe(0);
    await waitFor(() => r.turns.length >= 1, 5_000, 'the answer');
    expect(r.turns[0]!.outcome).toBe('completed');
    expectClean(r);
  });

  it('stops on mute, on a push-to-talk profile and with the session, closing the device each time', async () => {
    const r = await listening();
    r.engine.setMuted(true);
    expect(r.engine.getState()).toMatchObject({ muted: true });
    expect(r.engine.getState().listening).toBeUndefined();
    expect(r.audio.mic.running).toBe(false);
    r.engine.setListening(true); // refused while muted
    expect(r.engine.getState().listening).toBeUndefined();
    r.engine.setMuted(false);

    r.engine.setListening(true);
    await waitFor(() => r.audio.mic.running, 2_000, 'the microphone');
    const applied = r.engine.applyProfile(pttProfile);
    expect(r.engine.getState().message).toMatch(/stopped listening: this profile uses push-to-talk/);
    await applied;
    expect(r.engine.getState().handsFree).toBeUndefined();
    expect(r.audio.mic.running).toBe(false);
    r.engine.setListening(true); // a push-to-talk profile cannot listen
    expect(r.engine.getState().listening).toBeUndefined();

    await r.engine.applyProfile(vadProfile());
    r.engine.talkStart(); // hands-free, a press switches listening on …
    r.engine.talkEnd();
    await waitFor(() => r.engine.getState().listening && r.audio.mic.running, 2_000, 'listening by key');
    r.engine.talkStart(); // … and off
    expect(r.engine.getState().listening).toBeUndefined();
    expect(r.audio.mic.running).toBe(false);

    r.engine.setListening(true);
    await waitFor(() => r.audio.mic.running, 2_000, 'the microphone');
    r.engine.endSession();
    expect(r.engine.getState().status).toBe('disconnected');
    expect(r.engine.getState().listening).toBeUndefined();
    expect(r.audio.mic.running).toBe(false);
    expectClean(r);
  });

  it("stops on the server's idle timeout (idle_timeout_ms), which the server answers", async () => {
    const r = await listening(vadProfile({ idle_timeout_ms: 5_000 }));
    r.audio.mic.quiet(5_200);
    await waitFor(() => r.engine.getState().listening === undefined, 2_000, 'listening to stop');
    expect(r.engine.getState().message).toMatch(/nothing was said/);
    expect(r.audio.mic.running).toBe(false);
    await waitFor(() => r.turns.length === 1, 5_000, "the server's answer");
    expectClean(r);
  });
});
