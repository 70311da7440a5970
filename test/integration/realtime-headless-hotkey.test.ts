// Issue 4, point 9: `npm run headless -- --input-device … --hotkey ACCEL` — hold-to-talk through the core's
// global-key backend (uiohook under a private Xvfb, keys pressed with xdotool), ALSA-file microphone.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { parseWav } from '../../src-main/core/audio/wav';
import { startRealtimeSim, type RealtimeSim } from '../realtime-sim/server';
import { withAlsaFileRig, type AlsaFileRig } from '../support/audio-rigs/alsa-file-rig';
import { speechWav, wavToRaw } from '../support/audio-rigs/speech';
import { startXvfb, type Xvfb } from '../support/xvfb';

const root = resolve(import.meta.dirname, '../..');
let dir: string;
let xvfb: Xvfb;
let sim: RealtimeSim;
let rig: AlsaFileRig;

beforeAll(async () => {
  dir = mkdtempSync(resolve(tmpdir(), 'headless-hotkey-'));
  xvfb = await startXvfb();
  sim = await startRealtimeSim({ defaultReply: { text: 'Key heard.', audioMs: 300 } });
  rig = withAlsaFileRig({
    micRaw: wavToRaw(speechWav(dir, 'Hello there', 16_000, 1, 'mic')),
    micRate: 16_000,
    micChannels: 1,
  });
});
afterAll(async () => {
  await sim?.close();
  await xvfb?.stop();
  rig?.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

it('holding the hotkey is one turn; releasing it commits', async () => {
  const out = resolve(dir, 'reply.wav');
  const child = spawn(
    process.execPath,
    [
      resolve(root, 'node_modules/tsx/dist/cli.mjs'),
      'src-main/shell-headless/main.ts',
      ...['--base-url', sim.baseUrl, '--input-device', 'mic', '--hotkey', 'F9', '--output', out],
    ],
    { cwd: root, env: { ...process.env, ...rig.env, DISPLAY: xvfb.display, OPENAI_API_KEY: 'sk-test' } },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((done) => child.on('exit', done));
  const deadline = Date.now() + 20_000;
  while (!stdout.includes('session.ready') && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 50));
  expect(stdout, stderr).toContain('session.ready');
  await new Promise((r) => setTimeout(r, 1_000)); // the hotkey service registers the key after settings change
  await xvfb.xdotool('keydown', 'F9');
  // Speak once the microphone delivers, as a user does at the start sound: opening the device takes from
  // milliseconds to over a second on a loaded machine, and audio before it does not exist.
  const live = Date.now() + 10_000;
  while (!stderr.includes('listening: speak now') && Date.now() < live)
    await new Promise((r) => setTimeout(r, 20));
  expect(stderr).toContain('listening: speak now');
  await new Promise((r) => setTimeout(r, 500));
  await xvfb.xdotool('keyup', 'F9');
  const code = await exited;
  expect(code, stderr).toBe(0);
  const lines = stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  expect(lines.find((l) => l.type === 'turn.done')).toMatchObject({
    outcome: 'completed',
    text: 'Key heard.',
  });
  expect(parseWav(readFileSync(out), out).samples.length).toBe(Math.round(0.3 * 24_000));
  expect(sim.received.filter((x) => x.event.type === 'input_audio_buffer.commit')).toHaveLength(1);
  expect(sim.violations).toEqual([]);
});
