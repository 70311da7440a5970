// The uiohook backend against real key events: a private Xvfb, xdotool pressing and releasing keys, and
// push-to-talk measuring how long they were held. xdotool's own `sleep` times the hold, so the error left
// is the hook's. Raw X keycodes are used because xdotool also presses the left modifier when given a
// right-modifier keysym. The hook runs in a child process (test/support/uiohook-driver.ts).
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startXvfb, type Xvfb } from '../support/xvfb';

// X keycodes in Xvfb's default (evdev) keymap.
const X = { ControlL: '37', ControlR: '105', ShiftL: '50', space: '65', F9: '75', c: '54' };
const TOLERANCE_MS = 50;

type DriverEvent = { event: string; reason?: string; talkedMs?: number; message?: string };

let xvfb: Xvfb;
let driver: ChildProcessWithoutNullStreams;
const received: DriverEvent[] = [];
let waiter: (() => void) | undefined;

const next = async (event: string, timeoutMs = 10_000): Promise<DriverEvent> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const index = received.findIndex((e) => e.event === event || e.event === 'error');
    if (index >= 0) {
      const [found] = received.splice(index, 1);
      if (found!.event === 'error') throw new Error(`driver: ${found!.message}`);
      return found!;
    }
    if (Date.now() > deadline) throw new Error(`driver: no ${event} within ${timeoutMs} ms`);
    await new Promise<void>((r) => {
      waiter = r;
      setTimeout(r, 100);
    });
  }
};

beforeAll(async () => {
  xvfb = await startXvfb();
  // libuiohook opens $DISPLAY of its process, so DISPLAY is set before the hook starts.
  driver = spawn(process.execPath, ['--import', 'tsx', 'test/support/uiohook-driver.ts'], {
    env: { ...process.env, DISPLAY: xvfb.display },
  });
  createInterface({ input: driver.stdout }).on('line', (line) => {
    received.push(JSON.parse(line) as DriverEvent);
    waiter?.();
  });
  driver.stderr.on('data', (d) => process.stderr.write(d));
  await next('ready', 20_000);
});

afterAll(async () => {
  if (driver && driver.exitCode === null) driver.kill('SIGKILL');
  await xvfb?.stop();
});

async function turnsFor(accelerator: string, mode: 'hold' | 'tap-or-hold', act: () => Promise<void>) {
  received.length = 0;
  driver.stdin.write(`${JSON.stringify({ bind: accelerator, mode })}\n`);
  await next('bound');
  await act();
  // The hook thread delivers asynchronously: give the last events time to arrive.
  await new Promise((r) => setTimeout(r, 300));
  return {
    starts: received.filter((e) => e.event === 'start'),
    ends: received.filter((e) => e.event === 'end' && e.reason !== 'disposed'),
  };
}

describe('uiohook backend under Xvfb', () => {
  it.each([
    ['F9', [X.F9], 400],
    ['RightCtrl', [X.ControlR], 700],
    ['Ctrl+Space', [X.ControlL, X.space], 1_000],
  ])('%s held gives one turn of the held length', async (accelerator, keys, holdMs) => {
    const down = keys.flatMap((k) => ['keydown', k]);
    const up = [...keys].reverse().flatMap((k) => ['keyup', k]);
    const { starts, ends } = await turnsFor(accelerator, 'hold', () =>
      xvfb.xdotool(...down, 'sleep', String(holdMs / 1000), ...up),
    );
    expect(starts).toHaveLength(1);
    expect(ends.map((e) => e.reason)).toEqual(['release']);
    const error = ends[0]!.talkedMs! - holdMs;
    console.log(
      `${accelerator}: held ${holdMs} ms, measured ${ends[0]!.talkedMs!.toFixed(1)} ms (error ${error.toFixed(1)} ms)`,
    );
    expect(Math.abs(error)).toBeLessThanOrEqual(TOLERANCE_MS);
  });

  it('auto-repeat during a long hold does not split the turn', async () => {
    // Xvfb repeats after 660 ms at 25/s: 1.5 s of holding sends ~20 repeated key-downs.
    const { starts, ends } = await turnsFor('F9', 'hold', () =>
      xvfb.xdotool('keydown', X.F9, 'sleep', '1.5', 'keyup', X.F9),
    );
    expect(starts).toHaveLength(1);
    expect(ends).toHaveLength(1);
    console.log(`F9 with auto-repeat: held 1500 ms, measured ${ends[0]!.talkedMs!.toFixed(1)} ms`);
    expect(Math.abs(ends[0]!.talkedMs! - 1_500)).toBeLessThanOrEqual(TOLERANCE_MS);
  });

  it('releasing either key of a combination ends the turn', async () => {
    const { ends } = await turnsFor('Ctrl+Space', 'hold', () =>
      xvfb.xdotool(
        'keydown',
        X.ControlL,
        'keydown',
        X.space,
        'sleep',
        '0.3',
        'keyup',
        X.ControlL,
        'sleep',
        '0.3',
        'keyup',
        X.space,
      ),
    );
    expect(ends).toHaveLength(1);
    expect(Math.abs(ends[0]!.talkedMs! - 300)).toBeLessThanOrEqual(TOLERANCE_MS);
  });

  it('modifier-only combination Ctrl+Shift', async () => {
    const { ends } = await turnsFor('Ctrl+Shift', 'hold', () =>
      xvfb.xdotool(
        'keydown',
        X.ControlL,
        'keydown',
        X.ShiftL,
        'sleep',
        '0.5',
        'keyup',
        X.ShiftL,
        'keyup',
        X.ControlL,
      ),
    );
    expect(ends).toHaveLength(1);
    expect(Math.abs(ends[0]!.talkedMs! - 500)).toBeLessThanOrEqual(TOLERANCE_MS);
  });

  it('tap-or-hold: a real tap latches talking, the next tap ends it', async () => {
    const { starts, ends } = await turnsFor('F9', 'tap-or-hold', async () => {
      await xvfb.xdotool('keydown', X.F9, 'sleep', '0.1', 'keyup', X.F9);
      await new Promise((r) => setTimeout(r, 400));
      await xvfb.xdotool('keydown', X.F9, 'sleep', '0.1', 'keyup', X.F9);
    });
    expect(starts).toHaveLength(1);
    expect(ends.map((e) => e.reason)).toEqual(['toggle']);
  });

  it('other keys do not trigger, and RightCtrl ignores the left Ctrl', async () => {
    const { starts } = await turnsFor('RightCtrl', 'hold', () =>
      xvfb.xdotool('keydown', X.ControlL, 'keydown', X.c, 'keyup', X.c, 'keyup', X.ControlL, 'key', X.F9),
    );
    expect(starts).toEqual([]);
  });

  it('dispose() releases the hook thread: the process exits by itself once its input closes', async () => {
    const exited = new Promise<number | null>((resolve) => driver.once('exit', (code) => resolve(code)));
    driver.stdin.end();
    await next('disposed');
    const code = await Promise.race([
      exited,
      new Promise<string>((r) => setTimeout(() => r('still running'), 5_000)),
    ]);
    expect(code).toBe(0);
  });
});
