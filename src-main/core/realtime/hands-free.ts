// Hands-free listening: with a profile whose turn detection is server or semantic VAD, listening on means the
// microphone streams continuously (user-turns.ts) and the server detects the turns and starts the responses.
// This part decides when listening may run and when it stops (mute, a push-to-talk profile, the server's idle
// timeout, the session's end), tracks whether the server hears the user, and turns the server hearing the
// user over the assistant into a barge-in: the speaker stops at once and the item is cut at what was heard.
import type { WireFormat } from '../audio/types';
import type { HeardCut } from './playback';
import type { ServerEvent } from './protocol';
import { turnDetectionOf } from './session-payload';
import type { UserTurns } from './user-turns';

export interface HandsFreeDeps {
  turns: Pick<UserTurns, 'isListening' | 'isMuted' | 'listen' | 'stopListening' | 'hearsSpeech'>;
  /** The session the profile asks for, and the one the server runs (its interrupt_response counts). */
  profileSession(): unknown;
  effectiveSession(): unknown;
  inputFormat(): WireFormat;
}

export interface HandsFreeHooks {
  notice(message: string | undefined): void;
  /** Listening started: the session is wanted now, and an old error is cleared. */
  started(): void;
  /** The assistant is audible (playing, or audio still arriving). */
  audible(): boolean;
  /** Stop the assistant; the server cancels the response itself. Returns the cut of what was heard. */
  interruptForServer(): HeardCut | undefined;
  bargedIn(cut: { heardMs?: number; receivedMs?: number }): void;
}

export class HandsFree {
  constructor(
    private readonly deps: HandsFreeDeps,
    private readonly hooks: HandsFreeHooks,
  ) {}

  /** The profile detects turns by voice, so it can listen hands-free. */
  available(): boolean {
    return !!turnDetectionOf(this.deps.profileSession());
  }

  /** Listening on (refused with a notice when muted or on a push-to-talk profile) or off. */
  set(on: boolean): void {
    const { turns } = this.deps;
    if (!on) return turns.stopListening();
    if (turns.isMuted()) return this.hooks.notice('microphone muted');
    if (!this.available())
      return this.hooks.notice('this profile uses push-to-talk: hold the talk key while you speak');
    this.hooks.notice(undefined);
    turns.listen(this.deps.inputFormat());
    this.hooks.started();
  }

  /** The profile changed: a new input format opens the device again; push-to-talk stops listening. */
  followProfile(): void {
    const { turns } = this.deps;
    if (!turns.isListening()) return;
    if (this.available()) return turns.listen(this.deps.inputFormat());
    turns.stopListening();
    this.hooks.notice('stopped listening: this profile uses push-to-talk');
  }

  /** Handles the input buffer's VAD events; false for any other event. */
  handle(event: ServerEvent): boolean {
    switch (event.type) {
      case 'input_audio_buffer.speech_started':
        this.deps.turns.hearsSpeech(true);
        if (this.hooks.audible()) this.bargeIn();
        return true;
      case 'input_audio_buffer.speech_stopped':
        this.deps.turns.hearsSpeech(false);
        return true;
      case 'input_audio_buffer.timeout_triggered':
        // The profile's idle_timeout_ms: nobody spoke for that long, so listening stops (the server answers).
        this.deps.turns.stopListening();
        this.hooks.notice('stopped listening: nothing was said for a while');
        return true;
      default:
        return false;
    }
  }

  /** With interrupt_response on (the default) the server cancels the response itself; off, nothing is cut. */
  private bargeIn(): void {
    const vad = turnDetectionOf(this.deps.effectiveSession()) as { interrupt_response?: boolean } | null;
    if (vad?.interrupt_response === false) return;
    const cut = this.hooks.interruptForServer();
    this.hooks.bargedIn(cut ? { heardMs: cut.heardMs, receivedMs: cut.receivedMs } : {});
  }
}
