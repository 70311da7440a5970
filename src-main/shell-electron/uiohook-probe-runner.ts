// The Electron shell's runner for the key hook's display probe (core/hotkey/uiohook-probe.ts says why
// there is a probe). A utility process is a Node child that Electron starts itself, so unlike
// `process.execPath -e` it needs no ELECTRON_RUN_AS_NODE, which the packaged app's fuses switch off.
import { utilityProcess } from 'electron';
import { lastLine, type UiohookProbe } from '../core/hotkey/uiohook-probe';

/** `modulePath`: the built probe entry (out/main/uiohook-probe.js, inside app.asar when packaged). */
export function utilityProcessProbe(modulePath: string): UiohookProbe {
  return ({ env, timeoutMs }) =>
    new Promise((resolve) => {
      let stderr = '';
      let settled = false;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const settle = (outcome: Awaited<ReturnType<UiohookProbe>>) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(outcome);
      };
      try {
        const child = utilityProcess.fork(modulePath, [], {
          env: Object.fromEntries(
            Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined),
          ),
          stdio: ['ignore', 'ignore', 'pipe'],
          serviceName: 'Key hook display probe',
        });
        child.stderr?.on('data', (chunk: Buffer) => void (stderr += chunk.toString()));
        child.once('exit', (code) =>
          settle(
            code === 0
              ? { ok: true }
              : { ok: false, detail: lastLine(stderr) || `the probe exited with code ${code}` },
          ),
        );
        timer = setTimeout(() => {
          settle({ ok: false, detail: `no answer within ${timeoutMs} ms` });
          child.kill();
        }, timeoutMs);
      } catch (error) {
        settle({ ok: false, detail: (error as Error).message });
      }
    });
}
