// The process-wide fault handlers' logic (core/app/fault-guard.ts): logged, told once, kept running, and a
// storm ends the process with its reason logged. The shells' wiring is covered by the Electron boot test.
import { describe, expect, it } from 'vitest';
import type { Notice } from '../../src-preload/contract';
import {
  createFaultGuard,
  FAULT_EXIT_CODE,
  FAULT_NOTICES,
  STORM_FAULTS,
  STORM_WINDOW_MS,
} from '../../src-main/core/app/fault-guard';

function harness() {
  const logs: string[] = [];
  const notices: Notice[] = [];
  const exits: number[] = [];
  let clock = 0;
  const guard = createFaultGuard({
    log: (message, error) => logs.push(`${message} ${error instanceof Error ? error.stack : String(error)}`),
    exit: (code) => exits.push(code),
    now: () => clock,
  });
  return { guard, logs, notices, exits, advance: (ms: number) => void (clock += ms) };
}

describe('fault guard', () => {
  it('logs every fault with its stack and tells the user once per distinct fault', () => {
    const { guard, logs, notices, exits } = harness();
    guard.attach((notice) => notices.push(notice));
    guard.uncaughtException(new TypeError("Cannot read properties of undefined (reading 'id')"));
    guard.uncaughtException(new TypeError("Cannot read properties of undefined (reading 'id')"));
    guard.unhandledRejection('socket hang up');
    expect(logs).toHaveLength(3);
    expect(logs[0]).toMatch(/^uncaught exception .*TypeError: Cannot read properties/s);
    expect(logs[2]).toMatch(/^unhandled promise rejection \(the app keeps running\) socket hang up$/);
    expect(notices).toEqual([
      {
        level: 'error',
        message: expect.stringMatching(
          /keeps running: Cannot read properties of undefined \(reading 'id'\)\./,
        ),
      },
      { level: 'error', message: expect.stringMatching(/keeps running: socket hang up\./) },
    ]);
    expect(exits).toEqual([]);
  });

  it('shows faults raised before the core existed once it is attached', () => {
    const { guard, notices } = harness();
    guard.unhandledRejection(new Error('early'));
    expect(notices).toEqual([]);
    guard.attach((notice) => notices.push(notice));
    expect(notices.map((n) => n.message)).toEqual([expect.stringContaining('early')]);
  });

  it('stops adding notices after a few distinct faults (they are still logged)', () => {
    const { guard, notices, logs, advance } = harness();
    guard.attach((notice) => notices.push(notice));
    for (let i = 0; i < 10; i++) {
      guard.uncaughtException(new Error(`fault ${i}`));
      advance(STORM_WINDOW_MS); // spread out: no storm
    }
    expect(notices).toHaveLength(FAULT_NOTICES);
    expect(logs).toHaveLength(10);
  });

  it('a storm of faults ends the process, saying why first; slower faults never do', () => {
    const slow = harness();
    for (let i = 0; i < STORM_FAULTS * 3; i++) {
      slow.guard.uncaughtException(new Error('again'));
      slow.advance(STORM_WINDOW_MS / (STORM_FAULTS - 2));
    }
    expect(slow.exits).toEqual([]);

    const storm = harness();
    for (let i = 0; i < STORM_FAULTS + 5; i++) storm.guard.uncaughtException(new Error('again'));
    expect(storm.exits).toEqual([FAULT_EXIT_CODE]);
    expect(storm.logs.at(-1)).toMatch(/failing in a loop and quits/);
    expect(storm.logs).toHaveLength(STORM_FAULTS + 1); // nothing more once exiting
  });

  it('a failing log or notice never raises another fault', () => {
    const guard = createFaultGuard({
      log: () => {
        throw new Error('EPIPE');
      },
      exit: () => {},
    });
    guard.attach(() => {
      throw new Error('listener broke');
    });
    expect(() => guard.uncaughtException(new Error('x'))).not.toThrow();
    expect(() => guard.unhandledRejection({ circular: globalThis })).not.toThrow();
  });
});
