// The API key through the real core and dispatcher: set/test/clear against a local HTTP server, and the key
// never appears in any response, event, notice or log line.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src-main/core/app/create-core';
import { memorySecrets, type SecretStore } from '../../src-main/core/secrets/secret-store';

const KEY = 'sk-test-SECRET-0123456789abcdef';
let server: Server | undefined;
let core: Core | undefined;

afterEach(async () => {
  await core?.dispose();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  server = core = undefined;
});

/** A stand-in for <baseUrl>/models: 200 for the right bearer token, 401 otherwise. */
async function modelsServer(): Promise<string> {
  server = createServer((req, res) => {
    const ok = req.url === '/v1/models' && req.headers.authorization === `Bearer ${KEY}`;
    res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' });
    res.end(ok ? '{"data":[]}' : '{"error":{"message":"Incorrect API key provided"}}');
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server?.address() as AddressInfo).port}/v1`;
}

function start(secrets: SecretStore = memorySecrets()) {
  const logs: string[] = [];
  const events: unknown[] = [];
  core = createCore({
    shell: 'headless',
    version: '0.0.0-test',
    secrets,
    log: (message, error) => logs.push(`${message} ${String(error)} ${JSON.stringify(error ?? null)}`),
  });
  core.events.subscribeAll((name, payload) => events.push({ name, payload }));
  const call = async (name: string, payload?: unknown) => {
    const envelope = await (core as Core).dispatcher.dispatch(name, payload);
    responses.push(envelope);
    return envelope;
  };
  const responses: unknown[] = [];
  return { call, logs, events, responses };
}

describe('API key', () => {
  it('sets, tests (works / rejected / unreachable) and clears without ever exposing the key', async () => {
    const baseUrl = await modelsServer();
    const { call, logs, events, responses } = start();
    await call('updateSettings', { baseUrl });

    expect(await call('setApiKey', { key: KEY })).toEqual({
      ok: true,
      value: { set: true, works: null, storage: 'memory' },
    });
    expect(await call('testApiKey')).toEqual({
      ok: true,
      value: { set: true, works: true, message: 'The key works.', storage: 'memory' },
    });

    await call('setApiKey', { key: 'sk-wrong-key-000000' });
    const rejected = await call('testApiKey');
    expect(rejected).toMatchObject({
      ok: true,
      value: { works: false, message: expect.stringMatching(/rejected \(401/) },
    });

    await new Promise((resolve) => server?.close(resolve));
    server = undefined;
    await call('setApiKey', { key: KEY });
    const unreachable = await call('testApiKey');
    expect(unreachable).toMatchObject({
      ok: true,
      value: { works: null, message: expect.stringMatching(/Could not reach/) },
    });

    expect(await call('clearApiKey')).toEqual({
      ok: true,
      value: { set: false, works: null, storage: 'memory' },
    });
    expect(await call('testApiKey')).toMatchObject({ ok: false, error: { code: 'conflict' } });

    expect(
      events.filter((e) => (e as { name: string }).name === 'apiKeyStatusChanged').length,
    ).toBeGreaterThanOrEqual(5);
    const everything = JSON.stringify({ logs, events, responses });
    expect(everything).not.toContain(KEY);
    expect(everything).not.toContain('sk-wrong-key-000000');
  });

  it('a key saved for one API origin is not sent to another until it is saved again there', async () => {
    const baseUrl = await modelsServer();
    const asked: string[] = [];
    const evil = createServer((req, res) => {
      asked.push(String(req.headers.authorization));
      res.writeHead(200).end('{"data":[]}');
    });
    await new Promise<void>((resolve) => evil.listen(0, '127.0.0.1', resolve));
    const evilUrl = `http://127.0.0.1:${(evil.address() as AddressInfo).port}/v1`;
    try {
      const { call } = start();
      await call('updateSettings', { baseUrl });
      await call('setApiKey', { key: KEY });
      expect(await core!.apiKey.getKey()).toBe(KEY);

      // The base URL moves (as a compromised window could make it): the key stays where it was saved.
      await call('updateSettings', { baseUrl: evilUrl });
      expect(await call('getApiKeyStatus')).toMatchObject({
        ok: true,
        value: {
          set: true,
          works: false,
          message: expect.stringMatching(/saved for http:\/\/127\.0\.0\.1:\d+; save it again/),
        },
      });
      expect(await call('testApiKey')).toMatchObject({ ok: false, error: { code: 'conflict' } });
      expect(await core!.apiKey.getKey()).toBeUndefined();
      expect(asked).toEqual([]);

      // Back on the origin it was saved for, it works again.
      await call('updateSettings', { baseUrl });
      expect(await call('testApiKey')).toMatchObject({ ok: true, value: { works: true } });
    } finally {
      await new Promise((resolve) => evil.close(resolve));
    }
  });

  it('does not leak the key when storing it fails', async () => {
    const failing: SecretStore = {
      ...memorySecrets(),
      set: async () => Promise.reject(new Error('keyring locked')),
    };
    const { call, logs, events, responses } = start(failing);
    expect(await call('setApiKey', { key: KEY })).toMatchObject({
      ok: false,
      error: { code: 'failed', message: 'The key could not be stored: keyring locked' },
    });
    expect(JSON.stringify({ logs, events, responses })).not.toContain(KEY);
  });

  it('warns once when the key sits in the basic_text fallback', async () => {
    const weak: SecretStore = { ...memorySecrets(), storageKind: async () => 'basic_text' };
    const { call, events } = start(weak);
    await call('setApiKey', { key: KEY });
    await call('setApiKey', { key: KEY });
    const notices = events.filter((e) => (e as { name: string }).name === 'notice');
    expect(notices).toHaveLength(1);
    expect(JSON.stringify(notices[0])).toMatch(/basic_text/);
    expect(await call('getNotices')).toMatchObject({ ok: true, value: [{ level: 'warning' }] });
  });
});
