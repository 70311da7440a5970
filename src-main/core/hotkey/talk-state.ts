// The push-to-talk state machine. Pure: it sees fresh presses and releases of the talk key (repeats are
// already filtered by the backend) plus explicit toggles, and decides when a turn starts and ends.
// Timers come from the global setTimeout so tests can use fake timers.

export type PttMode = 'hold' | 'toggle' | 'tap-or-hold';

/** Why a turn ended; the realtime engine commits on all of them (the user stopped talking one way or another). */
export type TalkEndReason = 'release' | 'toggle' | 'safety-timeout' | 'external' | 'disposed';
/** 'window': the window's talk button or Space, held like a key whatever the mode. */
export type TalkTrigger = 'hotkey' | 'toggle' | 'window';

export interface TalkStart {
  at: number;
  trigger: TalkTrigger;
}
export interface TalkEnd {
  at: number;
  reason: TalkEndReason;
  /** How long the microphone was open. */
  talkedMs: number;
}

/**
 * tap-or-hold: a press shorter than this is a tap and latches talking on until the next press; a longer
 * one is push-to-talk. 300 ms sits above a deliberate tap (~100-200 ms) and well below any sentence.
 */
export const TAP_THRESHOLD_MS = 300;
export const DEFAULT_SAFETY_TIMEOUT_MS = 120_000;

export interface TalkStateOptions {
  mode: PttMode;
  /** A function is read at each turn's start, so a long-lived machine follows the setting. */
  safetyTimeoutMs?: number | (() => number);
  tapThresholdMs?: number;
  onTalkStart: (start: TalkStart) => void;
  onTalkEnd: (end: TalkEnd) => void;
  now?: () => number;
}

export interface TalkStateMachine {
  press(at?: number): void;
  release(at?: number): void;
  /** Start if idle, end if talking: --toggle-talk, a UI button. */
  toggle(at?: number): void;
  /** End a turn from outside (session dropped, app hidden). No-op when idle. */
  end(reason?: TalkEndReason): void;
  isTalking(): boolean;
  dispose(): void;
}

// idle: microphone closed. held: opened by a press that has not been released yet. latched: talking with
// no key held (toggle, a tap, --toggle-talk). stopping: a press ended the turn; its release must not count.
type State = 'idle' | 'held' | 'latched' | 'stopping';

export function createTalkStateMachine(options: TalkStateOptions): TalkStateMachine {
  const now = options.now ?? (() => performance.now());
  const safetyMs = () =>
    (typeof options.safetyTimeoutMs === 'function' ? options.safetyTimeoutMs() : options.safetyTimeoutMs) ??
    DEFAULT_SAFETY_TIMEOUT_MS;
  const tapMs = options.tapThresholdMs ?? TAP_THRESHOLD_MS;
  let state: State = 'idle';
  let startedAt = 0;
  let safetyTimer: ReturnType<typeof setTimeout> | undefined;
  let disposed = false;

  const start = (at: number, trigger: TalkTrigger, next: State) => {
    state = next;
    startedAt = at;
    // Whatever happens to key-ups (screen lock, focus change, a crashed hook), the mic closes by itself.
    safetyTimer = setTimeout(() => finish(now(), 'safety-timeout', 'idle'), safetyMs());
    options.onTalkStart({ at, trigger });
  };
  const finish = (at: number, reason: TalkEndReason, next: State) => {
    clearTimeout(safetyTimer);
    safetyTimer = undefined;
    state = next;
    options.onTalkEnd({ at, reason, talkedMs: Math.max(0, at - startedAt) });
  };

  return {
    press(at = now()) {
      if (disposed) return;
      switch (state) {
        case 'idle':
        case 'stopping': // a release went missing after a stopping press: this press is new
          start(at, 'hotkey', options.mode === 'toggle' ? 'latched' : 'held');
          return;
        case 'latched':
          finish(at, 'toggle', 'stopping');
          return;
        case 'held':
          // A second fresh press without a release: the release was lost. Hold mode ends the turn rather
          // than risk talking on; the next press starts a new one.
          finish(at, options.mode === 'hold' ? 'release' : 'toggle', 'stopping');
          return;
      }
    },
    release(at = now()) {
      if (disposed) return;
      if (state === 'stopping') state = 'idle';
      else if (state === 'held') {
        if (options.mode === 'tap-or-hold' && at - startedAt < tapMs) state = 'latched';
        else finish(at, 'release', 'idle');
      }
      // idle (the safety timeout already ended it) and latched (toggle mode) ignore releases.
    },
    toggle(at = now()) {
      if (disposed) return;
      if (state === 'held' || state === 'latched') finish(at, 'toggle', 'idle');
      else start(at, 'toggle', 'latched');
    },
    end(reason = 'external') {
      if (state === 'held' || state === 'latched') finish(now(), reason, 'idle');
    },
    isTalking: () => state === 'held' || state === 'latched',
    dispose() {
      if (disposed) return;
      if (state === 'held' || state === 'latched') finish(now(), 'disposed', 'idle');
      disposed = true;
    },
  };
}
