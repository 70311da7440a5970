// The history closes a conversation's file when the real engine moves on: "New conversation" closes the
// old one's, ending the session closes the rest. Through createCore, the dispatcher and the simulator.
import { readdirSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src-main/core/app/create-core';
import { memorySecrets } from '../../src-main/core/secrets/secret-store';
import { confStoreFactory } from '../../src-main/core/storage/conf-store';
import { startRealtimeSim, type RealtimeSim } from '../realtime-sim/server';
import { testAudio } from '../support/realtime/test-audio';
import { useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();
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

/** Conversation files this process holds open (Linux: /proc/self/fd). */
const openIn = (directory: string) =>
  readdirSync('/proc/self/fd')
    .map((fd) => {
      try {
        return readlinkSync(`/proc/self/fd/${fd}`);
      } catch {
        return '';
      }
    })
    .filter((target) => target.startsWith(`${directory}/`))
    .map((target) => target.slice(directory.length + 1));

describe.runIf(process.platform === 'linux')('history writers in the core', () => {
  it('close on "New conversation" and when the session ends', async () => {
    sim = await startRealtimeSim({ apiKey: 'sk-sim', defaultReply: { text: 'Noted.', audioMs: 100 } });
    core = createCore({
      shell: 'headless',
      version: '0.0.0-test',
      storage: confStoreFactory(tempDir()),
      secrets: memorySecrets('sk-sim'),
      audio: testAudio().factory,
    });
    const c = core;
    const history = join(tempDir(), 'history');
    const call = async (name: string, payload?: unknown) => {
      const envelope = await c.dispatcher.dispatch(name, payload);
      if (!envelope.ok) throw new Error(`${name}: ${envelope.error.message}`);
      return envelope.value as Record<string, unknown>;
    };
    let turns = 0;
    c.session.engine.on('turnDone', () => void turns++);
    await call('updateSettings', { baseUrl: sim.baseUrl });

    await call('sendText', { text: 'First' });
    await until(() => turns === 1, 'the first answer');
    const first = c.session.getState().conversationId;
    expect(openIn(history)).toEqual([`${first}.jsonl`]);

    await call('newConversation');
    await call('sendText', { text: 'Second' });
    await until(() => turns === 2, 'the second answer');
    const second = c.session.getState().conversationId;
    expect(second).not.toBe(first);
    expect(openIn(history)).toEqual([`${second}.jsonl`]);

    await call('endSession');
    expect(openIn(history)).toEqual([]);
    // Both conversations are complete on disk.
    const listed = (await c.dispatcher.dispatch('listConversations', {})) as {
      ok: true;
      value: { id: string; messageCount: number }[];
    };
    expect(listed.value.map((s) => [s.id, s.messageCount]).sort()).toEqual(
      [
        [first, 2],
        [second, 2],
      ].sort(),
    );
  });
});
