// Headless --image: each goes with the next --input turn, as an input_image message before that turn's
// commit and response.create; a corrupt image stops the run before anything reaches the server.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startRealtimeSim, type RealtimeSim } from '../realtime-sim/server';
import { speechWav } from '../support/audio-rigs/speech';

const root = resolve(import.meta.dirname, '../..');
const tsx = resolve(root, 'node_modules/tsx/dist/cli.mjs');

function headless(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [tsx, 'src-main/shell-headless/main.ts', ...args], {
      cwd: root,
      env: { ...process.env, OPENAI_API_KEY: 'sk-test' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => done({ code, stdout, stderr }));
  });
}

let dir: string;
let sim: RealtimeSim | undefined;
let wavA: string;
let wavB: string;
let png: string;
let jpeg: string;

beforeAll(async () => {
  dir = mkdtempSync(resolve(tmpdir(), 'headless-images-'));
  wavA = speechWav(dir, 'What is this', 24_000, 1, 'a');
  wavB = speechWav(dir, 'And this one', 24_000, 1, 'b');
  png = resolve(dir, 'wide.png');
  jpeg = resolve(dir, 'tall.jpg');
  const raw = (w: number, h: number) => ({ raw: { width: w, height: h, channels: 3 as const } });
  writeFileSync(
    png,
    await sharp(Buffer.alloc(2048 * 100 * 3, 200), raw(2048, 100))
      .png()
      .toBuffer(),
  );
  writeFileSync(
    jpeg,
    await sharp(Buffer.alloc(300 * 600 * 3, 90), raw(300, 600))
      .jpeg()
      .toBuffer(),
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(async () => {
  expect(sim?.violations ?? []).toEqual([]);
  expect(sim?.simErrors ?? []).toEqual([]);
  await sim?.close();
  sim = undefined;
});

describe('npm run headless -- --image', () => {
  it('each --image goes with the next --input, before that turn is committed and answered', async () => {
    sim = await startRealtimeSim({
      replies: [
        { text: 'A wide picture.', audioMs: 300 },
        { text: 'Two pictures.', audioMs: 300 },
      ],
    });
    const run = await headless([
      '--base-url',
      sim.baseUrl,
      '--image',
      png,
      '--input',
      wavA,
      '--image',
      jpeg,
      '--image',
      png,
      '--image-detail',
      'low',
      '--input',
      wavB,
    ]);
    expect(run.code, run.stderr).toBe(0);
    const lines = run.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.filter((l) => l.type === 'image').map((l) => [l.width, l.height, l.detail])).toEqual([
      [1024, 50, 'low'],
      [300, 600, 'low'],
      [1024, 50, 'low'],
    ]);
    const order = sim.received
      .map((x) => x.event)
      .filter((e) => e.type !== 'input_audio_buffer.append' && e.type !== 'session.update')
      .map((e) =>
        e.type === 'conversation.item.create'
          ? `images:${(e.item as { content: unknown[] }).content.length}`
          : String(e.type),
      );
    expect(order).toEqual([
      'images:1',
      'input_audio_buffer.commit',
      'response.create',
      'images:2',
      'input_audio_buffer.commit',
      'response.create',
    ]);
    expect(lines.filter((l) => l.type === 'turn.done').map((l) => l.outcome)).toEqual([
      'completed',
      'completed',
    ]);
  });

  it('a corrupt image: a clear error, non-zero exit, and nothing sent', async () => {
    sim = await startRealtimeSim();
    const bad = resolve(dir, 'broken.png');
    writeFileSync(bad, Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'), Buffer.alloc(64, 7)]));
    const run = await headless(['--base-url', sim.baseUrl, '--input', wavA, '--image', bad, '--input', wavB]);
    expect(run.code).not.toBe(0);
    expect(run.stdout + run.stderr).toContain(`--image ${bad}: the image could not be read`);
    expect(sim.connectionCount()).toBe(0);
  });

  it('--image after the last --input is a usage error', async () => {
    const run = await headless(['--input', wavA, '--image', png]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--image must come before the --input it goes with');
  });
});
