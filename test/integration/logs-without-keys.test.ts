// Issue 19: a log file never holds the API key, in any shell. The headless shell (`--log-file PATH`) and
// dev:web (`--log-file=PATH`) run as users run them, against the Realtime simulator, with seeded keys: from
// the environment, typed into the page (setApiKey), refused by the server. Then every file they wrote is
// searched for every key. (The desktop shell: test/integration/electron-boot-lifecycle.test.ts.)
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startRealtimeSim, type RealtimeSim } from '../realtime-sim/server';
import { requireBuiltRenderer } from '../support/browser';
import { speechWav } from '../support/audio-rigs/speech';

const root = resolve(import.meta.dirname, '../..');
const tsx = resolve(root, 'node_modules/tsx/dist/cli.mjs');
const ENV_KEY = 'sk-env-seeded-AAAA0123456789abcdef';
const TYPED_KEY = 'sk-proj-typed-BBBB0123456789abcdef';
const WRONG_KEY = 'sk-wrong-seeded-CCCC0123456789abcdef';
const keys = [ENV_KEY, TYPED_KEY, WRONG_KEY];

let dir: string;
let sim: RealtimeSim;
let wav: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'logs-keys-'));
  wav = speechWav(dir, 'What time is it', 16_000, 1, 'q');
  sim = await startRealtimeSim({
    apiKey: ENV_KEY,
    userTranscripts: ['what time is it'],
    defaultReply: { text: 'It is noon.', audioMs: 200 },
  });
});
afterAll(async () => {
  await sim?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Every file in `folder`, as one text. */
const folderText = (folder: string) =>
  readdirSync(folder)
    .map((name) => readFileSync(join(folder, name), 'utf8'))
    .join('\n');

const expectNoKey = (text: string) => {
  for (const key of keys) {
    expect(text).not.toContain(key);
    // Not even the distinctive part of it.
    expect(text).not.toContain(key.slice(-16));
  }
};

function run(args: string[], env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [tsx, 'src-main/shell-headless/main.ts', ...args], {
      cwd: root,
      env: { ...process.env, ...env },
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => done({ code, stderr }));
  });
}

describe('npm run headless --log-file', () => {
  it('logs the run, rotated files named from PATH, and never the key (nor a refused one)', async () => {
    const folder = join(dir, 'headless-logs');
    const good = await run(
      ['--base-url', sim.baseUrl, '--input', wav, '--log-file', join(folder, 'run.log')],
      {
        OPENAI_API_KEY: ENV_KEY,
      },
    );
    expect(good.code).toBe(0);
    expect(good.stderr).toContain(`logging to ${join(folder, 'run.1.log')}`);
    const bad = await run(
      ['--base-url', sim.baseUrl, '--input', wav, '--log-file', join(folder, 'run.log')],
      {
        OPENAI_API_KEY: WRONG_KEY,
      },
    );
    expect(bad.code).not.toBe(0);
    expect(readdirSync(folder)).toEqual(['run.1.log']);
    const text = folderText(folder);
    expectNoKey(text);
    const records = text
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { msg: string; status?: string; message?: string });
    // Both runs, their sessions from connecting to answering, and the refusal.
    expect(records.filter((r) => r.msg === 'app.start')).toHaveLength(2);
    const statuses = records.filter((r) => r.msg === 'session').map((r) => r.status);
    expect(statuses).toEqual(expect.arrayContaining(['connecting', 'ready', 'thinking', 'error']));
    expect(records.find((r) => r.status === 'error')?.message).toMatch(/authentication failed/);
  }, 60_000);
});

describe('npm run dev:web --log-file', () => {
  let devWeb: ChildProcess;
  let socket: WebSocket;
  let nextId = 1;
  const folder = () => join(dir, 'web-logs');

  const call = (command: string, payload?: unknown): Promise<Record<string, unknown>> => {
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
  };

  beforeAll(async () => {
    requireBuiltRenderer();
    devWeb = spawn(
      process.execPath,
      [
        tsx,
        'src-main/shell-headless/dev-web.ts',
        '--built',
        `--data-dir=${join(dir, 'web-data')}`,
        `--log-file=${join(folder(), 'web.log')}`,
        '--port=0',
      ],
      { cwd: root, env: { ...process.env, OPENAI_API_KEY: ENV_KEY, OPENAI_BASE_URL: sim.baseUrl } },
    );
    let output = '';
    const url = await new Promise<URL>((found, failed) => {
      devWeb.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const match = /http:\/\/\S+/.exec(output);
        if (match && output.includes('log: ')) found(new URL(match[0]));
      });
      devWeb.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
      devWeb.once('exit', (code) => failed(new Error(`dev:web exited (${code}): ${output}`)));
    });
    expect(output).toContain(`log: ${join(folder(), 'web.1.log')}`);
    const token = new URLSearchParams(url.hash.slice(1)).get('token');
    socket = new WebSocket(`ws://127.0.0.1:${url.searchParams.get('ws')}/?token=${token}`);
    await new Promise((resolve) => socket.once('open', resolve));
  }, 60_000);

  afterAll(async () => {
    socket?.close();
    if (devWeb && devWeb.exitCode === null) {
      const exited = new Promise((done) => devWeb.once('exit', done));
      devWeb.kill('SIGTERM');
      await exited;
    }
  });

  it('logs a session with the environment’s key and one typed into the page, and never either key', async () => {
    await expect(call('testApiKey')).resolves.toMatchObject({ ok: true, value: { works: true } });
    await expect(call('sendText', { text: 'Hello there' })).resolves.toMatchObject({ ok: true });
    const deadline = Date.now() + 15_000;
    while (!sim.received.some((r) => r.event.type === 'response.create') && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 20));
    // A key typed into the page (refused by this server) and tested.
    await expect(call('setApiKey', { key: TYPED_KEY })).resolves.toMatchObject({ ok: true });
    await expect(call('testApiKey')).resolves.toMatchObject({ ok: true, value: { works: false } });
    await expect(call('setApiKey', { key: WRONG_KEY })).resolves.toMatchObject({ ok: true });
    // A key pasted into the base URL (some proxies take it there): the settings in the report and whatever
    // the session says about the URL it cannot reach are scrubbed by the key's shape.
    await expect(
      call('updateSettings', { baseUrl: `${sim.baseUrl}?key=${TYPED_KEY}` }),
    ).resolves.toMatchObject({
      ok: true,
    });
    await call('endSession');
    await call('sendText', { text: 'Still there?' });
    await new Promise((resolve) => setTimeout(resolve, 500));
    const diagnostics = (await call('copyDiagnostics')) as {
      ok: boolean;
      value: { text: string; logFolder: string };
    };
    expect(diagnostics.value.logFolder).toBe(folder());
    expect(diagnostics.value.text).toContain('(headless shell)');
    expectNoKey(diagnostics.value.text);
    const text = folderText(folder());
    expectNoKey(text);
    expect(text).toContain('"msg":"app.start"');
    expect(text).toContain('"msg":"api-key"');
    expect(text).toContain('"status":"ready"');
  }, 30_000);
});
