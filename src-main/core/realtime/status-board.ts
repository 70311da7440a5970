// What the user sees of the session: one status derived from a few facts the parts report, the notice of the
// moment (connecting, reconnecting in 2 s, too short…) and the error that stays until the user acts again.
import type { SessionState } from '../../../src-preload/contract';

export interface StatusFacts {
  /** The talk key is down. */
  holding: boolean;
  /** Hands-free listening is on (the microphone streams, the server takes the turns). */
  listening?: boolean;
  /** … and the server hears the user speaking now (between speech_started and speech_stopped). */
  userSpeaking?: boolean;
  /** The microphone of the held turn or of listening delivers no audio yet (the user should wait to speak). */
  micOpening?: boolean;
  /** A session is wanted (connecting, open, or reconnecting). */
  linkActive: boolean;
  /** The server holds the profile. */
  confirmed: boolean;
  /** The speaker is playing, or reply audio is still arriving. */
  audible: boolean;
  /** A response, a user turn, input owed an answer, or a tool call is under way. */
  busy: boolean;
}

/** Shown with the status. */
export interface StatusIdentity {
  muted: boolean;
  conversationId: string;
  profileId?: string;
  /** The profile detects turns by voice (VAD): the talk key and the Listen toggle switch listening. */
  handsFree?: boolean;
}

export function deriveStatus(facts: StatusFacts, hasError: boolean): SessionState['status'] {
  if (hasError && !facts.holding) return 'error';
  if (facts.holding) return facts.micOpening ? 'opening' : 'listening';
  if (!facts.linkActive) return 'disconnected';
  if (!facts.confirmed) return 'connecting';
  if (facts.listening && facts.userSpeaking) return 'hearing';
  if (facts.audible) return 'speaking';
  if (facts.busy) return 'thinking';
  if (facts.listening) return facts.micOpening ? 'opening' : 'listening';
  return 'ready';
}

export class StatusBoard {
  private notice: string | undefined;
  private error: string | undefined;
  private canRetry = false;
  private state: SessionState = { status: 'disconnected', muted: false };

  /** `changed` gets every new state, once per change. */
  constructor(private readonly changed: (state: SessionState) => void) {}

  current(): SessionState {
    return { ...this.state };
  }

  setNotice(message: string | undefined): void {
    this.notice = message;
  }

  /**
   * An error stays shown until cleared (the user starts a turn, sends text, retries or connects again).
   * `canRetry`: the window offers the Retry action (a failed answer).
   */
  setError(message: string | undefined, { canRetry = false } = {}): void {
    this.error = message;
    this.canRetry = !!message && canRetry;
  }

  publish(facts: StatusFacts & StatusIdentity): void {
    const status = deriveStatus(facts, !!this.error);
    const identity: StatusIdentity = facts;
    const message = status === 'error' ? this.error : this.notice;
    const next: SessionState = {
      status,
      muted: identity.muted,
      conversationId: identity.conversationId,
      ...(message ? { message } : {}),
      ...(status === 'error' && this.canRetry ? { canRetry: true } : {}),
      ...(identity.profileId ? { profileId: identity.profileId } : {}),
      ...(facts.listening ? { listening: true } : {}),
      ...(identity.handsFree ? { handsFree: true } : {}),
    };
    const prev = this.state;
    if (
      next.status === prev.status &&
      next.message === prev.message &&
      next.muted === prev.muted &&
      next.canRetry === prev.canRetry &&
      next.conversationId === prev.conversationId &&
      next.profileId === prev.profileId &&
      next.listening === prev.listening &&
      next.handsFree === prev.handsFree
    )
      return;
    this.state = next;
    this.changed({ ...next });
  }
}
