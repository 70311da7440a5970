// Every turn goes through the hotkey service, whoever opens it: the window's talk button and Space (the
// talkStart/talkEnd commands) get talkState, earcons and so the badge like the talk key; and a turn the
// session cannot take ends at once instead of staying "open" until the 2-minute safety timeout.
// Through createCore's dispatcher, a fake key backend, hand-fed test audio and the Realtime simulator.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Settings, TalkState } from '../../src-preload/contract';
import { createCore, type Core } from '../../src-main/core/app/create-core';
import type { HotkeyBackend, ShortcutEvent } from '../../src-main/core/hotkey/backend';
import { memorySecrets } from '../../src-main/core/secrets/secret-store';
import { startRealtimeSim, type RealtimeSim } from '../realtime-sim/server';
import { testAudio } from '../support/realtime/test-audio';

let core: Core | undefined;
let sim: RealtimeSim | undefined;
afterEach(async () => {
  await core?.dispose();
  await sim?.close();
  core = sim = undefined;
});

const until = async (condition: () => boolean, what: string, ms = 5_000) => {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};

/** A key backend with key-ups whose presses the test fires by hand. */
function fakeKeys() {
  let listener: (e: ShortcutEvent) => void = () => {};
  const backend: HotkeyBackend = {
    kind: 'uiohook',
    reportsRelease: true,
    async register(_shortcuts, next) {
      listener = next;
      return { failed: [] };
    },
    async dispose() {},
  };
  return {
    backend,
    fire: (type: ShortcutEvent['type']) => listener({ id: 'pushToTalk', type, at: performance.now() }),
  };
}

async function start(options: { apiKey?: string; settings?: Partial<Settings> }) {
  const keys = fakeKeys();
  const audio = testAudio();
  core = createCore({
    shell: 'headless',
    version: '0.0.0-test',
    secrets: memorySecrets(options.apiKey),
    hotkeyBackends: { uiohook: async () => keys.backend },
    earconDir: join(import.meta.dirname, '../../resources/earcons'),
    audio: audio.factory,
    realtime: { backoff: { baseMs: 20, maxMs: 50, maxAttempts: 1 }, confirmTimeoutMs: 1_000 },
  });
  const talk: TalkState[] = [];
  const earcons: string[] = [];
  core.events.on('talkState', (state) => void talk.push(state));
  // A shell with its own audio keeps earcons out of it; the test listens in.
  core.hotkeys.setEarconPlayer((_wav, name) => void earcons.push(name));
  const c = core;
  const call = async (name: string, payload?: unknown) => {
    const envelope = await c.dispatcher.dispatch(name, payload);
    if (!envelope.ok) throw new Error(`${name}: ${envelope.error.message}`);
    return envelope.value as Record<string, unknown>;
  };
  if (options.settings) await call('updateSettings', options.settings);
  await c.hotkeys.start(); // the backend is registered (the settings change re-applies in the queue)
  return { core: c, keys, audio, talk, earcons, call };
}

describe('the window talk button and Space go through the hotkey service', () => {
  it('a press and release are one turn with talkState, earcons and the session listening', async () => {
    sim = await startRealtimeSim({ defaultReply: { text: 'Heard you.', audioMs: 100 } });
    const t = await start({ apiKey: 'sk-sim-key-1234', settings: { baseUrl: sim.baseUrl } });
    const started = await t.call('talkStart');
    expect(started.status).toBe('listening');
    expect(t.talk).toEqual([{ talking: true, trigger: 'window' }]);
    expect(t.core.hotkeys.isTalking()).toBe(true);
    await until(() => sim?.connectionCount() === 1, 'the session to connect');
    t.audio.mic.speak(300);
    await t.call('talkEnd');
    expect(t.talk).toEqual([
      { talking: true, trigger: 'window' },
      { talking: false, reason: 'release', talkedMs: expect.any(Number) },
    ]);
    expect(t.core.hotkeys.isTalking()).toBe(false);
    await until(() => t.earcons.length === 2, 'the earcons');
    expect(t.earcons).toEqual(['start', 'stop']);
    await until(
      () => sim?.received.some((r) => r.event.type === 'input_audio_buffer.commit') ?? false,
      'the turn to be committed',
    );
  });

  it('is held, never latched, whatever the key mode; a repeated press does not end it', async () => {
    const t = await start({ settings: { pttMode: 'toggle' } });
    // All in one tick: the session's connection attempt (no API key) cannot end the turn in between.
    t.core.hotkeys.windowTalk('start');
    t.core.hotkeys.windowTalk('start');
    expect(t.talk.filter((s) => s.talking)).toHaveLength(1);
    t.core.hotkeys.windowTalk('end');
    expect(t.talk.at(-1)).toMatchObject({ talking: false });
    expect(t.core.hotkeys.isTalking()).toBe(false);
  });

  it('letting go of the button ends a turn the talk key latched', async () => {
    sim = await startRealtimeSim();
    const t = await start({
      apiKey: 'sk-sim-key-1234',
      settings: { baseUrl: sim.baseUrl, pttMode: 'toggle' },
    });
    t.keys.fire('press');
    t.keys.fire('release');
    expect(t.core.hotkeys.isTalking()).toBe(true);
    await t.call('talkStart'); // already talking: no second start
    await t.call('talkEnd');
    expect(t.talk).toEqual([
      { talking: true, trigger: 'hotkey' },
      { talking: false, reason: 'release', talkedMs: expect.any(Number) },
    ]);
    expect(t.core.session.getState().status).not.toBe('listening');
  });
});

describe('a turn the session cannot take ends at once', () => {
  it('no API key: a latched talk-key turn ends (badge down, stop earcon), not after the safety timeout', async () => {
    const t = await start({ settings: { pttMode: 'toggle' } });
    t.keys.fire('press');
    t.keys.fire('release');
    expect(t.talk[0]).toEqual({ talking: true, trigger: 'hotkey' });
    await until(() => t.talk.length === 2, 'the turn to end', 2_000);
    expect(t.talk[1]).toEqual({ talking: false, reason: 'external', talkedMs: expect.any(Number) });
    expect(t.core.hotkeys.isTalking()).toBe(false);
    expect(t.core.session.getState()).toMatchObject({
      status: 'error',
      message: expect.stringMatching(/API key/),
    });
    await until(() => t.earcons.length === 2, 'the earcons');
    expect(t.earcons).toEqual(['start', 'stop']);
  });

  it('the microphone fails to start: the window turn ends too', async () => {
    sim = await startRealtimeSim();
    const t = await start({ apiKey: 'sk-sim-key-1234', settings: { baseUrl: sim.baseUrl } });
    t.audio.mic.start = () => Promise.reject(new Error('device busy'));
    await t.call('talkStart');
    await until(() => t.talk.length === 2, 'the turn to end', 2_000);
    expect(t.talk[1]).toMatchObject({ talking: false, reason: 'external' });
    expect(t.core.session.getState().message).toMatch(/device busy/);
  });

  it('muted: the key opens no microphone, so the turn ends straight away', async () => {
    const t = await start({});
    await t.call('setMuted', { muted: true });
    t.keys.fire('press');
    await until(() => t.talk.length === 2, 'the turn to end', 2_000);
    expect(t.talk.map((s) => s.talking)).toEqual([true, false]);
    t.keys.fire('release'); // the key-up of a turn already over changes nothing
    expect(t.talk).toHaveLength(2);
  });
});
