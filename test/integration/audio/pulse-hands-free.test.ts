// A whole hands-free conversation on a loudspeaker, on real parts: the PulseAudio rig carries the speaker back
// into the microphone (module-loopback, 40 ms late, about −9 dB), the app's real devices (PortAudio), the real
// core with its echo canceller, and the simulator's server VAD, which hears whatever the app streams. The
// assistant's voice is espeak-ng speech, the user's another voice played into the microphone.
// - With echo cancellation off, the assistant interrupts itself (the control: the rig's echo is real).
// - With it on: the first answer completes with no speech detected during it; the user speaking over the
//   second answer (after 2 s of it, still not interrupted) interrupts it within a second; what they said reaches the server clean; the conversation
//   goes on.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { bestLagCorrelation } from '../../../bench/lib/echo-metrics';
import { createCore, type Core } from '../../../src-main/core/app/create-core';
import { memorySecrets } from '../../../src-main/core/secrets/secret-store';
import type { EchoCancelMode, Profile } from '../../../src-preload/contract';
import { startRealtimeSim, type RealtimeSim, type SimReply } from '../../realtime-sim/server';
import { startPulseRig, type PulseRig } from '../../support/audio-rigs/pulse-rig';
import { speechWav, wavToRaw } from '../../support/audio-rigs/speech';
import { until } from '../../support/until';

const key = 'sk-sim-hands-free-1234';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let rig: PulseRig;
let dir: string;
const raw = (text: string, rate: number, name: string) =>
  readFileSync(wavToRaw(speechWav(dir, text, rate, 1, name)));
let assistantLong: Buffer;
let assistantShort: Buffer;
let userAsk: Buffer;
let userInterrupt48k: Buffer;
let userInterrupt24k: Buffer;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hands-free-'));
  assistantShort = raw('It is a quarter past ten in the morning.', 24_000, 'short');
  assistantLong = raw(
    'Here is the weather for the whole week. Monday will be sunny and warm, Tuesday brings clouds in the ' +
      'afternoon, and on Wednesday there will be rain from the west with strong winds along the coast.',
    24_000,
    'long',
  );
  userAsk = raw('What time is it?', 48_000, 'ask');
  const interrupt = 'Stop, tell me about the weekend instead.';
  userInterrupt48k = raw(interrupt, 48_000, 'interrupt48');
  userInterrupt24k = raw(interrupt, 24_000, 'interrupt24');
  rig = await startPulseRig();
  Object.assign(process.env, rig.env);
}, 30_000);
afterAll(async () => {
  await rig?.stop();
});
// Each test gets its own loopback. One left running from the test before made the next test's speaker underflow
// 6–83 times (with its own: 0–14, mostly 0–1), and each underflow moves the echo path under the canceller.
let loopback: { stop(): void } | undefined;
beforeEach(() => {
  loopback = rig.loopSpeakerIntoMic(40, 70);
});
afterEach(() => {
  loopback?.stop();
});

/** A louder user voice: espeak's level is low, and a user speaks up over an assistant. */
const louder = (pcm: Buffer, gain: number) => {
  const out = Buffer.alloc(pcm.length);
  for (let i = 0; i < pcm.length; i += 2)
    out.writeInt16LE(Math.max(-32768, Math.min(32767, Math.round(pcm.readInt16LE(i) * gain))), i);
  return out;
};

async function conversation(mode: EchoCancelMode, replies: SimReply[]) {
  const sim = await startRealtimeSim({
    apiKey: key,
    replies,
    defaultReply: { text: 'All right.', audio: assistantShort },
    // About real time, as the real server streams a long answer.
    audioChunkMs: 100,
    deltaIntervalMs: 90,
  });
  const core = createCore({
    shell: 'headless',
    version: '0.0.0-rig',
    secrets: memorySecrets(key),
  });
  const call = async (name: string, payload?: unknown) => {
    const envelope = await core.dispatcher.dispatch(name, payload);
    if (!envelope.ok) throw new Error(`${name}: ${envelope.error.message}`);
    return envelope.value;
  };
  await call('updateSettings', { baseUrl: sim.baseUrl, echoCancel: mode, micReady: 'on-demand' });
  const profile = (await call('createProfile', {
    name: 'Hands-free rig',
    model: '',
    session: {
      type: 'realtime',
      output_modalities: ['audio'],
      audio: {
        input: {
          format: { type: 'audio/pcm', rate: 24_000 },
          turn_detection: { type: 'server_vad', silence_duration_ms: 600 },
        },
        output: { format: { type: 'audio/pcm', rate: 24_000 }, voice: 'marin' },
      },
    },
  })) as Profile;
  await call('setActiveProfile', { id: profile.id });
  const engine = core.session.engine;
  const turns: string[] = [];
  const bargeIns: number[] = [];
  engine.on('turnDone', (turn) => turns.push(turn.outcome));
  engine.on('bargeIn', () => bargeIns.push(performance.now()));
  const status = () => engine.getState().status;
  const feed = rig.feedMic(48_000);
  await call('setListening', { on: true });
  await until(() => status() === 'listening', 'the microphone to listen');
  await sleep(1_000); // the capture settles (PulseAudio's first blocks)
  return { sim, core, engine, turns, bargeIns, status, feed, close: () => close(core, sim, feed) };
}

async function close(core: Core, sim: RealtimeSim, feed: { stop(): Promise<void> }) {
  await feed.stop();
  await core.dispose();
  await sim.close();
}

/** The audio the app streamed to the server from `fromAt` (performance.now()), PCM16 24 kHz as float. */
function streamedSince(sim: RealtimeSim, fromAt: number): Float32Array {
  const parts = sim.received
    .filter((r) => r.at >= fromAt && r.event.type === 'input_audio_buffer.append')
    .map((r) => Buffer.from(String(r.event.audio), 'base64'));
  const pcm = Buffer.concat(parts);
  const out = new Float32Array(pcm.length >> 1);
  for (let i = 0; i < out.length; i++) out[i] = pcm.readInt16LE(i * 2) / 32768;
  return out;
}

const asFloat = (pcm: Buffer) => {
  const out = new Float32Array(pcm.length >> 1);
  for (let i = 0; i < out.length; i++) out[i] = pcm.readInt16LE(i * 2) / 32768;
  return out;
};

describe('PulseAudio rig: a hands-free conversation on a loudspeaker', () => {
  it('without echo cancellation the assistant hears itself and interrupts itself (the control)', async () => {
    const c = await conversation('off', [{ text: 'The weather.', audio: assistantLong }]);
    try {
      c.feed.write(louder(userAsk, 3));
      await until(() => c.status() === 'speaking', 'the answer');
      await until(() => c.turns.length >= 1, 'the answer to end', 20_000);
      console.info(`hands-free rig, echo off: ${c.bargeIns.length} self-interruption(s) in the first answer`);
      // The server's VAD heard the assistant's own voice and cut its answer short.
      expect(c.turns[0]).toBe('cancelled');
    } finally {
      await c.close();
    }
  }, 60_000);

  it('with echo cancellation: no self-interruption; the user interrupts by voice within a second, heard clean', async () => {
    const c = await conversation('on', [
      { text: 'The weather.', audio: assistantLong },
      { text: 'The weather again.', audio: assistantLong },
    ]);
    try {
      // Turn 1: asked, answered in full, nothing heard during the answer.
      c.feed.write(louder(userAsk, 3));
      await until(() => c.status() === 'speaking', 'the first answer');
      await until(() => c.turns.length === 1, 'the first answer to end', 30_000);
      expect(c.turns[0]).toBe('completed');
      expect(c.bargeIns).toEqual([]);

      // Turn 2: asked again; 2 s into the answer the user talks over it.
      await until(() => c.status() === 'listening', 'listening again');
      c.feed.write(louder(userAsk, 3));
      await until(() => c.status() === 'speaking', 'the second answer');
      await sleep(2_000);
      // Nothing heard in the first 2 s of the second answer either (the echo path may have drifted since
      // the first): a self-interruption here would also pass for the user's barge-in below.
      const selfInterruptions = c.bargeIns.length;
      expect(selfInterruptions).toBe(0);
      expect(c.status()).toBe('speaking');
      const spokeAt = performance.now();
      c.feed.write(louder(userInterrupt48k, 3));
      await until(() => c.bargeIns.length === 1, 'the barge-in', 5_000);
      const bargeInMs = c.bargeIns[0]! - spokeAt;

      // Turn 3: the server heard the interruption as a turn, and answers it: the conversation goes on.
      await until(() => c.turns.length >= 3, 'the answer to the interruption', 30_000);
      expect(c.turns.slice(1)).toEqual(['cancelled', 'completed']);

      // What was streamed while the user spoke over the answer is their voice, not the assistant's.
      const streamed = streamedSince(c.sim, spokeAt);
      const clean = asFloat(userInterrupt24k);
      const span = Math.min(clean.length, streamed.length - 12_000);
      const { correlation } = bestLagCorrelation(clean, streamed, 0, span, 12_000);
      console.info(
        `hands-free rig, echo on: ${selfInterruptions} self-interruptions; barge-in ${bargeInMs.toFixed(0)} ms after the user ` +
          `started; the user's speech streamed with correlation ${correlation.toFixed(3)} to the clean voice`,
      );
      expect(bargeInMs).toBeLessThan(1_000);
      expect(correlation).toBeGreaterThan(0.6);
      expect(c.sim.violations).toEqual([]);
    } finally {
      await c.close();
    }
  }, 90_000);
});
