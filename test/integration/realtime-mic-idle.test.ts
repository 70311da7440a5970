// The microphone stays open a while after a turn (a turn that finds it open loses none of its first words)
// and closes by itself; muting or ending the session closes it at once.
import { afterEach, describe, expect, it } from 'vitest';
import { rig, waitFor, waitTurns, expectClean, type Rig } from '../support/realtime/harness';

let r: Rig | undefined;
afterEach(async () => {
  await r?.close();
  r = undefined;
});

const sleep = (ms: number) => new Promise((res) => setTimeout(res, ms));

describe('microphone between turns', () => {
  it('stays open after a turn, is reused by the next one, and closes when idle', async () => {
    r = await rig({ defaultReply: { text: 'Ok.', audioMs: 100 } }, { micIdleMs: 300 });
    r.engine.talkStart();
    await waitFor(() => r!.audio.mic.running, 2_000, 'mic running');
    r.audio.mic.speak(200);
    r.engine.talkEnd();
    expect(r.audio.mic.running).toBe(true);
    await waitTurns(r, 1);

    // Between turns nothing is sent, even though the device is open.
    const appends = r.sent('input_audio_buffer.append').length;
    r.audio.mic.speak(100);
    expect(r.sent('input_audio_buffer.append')).toHaveLength(appends);

    await sleep(400);
    expect(r.audio.mic.running).toBe(false);
    expectClean(r);
  });

  it('muting closes the microphone at once', async () => {
    r = await rig({ defaultReply: { text: 'Ok.', audioMs: 100 } }, { micIdleMs: 60_000 });
    r.engine.talkStart();
    await waitFor(() => r!.audio.mic.running, 2_000, 'mic running');
    r.audio.mic.speak(200);
    r.engine.talkEnd();
    expect(r.audio.mic.running).toBe(true);
    r.engine.setMuted(true);
    await waitFor(() => !r!.audio.mic.running, 1_000, 'mic closed');
  });

  it('ending the session closes the microphone at once', async () => {
    r = await rig({ defaultReply: { text: 'Ok.', audioMs: 100 } }, { micIdleMs: 60_000 });
    r.engine.talkStart();
    await waitFor(() => r!.audio.mic.running, 2_000, 'mic running');
    r.audio.mic.speak(200);
    r.engine.talkEnd();
    r.engine.endSession();
    await waitFor(() => !r!.audio.mic.running, 1_000, 'mic closed');
  });
});
