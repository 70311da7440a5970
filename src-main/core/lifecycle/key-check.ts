// The setup's "press it now": the push-to-talk key is tried without starting a conversation turn. The
// hotkey service still reports the press and the release (talkState, the badge, the start earcon), which is
// what the user wants to see; the session in between is gated, so no microphone opens, nothing is sent and
// no API key is needed. It switches itself off after a while, so a setup left open never disables the key.
import type { SessionState } from '../../../src-preload/contract';

export const KEY_CHECK_LIMIT_MS = 120_000;

/** The part of the session service the talk link uses (core/app/talk-session.ts). */
export interface TalkTarget {
  talkStart(): SessionState;
  talkEnd(): SessionState;
  getState(): SessionState;
}

export function createKeyCheck(options: { limitMs?: number; onChange?: (on: boolean) => void } = {}) {
  let on = false;
  /** A press taken by the check: its release is the check's too, even if the check ended meanwhile. */
  let held = false;
  let timer: NodeJS.Timeout | undefined;

  const set = (next: boolean): { on: boolean } => {
    clearTimeout(timer);
    timer = undefined;
    if (next) {
      timer = setTimeout(() => set(false), options.limitMs ?? KEY_CHECK_LIMIT_MS);
      timer.unref();
    }
    if (next !== on) {
      on = next;
      options.onChange?.(on);
    }
    return { on };
  };

  return {
    set,
    isOn: () => on,
    /**
     * The session as the talk link sees it. While a checked press is held the session reads as listening,
     * so the link neither ends the "turn" as dropped nor withholds the start earcon.
     */
    gate(session: TalkTarget): TalkTarget {
      const getState = (): SessionState =>
        held ? { ...session.getState(), status: 'listening' } : session.getState();
      return {
        talkStart() {
          if (!on) return session.talkStart();
          held = true;
          return getState();
        },
        talkEnd() {
          if (!held) return session.talkEnd();
          held = false;
          return session.getState();
        },
        getState,
      };
    },
    dispose: () => {
      clearTimeout(timer);
      timer = undefined;
    },
  };
}
export type KeyCheck = ReturnType<typeof createKeyCheck>;
