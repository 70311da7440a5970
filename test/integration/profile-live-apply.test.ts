// Profiles applied live through the real core, engine and Realtime simulator: editing the active profile
// sends one confirmed session.update; switching to a profile with another voice after the assistant has
// spoken starts a new session that replays the conversation.
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src-main/core/app/create-core';
import { memorySecrets } from '../../src-main/core/secrets/secret-store';
import { startRealtimeSim, type RealtimeSim } from '../realtime-sim/server';

let sim: RealtimeSim | undefined;
let core: Core | undefined;

afterEach(async () => {
  await core?.dispose();
  await sim?.close();
  core = sim = undefined;
});

const until = async (condition: () => boolean, what: string, ms = 10_000) => {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

async function call(name: string, payload?: unknown) {
  const envelope = await (core as Core).dispatcher.dispatch(name, payload);
  if (!envelope.ok) throw new Error(`${name}: ${envelope.error.message}`);
  return envelope.value as Record<string, unknown>;
}

const sessionUpdates = () => (sim as RealtimeSim).received.filter((r) => r.event.type === 'session.update');

async function startChat() {
  sim = await startRealtimeSim({ replies: [{ text: 'Hello there, I am listening.', audioMs: 300 }] });
  core = createCore({ shell: 'headless', version: '0.0.0-test', secrets: memorySecrets('sk-sim-key-1234') });
  await call('updateSettings', { baseUrl: sim.baseUrl });
  const mine = await call('createProfile', {
    name: 'Live',
    model: '',
    session: {
      type: 'realtime',
      output_modalities: ['audio'],
      instructions: 'First instructions.',
      audio: { output: { voice: 'alloy' } },
    },
  });
  await call('setActiveProfile', { id: mine.id });
  await call('sendText', { text: 'Hi!' });
  // The assistant has spoken once the response is done and the session is back to ready.
  await until(
    () => sim?.received.some((r) => r.event.type === 'response.create') ?? false,
    'response.create',
  );
  await until(() => core?.session.getState().status === 'ready', 'the reply to finish');
  return mine.id as string;
}

describe('live profile apply (realtime simulator)', () => {
  it('editing the active profile sends exactly one session.update and resolves once confirmed', async () => {
    const id = await startChat();
    const before = sessionUpdates().length;
    await call('updateProfile', { id, patch: { session: { instructions: 'Second instructions.' } } });
    const sent = sessionUpdates().slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.event.session).toEqual({ type: 'realtime', instructions: 'Second instructions.' });
    expect(sim?.connectionCount()).toBe(1);
    expect(sim?.violations).toEqual([]);
    // The engine's transcript events reached the history, under the active profile's name.
    const [conversation] = core?.history.list() ?? [];
    expect(conversation).toMatchObject({ title: 'Hi!', profileName: 'Live' });
    const { items } = core?.history.get(conversation?.id ?? '') ?? { items: [] };
    expect(items.map((i) => [i.role, i.text, i.final])).toEqual([
      ['user', 'Hi!', true],
      ['assistant', 'Hello there, I am listening.', true],
    ]);
  });

  it('a voice change after the assistant spoke starts a new session with the conversation replayed', async () => {
    const id = await startChat();
    expect(sim?.connectionCount()).toBe(1);
    await call('updateProfile', { id, patch: { session: { audio: { output: { voice: 'cedar' } } } } });
    expect(sim?.connectionCount()).toBe(2);
    const second = (sim as RealtimeSim).received.filter((r) => r.connection === 2);
    expect(second.find((r) => r.event.type === 'session.update')?.event.session).toMatchObject({
      audio: { output: { voice: 'cedar' } },
    });
    // The context is replayed right after the new session is confirmed.
    const replays = () =>
      (sim as RealtimeSim).received.filter(
        (r) => r.connection === 2 && r.event.type === 'conversation.item.create',
      );
    await until(() => replays().length > 0, 'the replayed conversation');
    const replayed = JSON.stringify(replays());
    expect(replayed).toContain('Hi!');
    expect(replayed).toContain('Hello there, I am listening.');
    expect(sim?.violations).toEqual([]);
  });
});
