// libuiohook aborts the whole process (not a JS exception) when XOpenDisplay fails, so on Linux the display
// is first tried in a throwaway child process. How that child is started depends on the shell: plain Node
// (headless shell, tests) runs `node -e`; the Electron shell must bring its own runner, because there
// process.execPath is the app itself and, with the RunAsNode fuse off, `-e` would launch a second instance.

import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';

export const PROBE_TIMEOUT_MS = 5_000;

export type ProbeOutcome = { ok: true } | { ok: false; detail: string };

/**
 * Starts and stops the key hook once in a child process with `env`; `ok` only when the child finished the
 * attempt (a child that is killed, aborts or outlives `timeoutMs` is a failure, with the last stderr line).
 */
export type UiohookProbe = (request: { env: NodeJS.ProcessEnv; timeoutMs: number }) => Promise<ProbeOutcome>;

/** The last non-empty line a failed child wrote, which is where libuiohook and Node put the reason. */
export const lastLine = (text: string): string =>
  text
    .trim()
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .at(-1) ?? '';

const nodeRequire = createRequire(import.meta.url);

/** The plain-Node runner: `process.execPath -e <script>`. Refuses to run inside Electron (see above). */
export const nodeProbe: UiohookProbe = ({ env, timeoutMs }) => {
  if (process.versions.electron) {
    return Promise.resolve({
      ok: false,
      detail: 'no display probe for Electron (the shell must provide one: -e would relaunch the app)',
    });
  }
  const modulePath = nodeRequire.resolve('uiohook-napi');
  const script = `const {uIOhook}=require(${JSON.stringify(modulePath)});uIOhook.start();uIOhook.stop();process.stdout.write('ok')`;
  return new Promise((resolve) => {
    execFile(process.execPath, ['-e', script], { env, timeout: timeoutMs }, (error, stdout, stderr) => {
      if (!error && stdout === 'ok') resolve({ ok: true });
      else resolve({ ok: false, detail: lastLine(String(stderr)) || error?.message || 'no output' });
    });
  });
};
