// The Realtime session engine: one conversation with a Realtime server (GA interface). The coordinator: it
// builds the parts (one job each, README "The realtime engine"), routes the link's server events to them and
// keeps the public API. Plain Node: no Electron.
import { EventEmitter } from 'node:events';
import { HandsFree } from './hands-free';
import type { ProfileDocument, SessionState, TranscriptItem } from '../../../src-preload/contract';
import { AssistantReply } from './assistant-reply';
import { linkOptions, resolve, type EngineEvents, type RealtimeEngineOptions } from './engine-types';
import { describeServerError } from './errors';
import { LiveProfile } from './live-profile';
import { logEntry, skippedEntry } from './event-log';
import type { ServerEvent, ServerEventOf } from './protocol';
import { transcriptionOn } from './session-payload';
import { ServerSession } from './server-session';
import { SessionLink } from './session-link';
import { StatusBoard } from './status-board';
import { Transcript } from './transcript';
import { TranscriptFeed } from './transcript-feed';
import { transcriptImageOf, TurnImages } from './turn-images';
import { UserTurns } from './user-turns';

export type { AudioFactory, EngineEvents, RealtimeEngineOptions, TurnResult } from './engine-types';

export class RealtimeEngine extends EventEmitter<EngineEvents> {
  /** Frames skipped: not JSON, an unknown type, fields that break the schema, bad base64 audio. */
  readonly skipped = { notJson: 0, unknown: 0, invalid: 0, badAudio: 0 };
  private readonly profile: LiveProfile;
  private readonly link: SessionLink;
  private readonly transcript = new Transcript(
    (item) => this.emit('transcript', item),
    (append) => this.emit('transcriptAppend', append),
  );
  private readonly feed = new TranscriptFeed(this.transcript, (id) => this.reply.isCut(id));
  private readonly status = new StatusBoard((state) => this.emit('state', state));
  private readonly reply: AssistantReply;
  private readonly turns: UserTurns;
  /** Images attached to the next turn: they go with it (turn-images.ts wraps the turns' wire). */
  readonly images = new TurnImages(() => this.link.effective);
  private readonly life: ServerSession;
  private readonly handsFree: HandsFree;

  constructor(options: RealtimeEngineOptions) {
    super();
    const warn = (message: string) => this.emit('warning', message);
    this.profile = new LiveProfile(options.profile, options.profileId, () => resolve(options.defaultModel));
    this.link = new SessionLink(this.profile.target(), linkOptions(options), {
      onConfirmed: (session, fresh) => this.life.confirmed(session, fresh),
      onEvent: (event) => this.onServerEvent(event),
      // The event-log panel: built only while someone listens.
      onSent: (event) => this.listenerCount('log') && this.emit('log', logEntry('client', event)),
      onReceived: (event) => this.listenerCount('log') && this.emit('log', logEntry('server', event)),
      onBadFrame: (kind, detail) => {
        this.skipped[kind === 'not-json' ? 'notJson' : kind]++;
        if (this.listenerCount('log')) this.emit('log', skippedEntry(kind, detail));
      },
      onLost: (reason, retryInMs) => this.life.lost(reason, retryInMs),
      onFatal: (fault) => this.fail(fault.message),
      onWarning: warn,
      onConnecting: (message) => this.setNotice(message),
      onRenewDue: () => this.life.renewSoon(),
    });
    this.reply = new AssistantReply(
      { ...options, wire: this.link, transcript: this.transcript, feed: this.feed },
      {
        turnDone: (result, answered) => this.turns.settle(result, answered),
        playedOut: () => this.life.renewIfIdle(),
        changed: () => this.refresh(),
        warn,
        outputFormat: () => this.profile.outputFormat(),
        badAudio: () => void this.skipped.badAudio++,
        notice: (message) => this.setNotice(message),
        failed: (message) => this.status.setError(message, { canRetry: true }),
      },
    );
    this.turns = new UserTurns(this.images.wrap(this.link), options, {
      requestResponse: () => this.reply.request(),
      turnDone: (result) => this.emit('turnDone', result),
      notice: (message) => this.setNotice(message),
      warn,
      micFailed: (message) => this.fail(message),
      changed: () => this.refresh(),
      effectiveSession: () => this.link.effective,
    });
    this.images.on('sent', (images, text) => this.feed.imagesSent(images.map(transcriptImageOf), text));
    this.handsFree = new HandsFree(
      {
        turns: this.turns,
        profileSession: () => this.profile.target().session,
        effectiveSession: () => this.link.effective,
        inputFormat: () => this.profile.inputFormat(),
      },
      {
        notice: (message) => this.status.setNotice(message),
        started: () => {
          this.status.setError(undefined);
          this.link.connect();
          this.reply.prepareSpeaker();
        },
        audible: () => this.reply.audible(),
        interruptForServer: () => this.reply.interrupt(true),
        bargedIn: (cut) => this.emit('bargeIn', cut),
      },
    );
    const { link, profile, reply, feed, turns } = this;
    this.life = new ServerSession(
      { link, profile, reply, feed, turns },
      {
        notice: (message) => this.setNotice(message),
        ready: (session) => this.emit('ready', session),
        changed: () => this.refresh(),
      },
    );
  }

  // ————— public API (what the session commands and the shells call) —————

  getState(): SessionState {
    return this.status.current();
  }
  getTranscript(): TranscriptItem[] {
    return this.transcript.list();
  }
  /** The effective session the server last reported. */
  get serverSession(): Record<string, unknown> | undefined {
    return this.link.effective;
  }

  /** Opens the session now (otherwise the first key-down or message does). */
  connect(): void {
    this.status.setError(undefined);
    this.link.connect();
    this.refresh();
  }

  /**
   * Applies a profile. Not connected: used at the next connect. Live: ONE session.update with only what
   * changed (confirmed like at connect); a change the server cannot apply live (model, or voice after the
   * assistant has spoken) starts a new session that keeps the conversation.
   */
  applyProfile(profile: ProfileDocument, profileId?: string): Promise<void> {
    const change = this.profile.change(profile, profileId, this.reply.hasSpoken());
    const target = this.profile.target();
    const live = this.link.isActive();
    if (!live) this.link.update(target, target.session);
    else if (change.kind === 'update') this.link.update(target, change.patch);
    else if (change.kind === 'new-session') {
      const why = `${change.reason}: starting a new session (conversation kept)`;
      this.emit('warning', why);
      this.life.restart(why);
    }
    this.handsFree.followProfile();
    this.refresh();
    return live && change.kind !== 'none' ? this.profile.whenConfirmed() : Promise.resolve();
  }

  /** The Retry action after an answer failed: the conversation as it stands is asked again. */
  retryResponse(): void {
    this.status.setError(undefined);
    this.link.connect();
    this.reply.request();
    this.refresh();
  }

  /** Hands-free listening on or off (a VAD profile): see hands-free.ts. */
  setListening(on: boolean): void {
    this.handsFree.set(on);
    this.refresh();
  }

  /** Key down (or the window's talk button). Barges in when the assistant is answering. Hands-free: a press
   * switches listening on or off. */
  talkStart(): void {
    if (this.handsFree.available() && !this.turns.holding())
      return this.setListening(!this.turns.isListening());
    if (this.turns.isMuted()) return this.setNotice('microphone muted');
    if (this.turns.holding()) return;
    this.status.setError(undefined);
    if (this.reply.isActive() || this.reply.isPlaying()) this.interrupt();
    this.turns.start(this.profile.inputFormat());
    this.link.connect();
    this.refresh();
  }

  /** Key up: commit and ask for the answer (push-to-talk), or let the server's VAD finish the turn. */
  talkEnd(): void {
    if (!this.turns.holding()) return;
    // Commit first: key-up → commit is on the wire without waiting for the driver.
    this.turns.release();
    this.refresh();
  }

  /** Stop the assistant now: playback, the response, and the server's copy of unheard audio. */
  interrupt(): void {
    this.reply.interrupt();
    this.refresh();
  }

  /** A typed message: a user item, then a response. */
  sendText(text: string): void {
    this.status.setError(undefined);
    if (this.reply.isActive() || this.reply.isPlaying()) this.interrupt();
    this.feed.typed(text);
    this.turns.addText(text);
    this.link.connect();
    this.turns.flush();
    this.refresh();
  }

  setMuted(muted: boolean): void {
    this.turns.setMuted(muted);
    this.refresh();
  }

  /** Closes the connection; the transcript stays. */
  endSession(): void {
    this.link.close();
    this.reply.stopPlaying();
    this.life.reset(false);
    this.turns.end();
    this.profile.confirmed(); // a profile change made while connecting is applied at the next connect
    this.setNotice(undefined);
  }

  /** Starts over with an empty conversation (a new session if one was open). */
  newConversation(): void {
    this.reply.stopPlaying();
    this.turns.clear();
    this.life.reset(false);
    this.transcript.reset();
    if (this.link.isActive()) this.link.restart(this.profile.target());
    this.refresh();
  }

  async dispose(): Promise<void> {
    this.link.close();
    await Promise.all([this.turns.dispose(), this.reply.close()]);
    this.removeAllListeners();
  }

  // ————— server events —————

  private onServerEvent(event: ServerEvent): void {
    if (event.type === 'conversation.item.input_audio_transcription.completed') this.reply.reportUsage(event);
    switch (event.type) {
      case 'error':
        return this.onError(event);
      case 'input_audio_buffer.committed':
        this.turns.hearsSpeech(false);
        // With transcription on, the user's turn gets its item now, so it sits before the answer.
        if (transcriptionOn(this.link.effective)) this.turns.committedAs(this.feed.userTurn(event.item_id));
        return;
      default:
        if (this.handsFree.handle(event)) return this.refresh();
        if (!this.feed.handle(event)) this.reply.handle(event);
    }
  }

  private onError(event: ServerEventOf<'error'>): void {
    const fault = describeServerError(event.error);
    // Our response.create was refused: no response is coming.
    if (this.reply.refused(event.error.event_id))
      this.turns.settle({ outcome: 'failed', text: '', message: fault.message }, true);
    if (fault.action === 'ignore') return;
    if (fault.action === 'renew') return this.life.restart(fault.message);
    if (fault.action === 'fatal') {
      this.link.close();
      return this.fail(fault.message);
    }
    // Anything else is a notice: the status stays what the session is doing.
    this.emit('warning', fault.message);
    this.setNotice(fault.message);
  }

  private fail(message: string): void {
    this.status.setError(message);
    this.profile.confirmed();
    this.turns.fail(message, this.reply.isActive());
    this.reply.end();
    this.refresh();
  }

  private setNotice(message: string | undefined): void {
    this.status.setNotice(message);
    this.refresh();
  }

  private refresh(): void {
    this.status.publish({
      ...this.turns.facts(),
      linkActive: this.link.isActive(),
      confirmed: this.link.isConfirmed(),
      audible: this.reply.audible(),
      busy: this.reply.busy() || this.turns.busy(),
      muted: this.turns.isMuted(),
      conversationId: this.transcript.conversationId,
      profileId: this.profile.id,
      handsFree: this.handsFree.available(),
    });
  }
}
