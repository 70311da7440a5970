// What a process does with an error nothing caught: an exception thrown from a callback, a rejected promise
// nobody awaited. Node's default ends the process, and Electron's shows a raw dialog: either way the user
// loses the conversation over one bug in one event handler. Here every such fault is logged with its stack,
// the user is told once (a notice, the way the core tells them anything), and the process keeps running.
// Only a storm of faults (a handler failing in a loop) ends it, and never silently: the reason is logged
// first. The shells only wire `process.on(...)` to the two handlers.
import type { Notice } from '../../../src-preload/contract';

/** This many faults within STORM_WINDOW_MS mean the process is failing in a loop: it exits. */
export const STORM_FAULTS = 50;
export const STORM_WINDOW_MS = 10_000;
/** Distinct faults shown as notices per run; later ones are logged only (the notices list is for people). */
export const FAULT_NOTICES = 3;
/** EX_SOFTWARE (sysexits.h): an internal software error. */
export const FAULT_EXIT_CODE = 70;

export interface FaultGuardOptions {
  /** Where the stack goes (stderr). Must not throw; a failure here is swallowed. */
  log: (message: string, error?: unknown) => void;
  /** Ends the process after a storm (process.exit, app.exit). */
  exit: (code: number) => void;
  now?: () => number;
}

export interface FaultGuard {
  uncaughtException(error: unknown): void;
  unhandledRejection(reason: unknown): void;
  /** Where notices go once the core (or the shell's output) exists; faults raised before it are shown then. */
  attach(notify: (notice: Notice) => void): void;
}

const describe = (fault: unknown): string => {
  if (fault instanceof Error) return fault.message || fault.name;
  try {
    return typeof fault === 'string' ? fault : (JSON.stringify(fault) ?? String(fault));
  } catch {
    return String(fault);
  }
};

export function createFaultGuard(options: FaultGuardOptions): FaultGuard {
  const now = options.now ?? Date.now;
  let notify: ((notice: Notice) => void) | undefined;
  const waiting: Notice[] = [];
  const shown = new Set<string>();
  let recent: number[] = [];
  let exiting = false;

  const safely = (action: () => void) => {
    try {
      action();
    } catch {
      // Reporting a fault must never raise another (a closed stderr, a notice listener that throws).
    }
  };

  const tell = (notice: Notice) => {
    if (notify) safely(() => notify?.(notice));
    else waiting.push(notice);
  };

  const handle = (kind: string, fault: unknown) => {
    if (exiting) return;
    safely(() => options.log(`${kind} (the app keeps running)`, fault));
    const at = now();
    recent = [...recent.filter((t) => at - t < STORM_WINDOW_MS), at];
    if (recent.length >= STORM_FAULTS) {
      exiting = true;
      safely(() =>
        options.log(
          `${recent.length} internal errors within ${STORM_WINDOW_MS / 1000} s: the app is failing in a loop and quits`,
        ),
      );
      options.exit(FAULT_EXIT_CODE);
      return;
    }
    const message = describe(fault).slice(0, 500);
    if (shown.has(message) || shown.size >= FAULT_NOTICES) return;
    shown.add(message);
    tell({
      level: 'error',
      message: `An internal error was caught and the app keeps running: ${message}. If something stops working, restart the app.`,
    });
  };

  return {
    uncaughtException: (error) => handle('uncaught exception', error),
    unhandledRejection: (reason) => handle('unhandled promise rejection', reason),
    attach(next) {
      notify = next;
      for (const notice of waiting.splice(0)) tell(notice);
    },
  };
}
