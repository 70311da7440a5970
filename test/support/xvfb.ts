// Starts a private Xvfb on a free display number for key-hook tests, and xdotool against it.
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface Xvfb {
  display: string;
  xdotool(...args: string[]): Promise<void>;
  stop(): Promise<void>;
}

function freeDisplayNumber(): number {
  for (let n = 90 + (process.pid % 200); n < 1000; n++) {
    if (!existsSync(`/tmp/.X${n}-lock`) && !existsSync(`/tmp/.X11-unix/X${n}`)) return n;
  }
  throw new Error('no free X display number');
}

export async function startXvfb(): Promise<Xvfb> {
  const display = `:${freeDisplayNumber()}`;
  const child: ChildProcess = spawn('Xvfb', [display, '-screen', '0', '320x240x24', '-nolisten', 'tcp'], {
    stdio: 'ignore',
  });
  const deadline = Date.now() + 10_000;
  // Ready once xdpyinfo-equivalent succeeds: xdotool getmouselocation needs a working connection.
  for (;;) {
    try {
      await run('xdotool', ['getmouselocation'], { env: { ...process.env, DISPLAY: display } });
      break;
    } catch (error) {
      if (child.exitCode !== null || Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`Xvfb ${display} did not start: ${(error as Error).message}`, { cause: error });
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    display,
    async xdotool(...args) {
      await run('xdotool', args, { env: { ...process.env, DISPLAY: display } });
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
