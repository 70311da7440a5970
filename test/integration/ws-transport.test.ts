// The contract over the real WebSocket transport, driven by the renderer's own client code.
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createCore, type Core } from '../../src-main/core/app/create-core';
import { startContractSocketServer, type ContractSocketServer } from '../../src-main/core/ipc/ws-server';
import { createClient, ContractCallError } from '../../src-renderer/src/client';
import { socketTransport } from '../../src-renderer/src/transport';

// The renderer's transport uses the browser's WebSocket global; Node 24 has one built in.
let core: Core;
let server: ContractSocketServer;

async function start() {
  core = createCore({ shell: 'headless', version: '0.0.0-test' });
  server = await startContractSocketServer({ dispatcher: core.dispatcher, events: core.events });
  return `ws://127.0.0.1:${server.port}/?token=${server.token}`;
}

afterEach(async () => {
  await server?.close();
});

describe('WebSocket transport', () => {
  it('calls commands and receives events through the typed client', async () => {
    const client = createClient(socketTransport(await start()));
    await expect(client.getAppInfo()).resolves.toMatchObject({ version: '0.0.0-test', shell: 'headless' });
    const changed = new Promise((resolve) => client.on('settingsChanged', resolve));
    await expect(client.updateSettings({ theme: 'dark' })).resolves.toMatchObject({ theme: 'dark' });
    await expect(changed).resolves.toMatchObject({ theme: 'dark' });
  });

  it('throws a ContractCallError with field errors for a bad payload', async () => {
    const client = createClient(socketTransport(await start()));
    const error = await client.updateSettings({ theme: 'neon' as never }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContractCallError);
    expect((error as ContractCallError).code).toBe('invalid_request');
    expect((error as ContractCallError).fieldErrors.theme?.length).toBeGreaterThan(0);
  });

  it('refuses a connection without the right token, and listens on loopback only', async () => {
    const url = await start();
    const status = await new Promise<number>((resolve) => {
      const socket = new WebSocket(url.replace(/token=.*/, 'token=wrong'));
      socket.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      socket.on('open', () => resolve(200));
    });
    expect(status).toBe(401);
    const noToken = await new Promise<number>((resolve) => {
      const socket = new WebSocket(`ws://127.0.0.1:${server.port}/`);
      socket.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      socket.on('open', () => resolve(200));
    });
    expect(noToken).toBe(401);
  });

  it('closes a socket that sends a malformed message, without touching the core', async () => {
    const url = await start();
    const socket = new WebSocket(url);
    await new Promise((resolve) => socket.on('open', resolve));
    const code = await new Promise<number>((resolve) => {
      socket.on('close', resolve);
      socket.send('not json');
    });
    expect(code).toBe(1003);
    const client = createClient(socketTransport(url));
    await expect(client.getSettings()).resolves.toMatchObject({ theme: 'system' });
  });
});
