// `npm run headless -- --mcp-config FILE --approve-tools all|none` against the simulator and the reference
// filesystem server: the servers start before the first turn (one mcp.server line each), the model's call
// runs when all are approved and is denied (the server never asked) with none, the default; a bad
// configuration file stops the run with its field errors before anything is sent.
import { spawn } from 'node:child_process';
import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { wavHeader } from '../../src-main/core/audio/wav';
import { startRealtimeSim, type RealtimeSim } from '../realtime-sim/server';
import { filesystemServer } from '../support/mcp/servers';

const root = resolve(import.meta.dirname, '../..');
const tsx = resolve(root, 'node_modules/tsx/dist/cli.mjs');

function headless(
  args: string[],
): Promise<{ code: number | null; lines: Record<string, unknown>[]; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [tsx, 'src-main/shell-headless/main.ts', ...args], {
      cwd: root,
      env: { ...process.env, OPENAI_API_KEY: 'sk-test' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) =>
      done({
        code,
        stderr,
        lines: stdout
          .trim()
          .split('\n')
          .filter(Boolean)
          .map((line) => JSON.parse(line) as Record<string, unknown>),
      }),
    );
  });
}

let dir: string;
let sim: RealtimeSim | undefined;
let wav: string;
let config: string;
beforeAll(() => {
  dir = realpathSync(mkdtempSync(join(tmpdir(), 'mcp-headless-')));
  writeFileSync(join(dir, 'todo.txt'), 'Buy milk.\n');
  // Half a second of a 440 Hz tone, 24 kHz mono PCM16: one push-to-talk turn.
  const samples = new Int16Array(12_000).map((_, i) =>
    Math.round(8_000 * Math.sin((2 * Math.PI * 440 * i) / 24_000)),
  );
  const data = Buffer.from(samples.buffer);
  wav = join(dir, 'turn.wav');
  writeFileSync(wav, Buffer.concat([wavHeader(24_000, 1, data.length), data]));
  config = join(dir, 'mcp.json');
  writeFileSync(
    config,
    JSON.stringify({ mcpServers: { files: { command: process.execPath, args: [filesystemServer, dir] } } }),
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(async () => {
  expect(sim?.violations ?? []).toEqual([]);
  await sim?.close();
  sim = undefined;
});

const replies = () => [
  { toolCall: { name: 'files__read_text_file', arguments: JSON.stringify({ path: join(dir, 'todo.txt') }) } },
  { text: 'Buy milk.', audioMs: 100 },
];

describe('headless MCP', () => {
  it('--approve-tools all: the server starts first, the call runs, its result reaches the model', async () => {
    sim = await startRealtimeSim({ replies: replies(), userTranscripts: ['what is on my list'] });
    const run = await headless([
      '--base-url',
      sim.baseUrl,
      '--input',
      wav,
      '--mcp-config',
      config,
      '--approve-tools',
      'all',
    ]);
    expect(run.stderr).not.toMatch(/failed/);
    expect(run.code).toBe(0);
    const server = run.lines.find((l) => l.type === 'mcp.server')!;
    expect(server).toMatchObject({ name: 'files', state: 'ready' });
    expect(server.tools).toContain('files__read_text_file');
    // The server line comes before the session is ready: the first turn already has the tools.
    expect(run.lines.indexOf(server)).toBeLessThan(run.lines.findIndex((l) => l.type === 'session.ready'));
    const tool = run.lines.find((l) => l.type === 'transcript' && l.role === 'tool' && l.final) as {
      tool: { output: string; server: string; approval: string };
    };
    expect(tool.tool).toMatchObject({ server: 'files', approval: 'auto-allowed' });
    expect(tool.tool.output).toContain('Buy milk.');
    const outputs = sim.received
      .map((r) => r.event)
      .filter(
        (e) =>
          e.type === 'conversation.item.create' &&
          (e.item as { type: string }).type === 'function_call_output',
      );
    expect((outputs[0]!.item as { output: string }).output).toContain('Buy milk.');
  });

  it('--approve-tools none (the default): the call is denied and the model is told so', async () => {
    sim = await startRealtimeSim({ replies: replies(), userTranscripts: ['what is on my list'] });
    const run = await headless(['--base-url', sim.baseUrl, '--input', wav, '--mcp-config', config]);
    expect(run.code).toBe(0);
    const tool = run.lines.find((l) => l.type === 'transcript' && l.role === 'tool' && l.final) as {
      tool: { output: string; approval: string };
    };
    expect(tool.tool.approval).toBe('auto-denied');
    expect(tool.tool.output).not.toContain('Buy milk.');
    expect(JSON.parse(tool.tool.output)).toEqual({
      error: 'the user did not approve this call (this run allows no tool calls)',
    });
  });

  it('a bad configuration file stops the run with its field errors; nothing is sent', async () => {
    sim = await startRealtimeSim({});
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ mcpServers: { files: { args: ['x'] } } }));
    const run = await headless([
      '--base-url',
      sim.baseUrl,
      '--input',
      wav,
      '--mcp-config',
      bad,
      '--approve-tools',
      'sometimes',
    ]);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/--approve-tools must be all or none/);
    const again = await headless(['--base-url', sim.baseUrl, '--input', wav, '--mcp-config', bad]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(
      /--mcp-config .*bad\.json: The MCP configuration has errors \(mcpServers\.files\.command: /,
    );
    expect(sim.received).toEqual([]);
  });
});
