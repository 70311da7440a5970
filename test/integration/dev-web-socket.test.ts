// `npm run dev:web` as a user runs it (a real process: the core, Vite's dev server and the contract's
// socket), attacked the three ways issue 17 found: a page from another origin that learned the port and
// token, a 200 MB message, and moving the base URL to have the environment's key sent elsewhere.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { wsMaxMessageBytes } from '../../src-preload/ws-protocol';
import { maxImageBase64Chars } from '../../src-preload/contract';

const root = resolve(import.meta.dirname, '../..');
const tsx = resolve(root, 'node_modules/tsx/dist/cli.mjs');
const ENV_KEY = 'sk-env-SECRET-0123456789abcdef';

/** A stand-in for <base>/v1/models that records every Authorization header it is sent. */
async function modelsServer(): Promise<{ server: Server; baseUrl: string; asked: string[] }> {
  const asked: string[] = [];
  const server = createServer((req, res) => {
    asked.push(String(req.headers.authorization));
    const ok = req.headers.authorization === `Bearer ${ENV_KEY}`;
    res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' }).end('{"data":[]}');
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { server, baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`, asked };
}

let dataDir: string;
let devWeb: ChildProcess;
let stderr = '';
let pageOrigin: string;
let socketUrl: string;
let home: Awaited<ReturnType<typeof modelsServer>>;
let elsewhere: Awaited<ReturnType<typeof modelsServer>>;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'dev-web-'));
  home = await modelsServer();
  elsewhere = await modelsServer();
  devWeb = spawn(
    process.execPath,
    [tsx, 'src-main/shell-headless/dev-web.ts', `--data-dir=${dataDir}`, '--port=0'],
    {
      cwd: root,
      env: { ...process.env, OPENAI_API_KEY: ENV_KEY, OPENAI_BASE_URL: home.baseUrl },
    },
  );
  devWeb.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = await new Promise<URL>((found, failed) => {
    let stdout = '';
    devWeb.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /http:\/\/\S+/.exec(stdout);
      if (match) found(new URL(match[0]));
    });
    devWeb.once('exit', (code) => failed(new Error(`dev:web exited (${code}): ${stdout}${stderr}`)));
  });
  pageOrigin = url.origin;
  const token = new URLSearchParams(url.hash.slice(1)).get('token');
  socketUrl = `ws://127.0.0.1:${url.searchParams.get('ws')}/?token=${token}`;
}, 60_000);

afterAll(async () => {
  if (devWeb && devWeb.exitCode === null) {
    const exited = new Promise((done) => devWeb.once('exit', done));
    devWeb.kill('SIGTERM');
    await exited;
  }
  for (const { server } of [home, elsewhere]) await new Promise((done) => server?.close(done));
  rmSync(dataDir, { recursive: true, force: true });
});

/** Opens a socket as a browser page from `origin` would (undefined: no Origin header, as Node sends). */
function open(origin?: string): Promise<{ socket?: WebSocket; status: number }> {
  return new Promise((done) => {
    const socket = new WebSocket(socketUrl, origin === undefined ? {} : { origin });
    socket.on('error', () => {}); // a refused or reset socket reports here too
    socket.once('unexpected-response', (_req, res) => done({ status: res.statusCode ?? 0 }));
    socket.once('open', () => done({ socket, status: 101 }));
  });
}

let nextId = 1;
function call(socket: WebSocket, command: string, payload?: unknown): Promise<Record<string, unknown>> {
  const id = nextId++;
  return new Promise((done) => {
    const onMessage = (data: WebSocket.RawData) => {
      const message = JSON.parse(String(data)) as {
        type: string;
        id?: number;
        result?: Record<string, unknown>;
      };
      if (message.type === 'result' && message.id === id) {
        socket.off('message', onMessage);
        done(message.result!);
      }
    };
    socket.on('message', onMessage);
    socket.send(JSON.stringify({ type: 'call', id, command, payload }));
  });
}

describe('npm run dev:web, its socket', () => {
  it('admits the page it serves and refuses a page from any other origin', async () => {
    expect((await open('http://evil.example')).status).toBe(403);
    // Same host, another port: another origin (any local web server).
    expect((await open('http://127.0.0.1:1')).status).toBe(403);
    expect((await open('null')).status).toBe(403);
    const page = await open(pageOrigin);
    expect(page.status).toBe(101);
    await expect(call(page.socket!, 'getAppInfo')).resolves.toMatchObject({ ok: true });
    page.socket!.close();
    // No Origin header: not a browser page (which always sends one); the token is the gate.
    const node = await open();
    expect(node.status).toBe(101);
    node.socket!.close();
  });

  it('a 200 MB message closes only its own socket; the server keeps serving the others', async () => {
    const bystander = (await open(pageOrigin)).socket!;
    const attacker = (await open(pageOrigin)).socket!;
    const closed = new Promise<number>((done) => attacker.once('close', done));
    attacker.send(Buffer.alloc(200 * 1024 * 1024, 0x20), { binary: false });
    expect(await closed).toBe(1009); // "message too big"
    expect(devWeb.exitCode).toBeNull();
    await expect(call(bystander, 'getAppInfo')).resolves.toMatchObject({ ok: true });
    // And a new client is served too, the largest message the contract allows included.
    const next = (await open(pageOrigin)).socket!;
    const json = '{'.repeat(1_000_000);
    const largest = { type: 'call', id: 0, command: 'importProfile', payload: { json } };
    expect(Buffer.byteLength(JSON.stringify(largest))).toBeLessThan(wsMaxMessageBytes);
    const image = {
      type: 'call',
      id: 0,
      command: 'attachImage',
      payload: { data: 'A'.repeat(maxImageBase64Chars) },
    };
    expect(Buffer.byteLength(JSON.stringify(image))).toBeLessThan(wsMaxMessageBytes);
    await expect(call(next, 'importProfile', { json })).resolves.toMatchObject({
      ok: false,
      error: { code: 'invalid_request' },
    });
    bystander.close();
    next.close();
    // Refused by the socket's own limit and error handler, not rescued by the process's fault guard.
    expect(stderr).toMatch(/contract socket client error.*Max payload size exceeded/s);
    expect(stderr).not.toMatch(/uncaught exception/);
  });

  it('the environment key is sent only to OPENAI_BASE_URL, not where a client moves the base URL', async () => {
    const page = (await open(pageOrigin)).socket!;
    // It starts on OPENAI_BASE_URL, where the key works.
    await expect(call(page, 'getSettings')).resolves.toMatchObject({
      ok: true,
      value: { baseUrl: home.baseUrl },
    });
    await expect(call(page, 'testApiKey')).resolves.toMatchObject({ ok: true, value: { works: true } });
    expect(home.asked).toEqual([`Bearer ${ENV_KEY}`]);

    // Anyone holding the token can move the base URL; the key does not follow it.
    await expect(call(page, 'updateSettings', { baseUrl: elsewhere.baseUrl })).resolves.toMatchObject({
      ok: true,
    });
    await expect(call(page, 'testApiKey')).resolves.toMatchObject({ ok: false, error: { code: 'conflict' } });
    await expect(call(page, 'getApiKeyStatus')).resolves.toMatchObject({
      ok: true,
      value: {
        set: true,
        works: false,
        message: expect.stringMatching(/OPENAI_API_KEY is only sent to http:\/\/127\.0\.0\.1/),
      },
    });
    expect(elsewhere.asked).toEqual([]);

    await expect(call(page, 'updateSettings', { baseUrl: home.baseUrl })).resolves.toMatchObject({
      ok: true,
    });
    await expect(call(page, 'testApiKey')).resolves.toMatchObject({ ok: true, value: { works: true } });
    expect(elsewhere.asked).toEqual([]);
    page.close();
  });
});
