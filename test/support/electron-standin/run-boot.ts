// Runs one boot of the built app on the Electron stand-in (boot.mjs) in a child process and returns its
// report. `home` holds userData, the log folder and XDG config between boots of one test.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from '../packaging';

export interface BootCall {
  api: string;
  args: unknown[];
}
export interface BootReport {
  bootError: string | null;
  errors: string[];
  consoleErrors: string[];
  results: unknown[];
  calls: BootCall[];
  spawns: { file: string; args: string[]; runAsNode: boolean }[];
}
export type BootStep = { do: string; [key: string]: unknown };

/**
 * Asynchronous (unlike the main boot test's spawnSync): the test process keeps serving what the app asks
 * for meanwhile (an update feed, a simulator).
 */
export async function bootStandin(
  home: string,
  steps: BootStep[],
  env: Record<string, string> = {},
  timeoutMs = 60_000,
): Promise<BootReport> {
  const report = join(home, `report-${Date.now()}.json`);
  const child = spawn(
    process.execPath,
    [
      '--experimental-import-meta-resolve',
      join(root, 'test/support/electron-standin/boot.mjs'),
      JSON.stringify({ steps }),
    ],
    {
      cwd: root,
      env: {
        ...Object.fromEntries(Object.entries(process.env).filter(([key]) => key !== 'ELECTRON_RENDERER_URL')),
        HOME: home,
        XDG_CONFIG_HOME: join(home, 'config'),
        XDG_CACHE_HOME: join(home, 'cache'),
        STANDIN_USER_DATA: join(home, 'userData'),
        STANDIN_REPORT: report,
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
  if (!existsSync(report)) throw new Error(`boot produced no report:\n${output}`);
  return JSON.parse(readFileSync(report, 'utf8')) as BootReport;
}
