// A turn on a microphone that has to be opened first, through createCore: the window's talk button starts the
// turn at once (talkState, badge), but the session says 'opening' and the start earcon waits until the device
// delivers audio, so the user learns when to speak; the turn is not taken for dropped meanwhile. A turn over
// before the device delivers gets no start earcon. Fake key backend, a hand-fed late device, the simulator.
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import type { Settings, TalkState } from '../../src-preload/contract';
import { createCore, type Core } from '../../src-main/core/app/create-core';
import { memorySecrets } from '../../src-main/core/secrets/secret-store';
import { nullAudio } from '../../src-main/core/realtime/null-audio';
import { startRealtimeSim, type RealtimeSim } from '../realtime-sim/server';
import { LateMic } from '../support/realtime/late-mic';
import { waitFor } from '../support/realtime/harness';

let core: Core | undefined;
let sim: RealtimeSim | undefined;
afterEach(async () => {
  await core?.dispose();
  await sim?.close();
  core = sim = undefined;
});

async function start(settings: Partial<Settings> = {}) {
  sim = await startRealtimeSim({ defaultReply: { text: 'Heard you.', audioMs: 100 } });
  const mic = new LateMic();
  core = createCore({
    shell: 'headless',
    version: '0.0.0-test',
    secrets: memorySecrets('sk-sim-key-1234'),
    earconDir: join(import.meta.dirname, '../../resources/earcons'),
    audio: { createSource: (format) => Object.assign(mic, { format }), createSink: nullAudio.createSink },
  });
  const talk: TalkState[] = [];
  const earcons: string[] = [];
  core.events.on('talkState', (state) => void talk.push(state));
  core.hotkeys.setEarconPlayer((_wav, name) => void earcons.push(name));
  const c = core;
  const call = async (name: string, payload?: unknown) => {
    const envelope = await c.dispatcher.dispatch(name, payload);
    if (!envelope.ok) throw new Error(`${name}: ${envelope.error.message}`);
    return envelope.value as Record<string, unknown>;
  };
  await call('updateSettings', { baseUrl: sim.baseUrl, ...settings });
  return { core: c, mic, talk, earcons, call };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

it('the start earcon and "listening" wait for the device; the turn stays open while it opens', async () => {
  const t = await start();
  const started = await t.call('talkStart');
  expect(started.status).toBe('opening');
  expect(t.talk).toEqual([{ talking: true, trigger: 'window' }]);
  await sleep(200); // the device takes its time: the turn is not dropped, and no earcon tells to speak yet
  expect(t.core.hotkeys.isTalking()).toBe(true);
  expect(t.earcons).toEqual([]);

  t.mic.goLive();
  expect(t.core.session.getState().status).toBe('listening');
  await waitFor(() => t.earcons.length === 1, 2_000, 'the start earcon');
  expect(t.earcons).toEqual(['start']);
  await waitFor(() => sim!.connectionCount() === 1, 5_000, 'the session');
  t.mic.speak(300);
  await t.call('talkEnd');
  await waitFor(() => t.earcons.length === 2, 2_000, 'the stop earcon');
  expect(t.earcons).toEqual(['start', 'stop']);
  await waitFor(
    () => sim!.received.some((r) => r.event.type === 'input_audio_buffer.commit'),
    5_000,
    'the commit',
  );
});

it('a turn let go before the device delivers gets no start earcon', async () => {
  const t = await start({ micReady: 'on-demand' });
  await t.call('talkStart');
  await sleep(50);
  await t.call('talkEnd');
  await waitFor(() => t.earcons.length === 1, 2_000, 'the stop earcon');
  await sleep(50);
  expect(t.earcons).toEqual(['stop']);
  expect(t.core.hotkeys.isTalking()).toBe(false);
  expect(t.mic.running).toBe(false); // on demand: closed with the turn
});
