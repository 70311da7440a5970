// `npm run headless -- --api-key KEY` with a device: the shell re-runs itself as a child (PortAudio banners
// on fd 1, see main.ts). The key must reach that child through its environment, never its command line,
// which every user on the machine can read in /proc (ps). Watched from /proc while the run goes on.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRealtimeSim, type RealtimeSim } from '../realtime-sim/server';
import { withAlsaFileRig } from '../support/audio-rigs/alsa-file-rig';
import { speechWav, wavToRaw } from '../support/audio-rigs/speech';

const root = resolve(import.meta.dirname, '../..');
const tsx = resolve(root, 'node_modules/tsx/dist/cli.mjs');
const KEY = 'sk-argv-SECRET-0123456789abcdef';

let dir: string;
let sim: RealtimeSim;
beforeAll(() => void (dir = mkdtempSync(join(tmpdir(), 'headless-key-'))));
afterAll(async () => {
  await sim?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The processes that are the headless shell's re-spawned child: their command line and environment. */
function respawnedChildren(): { pid: string; argv: string[]; env: string[] }[] {
  const found = [];
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const env = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
      if (!env.includes('VOICE_ASSISTANT_JSON_FD=3')) continue;
      found.push({ pid, argv: readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0'), env });
    } catch {
      // gone, or another user's process
    }
  }
  return found;
}

describe('headless --api-key with a device', () => {
  it('warns, and passes the key to its child in the environment, not on the command line', async () => {
    sim = await startRealtimeSim({ apiKey: KEY, defaultReply: { text: 'Heard you.', audioMs: 300 } });
    const rig = withAlsaFileRig({
      micRaw: wavToRaw(speechWav(dir, 'Hello there', 16_000, 1, 'mic')),
      micRate: 16_000,
      micChannels: 1,
    });
    const env: NodeJS.ProcessEnv = { ...process.env, ...rig.env };
    delete env.OPENAI_API_KEY;
    const args = [
      '--base-url',
      sim.baseUrl,
      '--api-key',
      KEY,
      '--input-device',
      'mic',
      '--ptt-seconds',
      '0.6',
    ];
    const seen = new Map<string, { argv: string[]; env: string[] }>();
    try {
      const run = spawn(process.execPath, [tsx, 'src-main/shell-headless/main.ts', ...args], {
        cwd: root,
        env,
      });
      let stderr = '';
      run.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      run.stdout.resume();
      const watch = setInterval(() => {
        for (const child of respawnedChildren()) seen.set(child.pid, child);
      }, 20);
      const code = await new Promise<number | null>((done) => run.on('exit', done));
      clearInterval(watch);

      // The child got the key (the simulator accepts only it) and completed the turn.
      expect(code, stderr).toBe(0);
      expect(stderr.match(/warning: --api-key puts the key in the process list/g)).toHaveLength(1);
      expect(seen.size).toBeGreaterThan(0);
      for (const child of seen.values()) {
        expect(child.argv).toContain('--input-device');
        expect(child.argv.join(' ')).not.toContain(KEY);
        expect(child.argv).not.toContain('--api-key');
        expect(child.env).toContain(`OPENAI_API_KEY=${KEY}`);
      }
    } finally {
      rig.cleanup();
    }
  });
});
