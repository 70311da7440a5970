// Keys that are not sealed with an origin (issue 17, finding 8 and the environment half of finding 4): a key
// the keychain kept from before origin binding, a key handed to a store in-process, and OPENAI_API_KEY. Each
// is sent only to one origin, and moving the base URL elsewhere does not take the key with it.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src-main/core/app/create-core';
import { unsealKey } from '../../src-main/core/secrets/key-binding';
import {
  environmentSecrets,
  memorySecrets,
  type SecretStore,
} from '../../src-main/core/secrets/secret-store';
import { confStoreFactory } from '../../src-main/core/storage/conf-store';

const KEY = 'sk-legacy-SECRET-0123456789abcdef';

/** <base>/v1/models that records every Authorization header it is sent. */
async function modelsServer(): Promise<{ server: Server; baseUrl: string; asked: string[] }> {
  const asked: string[] = [];
  const server = createServer((req, res) => {
    asked.push(String(req.headers.authorization));
    res.writeHead(req.headers.authorization === `Bearer ${KEY}` ? 200 : 401).end('{"data":[]}');
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { server, baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`, asked };
}

let dir: string;
let home: Awaited<ReturnType<typeof modelsServer>>;
let elsewhere: Awaited<ReturnType<typeof modelsServer>>;
const cores: Core[] = [];

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'key-binding-'));
  home = await modelsServer();
  elsewhere = await modelsServer();
});
afterEach(async () => {
  for (const core of cores.splice(0)) await core.dispose();
  for (const { server } of [home, elsewhere]) await new Promise((done) => server.close(done));
  rmSync(dir, { recursive: true, force: true });
});

function start(secrets: SecretStore) {
  const core = createCore({
    shell: 'headless',
    version: '0.0.0-test',
    storage: confStoreFactory(dir),
    secrets,
  });
  cores.push(core);
  const call = (name: string, payload?: unknown) => core.dispatcher.dispatch(name, payload);
  return { core, call };
}

/** A store as Electron's keychain store behaves, holding what an older version saved: the bare key. */
function keychainHolding(initial: string) {
  const store = memorySecrets(initial);
  return { ...store, storageKind: async () => 'keychain' as const, peek: () => store.get() };
}

/** Moves the base URL away and checks that the key stays home: refused, never sent. */
async function expectKeyStaysHome(call: ReturnType<typeof start>['call'], core: Core) {
  expect(await call('updateSettings', { baseUrl: elsewhere.baseUrl })).toMatchObject({ ok: true });
  expect(await call('testApiKey')).toMatchObject({ ok: false, error: { code: 'conflict' } });
  expect(await core.apiKey.getKey()).toBeUndefined();
  expect(elsewhere.asked).toEqual([]);
  expect(await call('updateSettings', { baseUrl: home.baseUrl })).toMatchObject({ ok: true });
  expect(await call('testApiKey')).toMatchObject({ ok: true, value: { works: true } });
}

describe('keys without an origin seal', () => {
  it('a key kept in the keychain from before origin binding is bound at startup to the saved base URL', async () => {
    // The user's settings from before the upgrade: their base URL.
    const before = start(memorySecrets());
    await before.call('updateSettings', { baseUrl: home.baseUrl });
    await before.core.dispose();
    cores.splice(0);

    const keychain = keychainHolding(KEY);
    const { core, call } = start(keychain);
    // Re-sealed by the startup check, before any window could have moved the base URL.
    await expect
      .poll(async () => unsealKey((await keychain.peek())!).origin)
      .toBe(new URL(home.baseUrl).origin);
    expect(unsealKey((await keychain.peek())!).key).toBe(KEY);
    expect(await call('getApiKeyStatus')).toMatchObject({
      ok: true,
      value: { set: true, storage: 'keychain' },
    });
    await expectKeyStaysHome(call, core);
  });

  it('a bare key handed to a store in-process is bound where it is first sent', async () => {
    const { core, call } = start(memorySecrets(KEY));
    await call('updateSettings', { baseUrl: home.baseUrl });
    expect(await call('testApiKey')).toMatchObject({ ok: true, value: { works: true } });
    expect(home.asked).toEqual([`Bearer ${KEY}`]);
    await expectKeyStaysHome(call, core);
  });

  it('a key that cannot be re-sealed (a locked keychain) is still bound for the run', async () => {
    const locked: SecretStore = { ...memorySecrets(KEY), set: () => Promise.reject(new Error('locked')) };
    const { core, call } = start(locked);
    await call('updateSettings', { baseUrl: home.baseUrl });
    expect(await core.apiKey.getKey()).toBe(KEY);
    expect(await locked.get()).toBe(KEY); // still bare on disk
    await expectKeyStaysHome(call, core);
  });

  it('OPENAI_API_KEY is bound to OPENAI_BASE_URL, or to OpenAI when it is not set', async () => {
    expect(environmentSecrets({ OPENAI_API_KEY: KEY }).givenKeyBinding?.origin).toBe(
      'https://api.openai.com',
    );
    expect(() => environmentSecrets({ OPENAI_API_KEY: KEY, OPENAI_BASE_URL: 'not a url' })).toThrow(
      /OPENAI_BASE_URL is not a URL/,
    );
    const { core, call } = start(environmentSecrets({ OPENAI_API_KEY: KEY, OPENAI_BASE_URL: home.baseUrl }));
    await call('updateSettings', { baseUrl: home.baseUrl });
    expect(await call('testApiKey')).toMatchObject({
      ok: true,
      value: { works: true, storage: 'environment' },
    });
    await call('updateSettings', { baseUrl: elsewhere.baseUrl });
    expect(await call('getApiKeyStatus')).toMatchObject({
      ok: true,
      value: {
        set: true,
        works: false,
        message: expect.stringMatching(
          /^The key from OPENAI_API_KEY is only sent to http:\/\/127\.0\.0\.1:\d+; .*OPENAI_BASE_URL/,
        ),
      },
    });
    await expectKeyStaysHome(call, core);
  });
});
