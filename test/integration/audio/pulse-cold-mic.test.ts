// The microphone on a real-time device that starts late (PulseAudio rig: capture delivers its first audio
// ≈ 1.9 s after the device opens, as slow as a Bluetooth headset), through the real engine and simulator.
// - Cold: the key goes down, the session says 'opening' until the device delivers, then 'listening'. A user
//   who starts to speak at that signal and holds the key 2.5 s in all has everything said after the signal
//   committed (before, the turn said 'listening' at once and the first 1.9 s of speech were lost: 1.04 s of
//   a 2.5 s hold committed).
// - Warm: the next turn finds the device live, and a word begun 200 ms before the key is kept (pre-roll).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionState } from '../../../src-preload/contract';
import { createDeviceSource } from '../../../src-main/core/audio/device-source';
import { nullAudio } from '../../../src-main/core/realtime/null-audio';
import { startPulseRig, type MicFeed, type PulseRig } from '../../support/audio-rigs/pulse-rig';
import { expectClean, rig, waitFor, waitTurns, type Rig } from '../../support/realtime/harness';

const feedRate = 48_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A 440 Hz tone at half scale, S16_LE mono at the feed's rate: the user speaking. */
function tone(ms: number): Buffer {
  const samples = (feedRate * ms) / 1000;
  const out = Buffer.alloc(samples * 2);
  for (let i = 0; i < samples; i++)
    out.writeInt16LE(Math.round(16_384 * Math.sin((2 * Math.PI * 440 * i) / feedRate)), i * 2);
  return out;
}

/** The turn's audio as the server got it: the appends before the commit from `from` on, PCM16 24 kHz. */
function committedAudio(r: Rig, from: number): Int16Array {
  const turn = r.sim.received.slice(from);
  const commit = turn.findIndex((x) => x.event.type === 'input_audio_buffer.commit');
  const bytes = Buffer.concat(
    turn
      .slice(0, commit)
      .filter((x) => x.event.type === 'input_audio_buffer.append')
      .map((x) => Buffer.from(String(x.event.audio), 'base64')),
  );
  return new Int16Array(bytes.buffer, bytes.byteOffset, bytes.length >> 1);
}

/** Milliseconds of the tone in PCM16 24 kHz audio (1 ms windows with a loud sample; silence is near zero). */
const toneMs = (audio: Int16Array) => {
  let loud = 0;
  for (let at = 0; at < audio.length; at += 24)
    if (audio.subarray(at, at + 24).some((s) => Math.abs(s) > 2000)) loud++;
  return loud;
};

describe('PulseAudio rig: a microphone that starts late', () => {
  let pulse: PulseRig;
  let feed: MicFeed;
  let r: Rig;
  beforeAll(async () => {
    pulse = await startPulseRig();
    Object.assign(process.env, pulse.env);
    feed = pulse.feedMic(feedRate);
    r = await rig(
      { defaultReply: { text: 'Heard.', audioMs: 100 } },
      {
        audio: {
          createSource: (format) => createDeviceSource({ format, device: null }),
          createSink: (format) => nullAudio.createSink(format),
        },
      },
    );
  });
  afterAll(async () => {
    await r?.close();
    await feed?.stop();
    await pulse?.stop();
  });

  it('cold: listening waits for the device, and what is said after the signal is committed', async () => {
    r.engine.connect();
    await waitFor(() => r.engine.getState().status === 'ready', 5_000, 'ready');
    const states: { status: SessionState['status']; at: number }[] = [];
    r.engine.on('state', (s) => states.push({ status: s.status, at: performance.now() }));
    const from = r.sim.received.length;
    // The user talks through the whole turn (the feed is already sounding at key-down, so its own start-up
    // is out of the figures); what counts is what they said from the listening signal to key-up.
    feed.write(tone(4_000));
    await sleep(300);

    const keyDown = performance.now();
    r.engine.talkStart();
    expect(r.engine.getState().status).toBe('opening');
    await waitFor(() => r.engine.getState().status === 'listening', 5_000, 'listening');
    await sleep(Math.max(0, keyDown + 2_500 - performance.now()));
    const keyUp = performance.now();
    r.engine.talkEnd();
    await waitTurns(r, 1);

    const listening = states.find((s) => s.status === 'listening')!.at;
    const audio = committedAudio(r, from);
    const committedMs = audio.length / 24;
    const spokenMs = keyUp - listening;
    const heardMs = toneMs(audio);
    console.info(
      `cold mic: key-down → listening ${(listening - keyDown).toFixed(0)} ms; hold ${(keyUp - keyDown).toFixed(0)} ms; ` +
        `spoken after the signal ${spokenMs.toFixed(0)} ms; committed ${committedMs.toFixed(0)} ms, of it speech ${heardMs} ms`,
    );
    expect(states[0]?.status).toBe('opening');
    expect(r.turns[0]?.outcome).toBe('completed');
    // All that was said after the signal, less what was still on its way from the device at key-up.
    expect(heardMs).toBeGreaterThanOrEqual(spokenMs - 100);
    expect(committedMs).toBeLessThan(keyUp - keyDown);
    expectClean(r);
  }, 20_000);

  it('warm: the next turn listens at once, and a word begun just before the key is kept', async () => {
    await sleep(2_000); // the tone of the first test has ended; the device stays open (warm)
    const from = r.sim.received.length;
    feed.write(tone(2_000)); // speaking since before the key, through the turn
    await sleep(800);
    const keyDown = performance.now();
    r.engine.talkStart();
    expect(r.engine.getState().status).toBe('listening');
    await sleep(700);
    const keyUp = performance.now();
    r.engine.talkEnd();
    await waitTurns(r, 2);

    const audio = committedAudio(r, from);
    const heardMs = toneMs(audio);
    console.info(
      `warm mic: held ${(keyUp - keyDown).toFixed(0)} ms; committed ${(audio.length / 24).toFixed(0)} ms, ` +
        `of it speech ${heardMs} ms`,
    );
    expect(r.turns[1]?.outcome).toBe('completed');
    // The 300 ms pre-roll: speech from before key-down is in the turn, more than the hold alone carries.
    expect(heardMs).toBeGreaterThanOrEqual(keyUp - keyDown + 250);
    expectClean(r);
  }, 20_000);
});
