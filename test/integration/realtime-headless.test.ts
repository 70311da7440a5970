// Issue 4, point 9: `npm run headless` end to end against the simulator — spoken WAV turns (espeak-ng +
// sox at test time), an ALSA-file microphone, a beta-shaped profile file, and a bad key.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseWav } from '../../src-main/core/audio/wav';
import { startRealtimeSim, type RealtimeSim } from '../realtime-sim/server';
import { withAlsaFileRig } from '../support/audio-rigs/alsa-file-rig';
import { speechWav, wavToRaw } from '../support/audio-rigs/speech';

const root = resolve(import.meta.dirname, '../..');
const tsx = resolve(root, 'node_modules/tsx/dist/cli.mjs');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

function headless(args: string[], env: Record<string, string> = {}): Promise<Run> {
  const started = Date.now();
  return new Promise((done) => {
    const child = spawn(process.execPath, [tsx, 'src-main/shell-headless/main.ts', ...args], {
      cwd: root,
      env: { ...process.env, OPENAI_API_KEY: 'sk-test', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => done({ code, stdout, stderr, ms: Date.now() - started }));
  });
}

/** Every stdout line is JSON: nothing else may reach stdout. */
const jsonLines = (stdout: string) =>
  stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);

let dir: string;
let sim: RealtimeSim;
let wavA: string;
let wavB: string;

beforeAll(async () => {
  dir = mkdtempSync(resolve(tmpdir(), 'headless-'));
  wavA = speechWav(dir, 'What time is it', 44_100, 2, 'a');
  wavB = speechWav(dir, 'Thank you very much', 16_000, 1, 'b');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(async () => {
  expect(sim.violations).toEqual([]);
  expect(sim.simErrors).toEqual([]);
  await sim.close();
});

describe('npm run headless', () => {
  it('each WAV is one push-to-talk turn; reply audio lands in one 24 kHz mono WAV; stdout is JSON lines', async () => {
    sim = await startRealtimeSim({
      replies: [
        { text: 'It is noon.', audioMs: 700 },
        { text: 'You are welcome.', audioMs: 500 },
      ],
      userTranscripts: ['what time is it', 'thank you very much'],
    });
    const out = resolve(dir, 'reply.wav');
    const run = await headless([
      '--base-url',
      sim.baseUrl,
      '--input',
      wavA,
      '--input',
      wavB,
      '--output',
      out,
    ]);
    expect(run.code, run.stderr).toBe(0);
    const lines = jsonLines(run.stdout);
    expect(lines[0]!.type).toBe('session.ready');
    expect(lines.filter((l) => l.type === 'turn.done').map((l) => [l.outcome, l.text])).toEqual([
      ['completed', 'It is noon.'],
      ['completed', 'You are welcome.'],
    ]);
    expect(lines.filter((l) => l.type === 'transcript').map((l) => [l.role, l.text, l.final])).toEqual([
      ['user', 'what time is it', true],
      ['assistant', 'It is noon.', true],
      ['user', 'thank you very much', true],
      ['assistant', 'You are welcome.', true],
    ]);
    const wav = parseWav(readFileSync(out), out);
    expect([wav.rate, wav.channels]).toEqual([24_000, 1]);
    expect(wav.samples.length).toBe(Math.round(1.2 * 24_000));
    // The speech went through the capture chain: 24 kHz mono, as long as the files.
    const sent = sim.received.filter((x) => x.event.type === 'input_audio_buffer.append');
    const sentMs =
      (sent.reduce((n, x) => n + Buffer.from(String(x.event.audio), 'base64').length, 0) / 48_000) * 1000;
    const filesMs = [wavA, wavB].reduce((n, f) => {
      const w = parseWav(readFileSync(f), f);
      return n + (w.samples.length / w.channels / w.rate) * 1000;
    }, 0);
    expect(Math.abs(sentMs - filesMs)).toBeLessThan(60);
    expect(sim.received.filter((x) => x.event.type === 'input_audio_buffer.commit')).toHaveLength(2);
  });

  it('a bad key: non-zero exit with exactly one clear line on stderr within 5 s', async () => {
    sim = await startRealtimeSim({ reject401: true });
    // The 5 s are for the run, not for starting it: a run that stops at argument parsing (after every module
    // is loaded through tsx) measures start-up, and that is subtracted below.
    const startup = await headless([]);
    expect(startup.code).toBe(2);
    const run = await headless(['--base-url', sim.baseUrl, '--input', wavA]);
    expect(run.code).not.toBe(0);
    expect(run.ms - startup.ms).toBeLessThan(5_000);
    // No output option was given, yet the "audio is discarded" note must not join the failure.
    expect(run.stderr.split('\n').filter((l) => l.trim())).toEqual([
      'authentication failed (401): Incorrect API key provided.',
    ]);
    expect(jsonLines(run.stdout).at(-1)).toMatchObject({ type: 'error' });
  });

  it('accepts a beta-shaped profile file (converted to GA) and sends only GA', async () => {
    sim = await startRealtimeSim({ defaultReply: { text: 'Text only.' } });
    const profile = resolve(dir, 'beta.json');
    writeFileSync(
      profile,
      JSON.stringify({
        modalities: ['text'],
        instructions: 'Be brief.',
        voice: 'alloy',
        input_audio_format: 'pcm16',
        turn_detection: null,
        temperature: 0.7,
      }),
    );
    const run = await headless(['--base-url', sim.baseUrl, '--profile', profile, '--input', wavB]);
    expect(run.code, run.stderr).toBe(0);
    const update = sim.received.find((x) => x.event.type === 'session.update')!.event.session as Record<
      string,
      unknown
    >;
    expect(update.instructions).toBe('Be brief.');
    expect(update.output_modalities).toEqual(['text']);
    expect(jsonLines(run.stdout).find((l) => l.type === 'turn.done')).toMatchObject({ text: 'Text only.' });
    // A successful run without --output says once that the assistant audio went nowhere.
    expect(run.stderr).toMatch(/^note: no --output or --output-device: the assistant audio was discarded$/m);
  });

  it('completes a turn from an ALSA-file microphone (--input-device, --ptt-seconds) with clean stdout', async () => {
    sim = await startRealtimeSim({ defaultReply: { text: 'Heard the microphone.', audioMs: 400 } });
    const raw = wavToRaw(speechWav(dir, 'Hello from the microphone', 16_000, 1, 'mic'));
    const rig = withAlsaFileRig({ micRaw: raw, micRate: 16_000, micChannels: 1 });
    try {
      const out = resolve(dir, 'mic-reply.wav');
      const run = await headless(
        ['--base-url', sim.baseUrl, '--input-device', 'mic', '--ptt-seconds', '0.6', '--output', out],
        rig.env,
      );
      expect(run.code, run.stderr).toBe(0);
      const lines = jsonLines(run.stdout); // PortAudio's banner went to stderr, not here
      expect(lines.find((l) => l.type === 'turn.done')).toMatchObject({
        outcome: 'completed',
        text: 'Heard the microphone.',
      });
      expect(parseWav(readFileSync(out), out).samples.length).toBe(Math.round(0.4 * 24_000));
      expect(sim.received.some((x) => x.event.type === 'input_audio_buffer.append')).toBe(true);
    } finally {
      rig.cleanup();
    }
  });
});
