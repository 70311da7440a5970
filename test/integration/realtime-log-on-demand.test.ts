// The event log (realtimeLog) is built and sent only while the window's panel is open: with it closed, a
// turn produces no entry at all (the engine has no 'log' listener), and opening it starts the stream.
// Through createCore's dispatcher and the Realtime simulator.
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src-main/core/app/create-core';
import { memorySecrets } from '../../src-main/core/secrets/secret-store';
import type { RealtimeLogEntry } from '../../src-preload/contract';
import { startRealtimeSim, type RealtimeSim } from '../realtime-sim/server';
import { testAudio } from '../support/realtime/test-audio';

let core: Core | undefined;
let sim: RealtimeSim | undefined;
afterEach(async () => {
  await core?.dispose();
  await sim?.close();
  core = sim = undefined;
});

const until = async (condition: () => boolean, what: string, ms = 10_000) => {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};

describe('the realtime log', () => {
  it('is produced only while the event-log panel is open', async () => {
    sim = await startRealtimeSim({ apiKey: 'sk-sim', defaultReply: { text: 'Noted.', audioMs: 100 } });
    core = createCore({
      shell: 'headless',
      version: '0.0.0-test',
      secrets: memorySecrets('sk-sim'),
      audio: testAudio().factory,
    });
    const c = core;
    const call = async (name: string, payload?: unknown) => {
      const envelope = await c.dispatcher.dispatch(name, payload);
      if (!envelope.ok) throw new Error(`${name}: ${envelope.error.message}`);
      return envelope.value;
    };
    const logged: RealtimeLogEntry[] = [];
    c.events.on('realtimeLog', (entry) => void logged.push(entry));
    let turns = 0;
    c.session.engine.on('turnDone', () => void turns++);
    const ready = () => c.session.getState().status === 'ready';
    await call('updateSettings', { baseUrl: sim.baseUrl });

    // Closed (the default): a whole turn, and not one entry was even built.
    await call('sendText', { text: 'First' });
    await until(() => turns === 1 && ready(), 'the first answer');
    expect(c.session.engine.listenerCount('log')).toBe(0);
    expect(logged).toEqual([]);

    // Open: the next turn is logged both ways.
    expect(await call('setRealtimeLog', { on: true })).toEqual({ on: true });
    expect(await call('setRealtimeLog', { on: true })).toEqual({ on: true });
    expect(c.session.engine.listenerCount('log')).toBe(1);
    await call('sendText', { text: 'Second' });
    await until(() => turns === 2 && ready(), 'the second answer');
    expect(logged.map((e) => e.type)).toEqual(
      expect.arrayContaining(['conversation.item.create', 'response.create', 'response.done']),
    );

    // Closed again: nothing more.
    await call('setRealtimeLog', { on: false });
    const count = logged.length;
    await call('sendText', { text: 'Third' });
    await until(() => turns === 3 && ready(), 'the third answer');
    expect(logged).toHaveLength(count);
    expect(c.session.engine.listenerCount('log')).toBe(0);
  });
});
