// The profile the session runs, and what a change of it takes on a live session: nothing, one session.update
// with only what changed, or a new session (the model, or the voice once the assistant has spoken, cannot
// change live). Callers of a live change wait until the server confirms it.
import type { GaSession, ProfileDocument } from '../../../src-preload/contract';
import type { WireFormat } from '../audio/types';
import {
  diffSession,
  effectiveModel,
  inputFormatOf,
  newSessionReason,
  outputFormatOf,
} from './session-payload';
import type { LinkTarget } from './session-link';

export type ProfileChange =
  { kind: 'none' } | { kind: 'update'; patch: GaSession } | { kind: 'new-session'; reason: string };

export class LiveProfile {
  private waiters: (() => void)[] = [];

  constructor(
    private profile: ProfileDocument,
    /** The saved profile's id, shown in the session state. */
    public id: string | undefined,
    /** The model for profiles whose model is empty (the settings' default). */
    private readonly defaultModel: () => string,
  ) {}

  target(): LinkTarget {
    return { model: effectiveModel(this.profile, this.defaultModel()), session: this.profile.session };
  }
  inputFormat(): WireFormat {
    return inputFormatOf(this.profile.session);
  }
  outputFormat(): WireFormat {
    return outputFormatOf(this.profile.session);
  }

  /** Takes the new profile; says what a live session needs to follow it. */
  change(profile: ProfileDocument, id: string | undefined, assistantHasSpoken: boolean): ProfileChange {
    const before = this.target();
    this.profile = profile;
    if (id !== undefined) this.id = id;
    const after = this.target();
    const reason = newSessionReason(before, after, assistantHasSpoken);
    if (reason) return { kind: 'new-session', reason };
    const patch = diffSession(before.session, after.session);
    return patch ? { kind: 'update', patch } : { kind: 'none' };
  }

  /** Resolves at the next confirmation (or when the session ends or fails: nothing more will come). */
  whenConfirmed(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }
  confirmed(): void {
    for (const resolve of this.waiters.splice(0)) resolve();
  }
}
