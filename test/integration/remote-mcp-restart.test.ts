// A remote MCP tool's authorization after a restart: the app starts with the profile stored (placeholder in
// it) and the secret store answers late, as a keychain may. The first session.update the server gets already
// carries the real value, never the placeholder.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src-main/core/app/create-core';
import { memorySecrets, type SecretStore } from '../../src-main/core/secrets/secret-store';
import { confStoreFactory } from '../../src-main/core/storage/conf-store';
import { SECRET_PLACEHOLDER, type Profile } from '../../src-preload/contract';
import { startRealtimeSim, type RealtimeSim } from '../realtime-sim/server';
import { testAudio } from '../support/realtime/test-audio';

const TOKEN = 'Bearer restart-token-41c9';
let cores: Core[] = [];
let sim: RealtimeSim | undefined;
afterEach(async () => {
  for (const core of cores) await core.dispose();
  await sim?.close();
  cores = [];
  sim = undefined;
});

/** A store whose reads take `ms` (a slow keychain); writes land at once. */
const slowStore = (ms: number): SecretStore => {
  const inner = memorySecrets();
  return {
    ...inner,
    get: async () => {
      await new Promise((resolve) => setTimeout(resolve, ms));
      return inner.get();
    },
    set: (value) => inner.set(value),
    clear: () => inner.clear(),
  };
};

describe('a remote MCP authorization after a restart', () => {
  it('reaches the server in the first session.update even when the secret store answers late', async () => {
    sim = await startRealtimeSim({ apiKey: 'sk-sim-restart-1234' });
    const storage = mkdtempSync(join(tmpdir(), 'remote-mcp-restart-'));
    const profileSecrets = slowStore(150);
    const open = () => {
      const core = createCore({
        shell: 'headless',
        version: '0.0.0-test',
        storage: confStoreFactory(storage),
        secrets: memorySecrets('sk-sim-restart-1234'),
        profileSecrets,
        audio: testAudio().factory,
      });
      cores.push(core);
      return core;
    };
    const first = open();
    const call = async (core: Core, name: string, payload?: unknown) => {
      const envelope = await core.dispatcher.dispatch(name, payload);
      if (!envelope.ok) throw new Error(`${name}: ${envelope.error.message}`);
      return envelope.value;
    };
    await call(first, 'updateSettings', { baseUrl: sim.baseUrl });
    const tool = {
      type: 'mcp',
      server_label: 'docs',
      server_url: 'https://mcp.example.com/mcp',
      authorization: TOKEN,
    };
    const profile = (await call(first, 'createProfile', {
      name: 'Remote',
      model: '',
      session: { type: 'realtime', output_modalities: ['text'], tools: [tool] },
    })) as Profile;
    await call(first, 'setActiveProfile', { id: profile.id });
    // The authorization is written to its store in the background: the first run ends once it is there.
    const deadline0 = Date.now() + 5_000;
    while (!(await profileSecrets.get())?.includes(TOKEN) && Date.now() < deadline0);
    await first.dispose();
    cores = [];

    const second = open();
    second.session.engine.connect(); // at once: the store has not answered yet
    const deadline = Date.now() + 10_000;
    const updates = () => sim!.received.filter((r) => r.event.type === 'session.update');
    while (!updates().length && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 10));
    const authorizations = updates().map(
      (r) => ((r.event.session as { tools?: { authorization?: string }[] }).tools ?? [])[0]?.authorization,
    );
    expect(authorizations[0]).toBe(TOKEN);
    expect(authorizations).not.toContain(SECRET_PLACEHOLDER);
  });
});
