// `npm run headless` prints one `usage` line per response and a `usage.total` before it exits, against the
// simulator (spoken WAV turns made with espeak-ng + sox at test time); with a model the price table does not
// know, the lines carry the tokens and a null cost.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startRealtimeSim, type RealtimeSim } from '../realtime-sim/server';
import { speechWav } from '../support/audio-rigs/speech';

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
          .map((line) => JSON.parse(line) as Record<string, unknown>),
      }),
    );
  });
}

let dir: string;
let sim: RealtimeSim;
let wavA: string;
let wavB: string;
beforeAll(() => {
  dir = mkdtempSync(resolve(tmpdir(), 'headless-usage-'));
  wavA = speechWav(dir, 'What time is it', 24_000, 1, 'a');
  wavB = speechWav(dir, 'Thank you', 24_000, 1, 'b');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(async () => {
  expect(sim.violations).toEqual([]);
  expect(sim.simErrors).toEqual([]);
  await sim.close();
});

describe('headless usage lines', () => {
  it('one line per response with its details, then the total before exit', async () => {
    sim = await startRealtimeSim({
      replies: [
        { text: 'It is noon.', audioMs: 700 },
        { text: 'You are welcome.', audioMs: 500 },
      ],
    });
    const run = await headless(['--base-url', sim.baseUrl, '--input', wavA, '--input', wavB]);
    expect(run.code, run.stderr).toBe(0);
    const usage = run.lines.filter((l) => l.type === 'usage');
    expect(usage.map((l) => [l.turn, l.model])).toEqual([
      [1, 'gpt-realtime'],
      [2, 'gpt-realtime'],
    ]);
    for (const line of usage) {
      expect(line.response_id).toMatch(/^resp_/);
      expect(line).toMatchObject({
        input_tokens: expect.any(Number),
        output_tokens: expect.any(Number),
        cached_tokens: expect.any(Number),
        cost_usd: expect.any(Number),
        input_token_details: {
          text_tokens: expect.any(Number),
          audio_tokens: expect.any(Number),
          image_tokens: 0,
          cached_tokens_details: { text_tokens: expect.any(Number), audio_tokens: expect.any(Number) },
        },
        output_token_details: { text_tokens: expect.any(Number), audio_tokens: expect.any(Number) },
      });
    }
    // The second response reads the first from the cache.
    expect(usage[0]!.cached_tokens).toBe(0);
    expect(usage[1]!.cached_tokens).toBeGreaterThan(0);
    // Each usage line comes before its turn's turn.done; the total is the last line.
    const types = run.lines.map((l) => l.type);
    expect(types.indexOf('usage')).toBeLessThan(types.indexOf('turn.done'));
    const total = run.lines.at(-1)!;
    expect(total.type).toBe('usage.total');
    expect(total.responses).toBe(2);
    expect(total.input_tokens).toBe((usage[0]!.input_tokens as number) + (usage[1]!.input_tokens as number));
    const sum = Math.round(((usage[0]!.cost_usd as number) + (usage[1]!.cost_usd as number)) * 1e9);
    expect(Math.round((total.cost_usd as number) * 1e9)).toBe(sum);
  });

  it('a model without a price: tokens, and cost_usd null — never a guess', async () => {
    // A server that serves a model the price table does not know (a new release, a compatible server).
    sim = await startRealtimeSim({
      models: ['my-realtime-model'],
      defaultReply: { text: 'Hi.', audioMs: 300 },
    });
    const run = await headless(['--base-url', sim.baseUrl, '--model', 'my-realtime-model', '--input', wavB]);
    expect(run.code, run.stderr).toBe(0);
    const usage = run.lines.find((l) => l.type === 'usage')!;
    expect(usage).toMatchObject({ model: 'my-realtime-model', cost_usd: null });
    expect(usage.input_tokens as number).toBeGreaterThan(0);
    // Unpriced: the response, and the transcription of the turn (gpt-4o-mini-transcribe has no default price).
    expect(run.lines.at(-1)).toMatchObject({
      type: 'usage.total',
      responses: 1,
      unpriced: 2,
      cost_usd: null,
    });
  });
});
