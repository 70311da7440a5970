// Updates as a core service: checks at start and daily (unless turned off), downloads a newer version in
// the background, and installs it when the user says "Restart to update" — at once between turns, or as
// soon as the turn going on ends. The shell supplies the backend (electron-updater in the desktop app);
// every decision is made here (update-policy.ts) and announced as `updateState`.
import type { SessionStatus, UpdateState } from '../../../src-preload/contract';
import type { EventBus } from '../ipc/event-bus';
import { CommandError } from '../ipc/command-error';
import { judgeOffer, mayInstallNow, nextCheckDelay } from './update-policy';

/** What the shell's updater does when asked; it decides nothing. */
export interface UpdateBackend {
  /**
   * Asks the update feed for its newest version (the feed's `latest*.yml`). Undefined: this installation
   * cannot update itself after all (electron-updater is inactive, e.g. an AppImage run unpacked).
   */
  check(): Promise<unknown>;
  /** Downloads the version the last check offered, verifying it; progress in percent. */
  download(onProgress: (percent: number) => void): Promise<void>;
  /** Quits the app, installs the download and starts the new version. */
  install(): void;
}

/** A timer the service can be tested with: returns its cancel. */
export type ScheduleTimer = (run: () => void, ms: number) => () => void;

export interface UpdateServiceOptions {
  events: EventBus;
  currentVersion: string;
  /** Undefined: this shell does not update itself, for `unsupportedReason`. */
  backend?: UpdateBackend;
  unsupportedReason?: string;
  autoCheck: () => boolean;
  sessionStatus: () => SessionStatus;
  log?: (message: string, error?: unknown) => void;
  now?: () => number;
  timer?: ScheduleTimer;
}

const realTimer: ScheduleTimer = (run, ms) => {
  const handle = setTimeout(run, ms);
  handle.unref();
  return () => clearTimeout(handle);
};

/** An updater's error as one line for the window (electron-updater's carry stacks and whole responses). */
const oneLine = (error: unknown): string => {
  const text = error instanceof Error ? error.message : String(error);
  const first = text.split('\n', 1)[0]?.trim() || 'unknown error';
  return first.length > 300 ? `${first.slice(0, 299)}…` : first;
};

export function createUpdateService(options: UpdateServiceOptions) {
  const now = options.now ?? Date.now;
  const timer = options.timer ?? realTimer;
  const log = options.log ?? (() => {});
  const { backend } = options;
  let state: UpdateState = backend
    ? {
        status: 'idle',
        currentVersion: options.currentVersion,
        autoCheck: options.autoCheck(),
        restartPending: false,
      }
    : {
        status: 'unsupported',
        currentVersion: options.currentVersion,
        autoCheck: options.autoCheck(),
        restartPending: false,
        message: options.unsupportedReason ?? 'This version of the app does not update itself.',
      };
  let last: { at: number; failed: boolean } | undefined;
  let cancelTimer: (() => void) | undefined;
  let checking: Promise<void> | undefined;
  let disposed = false;

  const set = (next: Partial<UpdateState>, drop: (keyof UpdateState)[] = []) => {
    const merged: Record<string, unknown> = { ...state, ...next };
    for (const key of drop) delete merged[key];
    state = merged as UpdateState;
    options.events.emit('updateState', state);
  };

  const schedule = () => {
    cancelTimer?.();
    cancelTimer = undefined;
    if (!backend || disposed || !options.autoCheck()) return;
    if (state.status === 'downloading' || state.status === 'ready' || state.status === 'unsupported') return;
    cancelTimer = timer(
      () => {
        cancelTimer = undefined;
        void check().finally(schedule);
      },
      nextCheckDelay(last, now()),
    );
  };

  const download = async (version: string) => {
    set({ status: 'downloading', version, progress: 0 }, ['message']);
    try {
      await backend!.download((percent) => {
        const progress = Math.max(0, Math.min(100, Math.round(percent)));
        if (state.status === 'downloading' && progress !== state.progress) set({ progress });
      });
      set({ status: 'ready' }, ['progress']);
    } catch (error) {
      log('update: the download failed', error);
      last = { at: now(), failed: true };
      set({ status: 'error', message: `The download of ${version} failed: ${oneLine(error)}` }, [
        'progress',
        'version',
      ]);
      schedule();
    }
  };

  const runCheck = async () => {
    set({ status: 'checking' }, ['message']);
    let offer: unknown;
    try {
      offer = await backend!.check();
    } catch (error) {
      log('update: the check failed', error);
      last = { at: now(), failed: true };
      set({ status: 'error', message: `Could not check for updates: ${oneLine(error)}` });
      return;
    }
    last = { at: now(), failed: false };
    const checkedAt = new Date(last.at).toISOString();
    if (offer === undefined || offer === null) {
      // electron-updater answers nothing when it is inactive here (not an installed build).
      set({ status: 'unsupported', checkedAt, message: 'This installation cannot update itself.' });
      return;
    }
    const verdict = judgeOffer(offer, options.currentVersion);
    if (verdict.kind === 'invalid') {
      last = { at: last.at, failed: true };
      set({ status: 'error', checkedAt, message: `The update feed is not usable: ${verdict.reason}` });
      return;
    }
    if (verdict.kind === 'not-newer') {
      set({ status: 'up-to-date', checkedAt }, ['version']);
      return;
    }
    set({ checkedAt });
    // In the background: the command that asked for the check answers now, the window follows the events.
    void download(verdict.version);
  };

  const check = (): Promise<void> => {
    if (!backend || disposed) return Promise.resolve();
    if (state.status === 'downloading' || state.status === 'ready') return Promise.resolve();
    checking ??= runCheck().finally(() => (checking = undefined));
    return checking;
  };

  const install = () => {
    set({ restartPending: false });
    try {
      backend!.install();
    } catch (error) {
      log('update: installing failed', error);
      set({ status: 'error', message: `The update could not be installed: ${oneLine(error)}` }, ['version']);
    }
  };

  return {
    state: (): UpdateState => state,
    /** Schedules the first automatic check (soon after start) when checks are on. */
    start: schedule,
    /** The user's "Check now": runs whatever the setting; answers once the feed has answered. */
    async checkNow(): Promise<UpdateState> {
      if (!backend) throw new CommandError('unavailable', state.message ?? 'Updates are not available here.');
      await check();
      schedule();
      return state;
    },
    /** The setting changed: checks stop, or resume (the first one soon if none ran yet). */
    setAutoCheck(on: boolean) {
      if (state.autoCheck !== on) set({ autoCheck: on });
      schedule();
    },
    /** "Restart to update": now between turns, else as soon as the turn going on ends. */
    restart(): UpdateState {
      if (state.status !== 'ready') throw new CommandError('conflict', 'No update is ready to install.');
      if (mayInstallNow(options.sessionStatus())) install();
      else if (!state.restartPending) set({ restartPending: true });
      return state;
    },
    /** The session's status changed: a restart that waited for the turn to end goes now. */
    sessionChanged(status: SessionStatus) {
      if (state.restartPending && state.status === 'ready' && mayInstallNow(status)) install();
    },
    dispose() {
      disposed = true;
      cancelTimer?.();
      cancelTimer = undefined;
    },
  };
}
export type UpdateService = ReturnType<typeof createUpdateService>;
