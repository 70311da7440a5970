// The Realtime session engine: one conversation with a Realtime server (GA interface). It owns the turn
// (push-to-talk or VAD), the assistant's playback, barge-in, tool calls, the transcript and the session
// state; the link (session-link.ts) owns the socket and session confirmation. Plain Node: no Electron.
import { EventEmitter } from 'node:events';
import type {
  ProfileDocument,
  RealtimeLogEntry,
  SessionState,
  TranscriptItem,
} from '../../../src-preload/contract';
import {
  wireBytesToMs,
  type AudioSink,
  type AudioSource,
  type CaptureChunk,
  type WireFormat,
} from '../audio/types';
import { defaultBackoff, type BackoffPolicy } from './backoff';
import { CaptureBuffer } from './capture-buffer';
import { describeServerError } from './errors';
import {
  decodeBase64Audio,
  elideAudio,
  type ClientEvent,
  type ServerEvent,
  type ServerEventOf,
} from './protocol';
import { ResponseState } from './response-state';
import {
  diffSession,
  effectiveModel,
  inputFormatOf,
  newSessionReason,
  outputFormatOf,
  turnDetectionOf,
} from './session-payload';
import { SessionLink, type LinkTarget } from './session-link';
import { builtinTools, runTool, type ToolRegistry } from './tools';
import { heardPart, Transcript } from './transcript';

/** How the shells give the engine its audio (PortAudio devices, WAV files, test doubles). */
export interface AudioFactory {
  createSource(format: WireFormat): AudioSource | Promise<AudioSource>;
  createSink(format: WireFormat): AudioSink | Promise<AudioSink>;
}

export interface RealtimeEngineOptions {
  baseUrl: string | (() => string);
  getApiKey: () => Promise<string | undefined>;
  /** Used by profiles whose model is empty. */
  defaultModel: string | (() => string);
  preconfiguredSession?: boolean | (() => boolean);
  audio: AudioFactory;
  profile: ProfileDocument;
  profileId?: string;
  tools?: ToolRegistry;
  /** Audio kept while the session is not confirmed yet (default 30 s). */
  captureBufferMs?: number;
  backoff?: BackoffPolicy;
  connectTimeoutMs?: number;
  confirmTimeoutMs?: number;
  /** Default 55 minutes: the server ends sessions at 60. */
  renewAfterMs?: number;
  /** Shorter key presses are not sent (the server needs ≥ 100 ms). */
  minTurnMs?: number;
  /**
   * How long the microphone stays open after a turn (default 20 s). Opening a device takes from tens of
   * milliseconds to seconds (Bluetooth, PulseAudio); a turn that finds it open loses none of its first words.
   * Audio between turns is dropped, never sent; muting or ending the session closes the device at once.
   */
  micIdleMs?: number;
  random?: () => number;
}

export interface TurnResult {
  outcome: 'completed' | 'cancelled' | 'too-short' | 'failed';
  /** The assistant's text for this turn (transcript or text output). */
  text: string;
  message?: string;
}

export interface EngineEvents {
  state: [SessionState];
  transcript: [TranscriptItem];
  log: [RealtimeLogEntry];
  warning: [string];
  turnDone: [TurnResult];
  /** The session is configured and confirmed (first time on each socket). */
  ready: [Record<string, unknown>];
}

const resolve = <T>(v: T | (() => T)): T => (typeof v === 'function' ? (v as () => T)() : v);

interface Turn {
  buffer: CaptureBuffer;
  keyDown: boolean;
  /** Key released; commit pending until the session is confirmed. */
  ended: boolean;
}

export class RealtimeEngine extends EventEmitter<EngineEvents> {
  private profile: ProfileDocument;
  private readonly link: SessionLink;
  private readonly transcript: Transcript;
  private readonly response: ResponseState;
  private source: AudioSource | undefined;
  private micIdleTimer: NodeJS.Timeout | undefined;
  private sourceFormat: WireFormat | undefined;
  private sink: AudioSink | undefined;
  private sinkFormat: WireFormat | undefined;
  private sinkPromise: Promise<AudioSink | undefined> | undefined;
  /** Opening the speaker failed during the current reply. */
  private sinkFailed = false;
  private turn: Turn | undefined;
  /** A committed audio turn whose response has not completed: sent again after a reconnect. */
  private awaiting: { buffer: CaptureBuffer; userItemId?: string } | undefined;
  /** A typed message whose response has not completed. */
  private awaitingText = false;
  private pendingTexts: string[] = [];
  private muted = false;
  private state: SessionState = { status: 'disconnected', muted: false };
  private stickyError: string | undefined;
  private notice: string | undefined;
  private renewDue = false;
  private replayNeeded = false;
  /** applyProfile callers waiting for the server to confirm. */
  private confirmWaiters: (() => void)[] = [];
  /** Counters of frames skipped as invalid (non-JSON, unknown type, bad base64). */
  readonly skipped = { notJson: 0, unknown: 0, badAudio: 0 };

  constructor(private readonly options: RealtimeEngineOptions) {
    super();
    this.profile = options.profile;
    this.transcript = new Transcript((item) => this.emit('transcript', item));
    this.response = new ResponseState();
    this.link = new SessionLink(
      this.target(),
      {
        baseUrl: () => resolve(options.baseUrl),
        getApiKey: options.getApiKey,
        preconfigured: () => resolve(options.preconfiguredSession ?? false),
        backoff: options.backoff ?? defaultBackoff,
        connectTimeoutMs: options.connectTimeoutMs ?? 10_000,
        confirmTimeoutMs: options.confirmTimeoutMs ?? 5_000,
        renewAfterMs: options.renewAfterMs ?? 55 * 60_000,
        random: options.random,
      },
      {
        onConfirmed: (session, fresh) => this.onConfirmed(session, fresh),
        onEvent: (event) => this.onServerEvent(event),
        onSent: (event) => this.log('client', event),
        onReceived: (event) => this.log('server', event),
        onBadFrame: (kind) => {
          if (kind === 'not-json') this.skipped.notJson++;
          else this.skipped.unknown++;
        },
        onLost: (reason, retryInMs) => this.onLost(reason, retryInMs),
        onFatal: (fault) => this.fail(fault.message),
        onWarning: (message) => this.warn(message),
        onConnecting: (message) => this.setNotice(message),
        onRenewDue: () => {
          this.renewDue = true;
          this.maybeRenew();
        },
      },
    );
  }

  // ————— public API (what the session commands and the shells call) —————

  getState(): SessionState {
    return { ...this.state };
  }
  getTranscript(): TranscriptItem[] {
    return this.transcript.list();
  }
  get conversationId(): string {
    return this.transcript.conversationId;
  }
  /** The effective session the server last reported. */
  get serverSession(): Record<string, unknown> | undefined {
    return this.link.effective;
  }

  /** Opens the session now (otherwise the first key-down or message does). */
  connect(): void {
    this.stickyError = undefined;
    this.link.connect();
    this.refresh();
  }

  /**
   * Applies a profile. Not connected: used at the next connect. Live: ONE session.update with only what
   * changed (confirmed like at connect); a change the server cannot apply live (model, or voice after the
   * assistant has spoken) starts a new session that keeps the conversation.
   */
  applyProfile(profile: ProfileDocument, profileId?: string): Promise<void> {
    const before = this.target();
    this.profile = profile;
    if (profileId !== undefined) this.options.profileId = profileId;
    const after = this.target();
    if (!this.link.isActive()) {
      this.link.update(after, after.session);
      this.refresh();
      return Promise.resolve();
    }
    const confirmed = new Promise<void>((resolve) => this.confirmWaiters.push(resolve));
    const reason = newSessionReason(before, after, this.response.assistantHasSpoken);
    if (reason) {
      this.setNotice(`${reason}: starting a new session (conversation kept)`);
      this.warn(`${reason}: starting a new session (conversation kept)`);
      this.startNewSession(after, true);
      return confirmed;
    }
    const patch = diffSession(before.session, after.session);
    if (!patch) {
      this.confirmWaiters.pop();
      return Promise.resolve();
    }
    this.link.update(after, patch);
    this.refresh();
    return confirmed;
  }

  /** Key down (or the window's talk button). Barges in when the assistant is answering. */
  talkStart(): void {
    if (this.muted) {
      this.setNotice('microphone muted');
      return;
    }
    if (this.turn?.keyDown) return;
    this.stickyError = undefined;
    if (this.response.isActive() || this.sink?.isPlaying()) this.interrupt();
    this.turn = {
      buffer: new CaptureBuffer(this.options.captureBufferMs ?? 30_000),
      keyDown: true,
      ended: false,
    };
    this.link.connect();
    clearTimeout(this.micIdleTimer);
    this.startSource();
    this.refresh();
  }

  /** Key up: commit and ask for the answer (push-to-talk), or let the server's VAD finish the turn. */
  talkEnd(): void {
    const turn = this.turn;
    if (!turn?.keyDown) return;
    turn.keyDown = false;
    turn.ended = true;
    // Commit first: key-up → commit is on the wire without waiting for the driver. The device stays open a
    // while for the next turn.
    this.finishTurnIfPossible();
    this.closeMicWhenIdle();
    this.refresh();
  }

  /** Stop the assistant now: playback, the response, and the server's copy of unheard audio. */
  interrupt(): void {
    const played = this.sink ? this.sink.stop() : 0;
    const item = this.response.audioItem;
    if (this.response.isActive() && !this.response.cancelRequested) {
      this.response.cancelRequested = true;
      this.link.send({ type: 'response.cancel' });
    }
    if (item && !item.truncated && (item.receivedBytes > 0 || this.response.isActive())) {
      const receivedMs = wireBytesToMs(item.format, item.receivedBytes);
      const heard = Math.min(played, receivedMs);
      if (heard < receivedMs || this.response.isActive()) {
        item.truncated = true;
        this.link.send({
          type: 'conversation.item.truncate',
          item_id: item.serverItemId,
          content_index: 0,
          // An integer never above what was received, so the server never refuses it.
          audio_end_ms: Math.max(0, Math.floor(heard)),
        });
        this.transcript.update(item.transcriptId, (t) => ({
          text: heardPart(t.text, heard, receivedMs),
          interrupted: true,
          final: true,
        }));
      }
    }
    this.refresh();
  }

  /** A typed message: a user item, then a response. */
  sendText(text: string): void {
    this.stickyError = undefined;
    if (this.response.isActive() || this.sink?.isPlaying()) this.interrupt();
    this.transcript.add('user', { text, final: true });
    this.pendingTexts.push(text);
    this.link.connect();
    this.flush();
    this.refresh();
  }

  setMuted(muted: boolean): void {
    this.muted = muted;
    if (muted) {
      // Muting mid-turn drops what was said rather than sending it, and closes the device now.
      if (this.turn?.keyDown) this.turn = undefined;
      this.closeMic();
    }
    this.refresh();
  }

  /** Closes the connection; the transcript stays. */
  endSession(): void {
    this.link.close();
    this.closeMic();
    this.sink?.stop();
    this.turn = undefined;
    this.awaiting = undefined;
    this.response.newSession();
    this.notice = undefined;
    this.refresh();
  }

  /** Starts over with an empty conversation (a new session if one was open). */
  newConversation(): void {
    const wasActive = this.link.isActive();
    this.sink?.stop();
    this.turn = undefined;
    this.awaiting = undefined;
    this.pendingTexts = [];
    this.response.newSession();
    this.transcript.reset();
    this.replayNeeded = false;
    if (wasActive) this.startNewSession(this.target(), false);
    this.refresh();
  }

  async dispose(): Promise<void> {
    this.link.close();
    clearTimeout(this.micIdleTimer);
    await this.source?.stop().catch(() => {});
    await this.sink?.close().catch(() => {});
    this.removeAllListeners();
  }

  // ————— connection life —————

  private target(): LinkTarget {
    return {
      model: effectiveModel(this.profile, resolve(this.options.defaultModel)),
      session: this.profile.session,
    };
  }

  private startNewSession(target: LinkTarget, keepContext: boolean): void {
    // An answer still streaming is cut (its session goes away); audio already received plays out.
    if (this.response.isActive()) this.interrupt();
    this.response.newSession();
    this.transcript.forgetServerIds();
    this.replayNeeded = keepContext && this.transcript.contextText().length > 0;
    this.turn?.buffer.markAllUnsent();
    this.link.restart(target);
    this.refresh();
  }

  private onLost(reason: string, retryInMs: number | undefined): void {
    // What was streaming is gone with the socket; the conversation stays and is replayed.
    const item = this.response.audioItem;
    if (item) this.transcript.update(item.transcriptId, { final: true, interrupted: true });
    for (const id of this.response.openTextItems()) this.transcript.update(id, { final: true });
    this.response.newSession();
    this.transcript.forgetServerIds();
    this.replayNeeded = this.transcript.contextText().length > 0;
    this.turn?.buffer.markAllUnsent();
    this.awaiting?.buffer.markAllUnsent();
    this.setNotice(
      retryInMs === undefined ? undefined : `${reason} — reconnecting in ${(retryInMs / 1000).toFixed(1)} s`,
    );
  }

  private onConfirmed(session: Record<string, unknown>, fresh: boolean): void {
    this.notice = undefined;
    for (const resolve of this.confirmWaiters.splice(0)) resolve();
    if (fresh) {
      if (this.replayNeeded) this.replayContext();
      this.replayNeeded = false;
      this.emit('ready', session);
      // A committed turn or typed message that lost its answer with the old socket is asked again.
      if (this.awaiting) {
        for (const chunk of this.awaiting.buffer.takeUnsent()) this.appendAudio(chunk);
        this.link.send({ type: 'input_audio_buffer.commit' });
        this.requestResponse();
      } else if (this.awaitingText) this.requestResponse();
    }
    this.flush();
    // A response asked for while the update was unconfirmed (tool outputs, a queued turn) goes now.
    if (this.response.createQueued && !this.response.isActive()) {
      this.response.createQueued = false;
      this.requestResponse();
    }
    this.refresh();
  }

  /** The conversation's text as items, so a new session knows what was said. */
  private replayContext(): void {
    const skip = this.awaiting?.userItemId;
    for (const item of this.transcript.list()) {
      if (item.id === skip || !item.text.trim()) continue;
      if (item.role === 'user')
        this.link.send({
          type: 'conversation.item.create',
          item: { type: 'message', role: 'user', content: [{ type: 'input_text', text: item.text }] },
        });
      else if (item.role === 'assistant')
        this.link.send({
          type: 'conversation.item.create',
          item: { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: item.text }] },
        });
    }
  }

  private maybeRenew(): void {
    if (!this.renewDue || this.turn || this.awaiting || this.awaitingText || this.response.isActive()) return;
    if (this.sink?.isPlaying()) return;
    this.renewDue = false;
    this.setNotice('renewing the session before its 60-minute limit');
    this.startNewSession(this.target(), true);
  }

  // ————— turns —————

  private closeMic(): void {
    clearTimeout(this.micIdleTimer);
    void this.source?.stop().catch((e: Error) => this.warn(`microphone: ${e.message}`));
  }

  private closeMicWhenIdle(): void {
    clearTimeout(this.micIdleTimer);
    this.micIdleTimer = setTimeout(() => {
      if (!this.turn?.keyDown) this.closeMic();
    }, this.options.micIdleMs ?? 20_000);
    this.micIdleTimer.unref();
  }

  /** Synchronous when the factory is: a chunk spoken right after key-down must find a listener. */
  private startSource(): void {
    const format = inputFormatOf(this.profile.session);
    const begin = (source: AudioSource) => {
      if (this.turn?.keyDown)
        source.start().catch((error: Error) => {
          this.turn = undefined;
          this.fail(`microphone: ${error.message}`);
        });
    };
    if (this.source && this.sourceFormat === format) return begin(this.source);
    void this.source?.stop().catch(() => {});
    this.source = undefined;
    const attach = (source: AudioSource) => {
      this.source = source;
      this.sourceFormat = format;
      source.onChunk((chunk) => this.onChunk(chunk));
      source.onError((error) => this.warn(`microphone: ${error.message}`));
      begin(source);
    };
    try {
      const created = this.options.audio.createSource(format);
      if (created instanceof Promise)
        created.then(attach, (error: Error) => {
          this.turn = undefined;
          this.fail(`microphone: ${error.message}`);
        });
      else attach(created);
    } catch (error) {
      this.turn = undefined;
      this.fail(`microphone: ${(error as Error).message}`);
    }
  }

  private onChunk(chunk: CaptureChunk): void {
    const turn = this.turn;
    if (!turn?.keyDown || this.muted) return;
    turn.buffer.push(chunk);
    if (this.link.isConfirmed()) for (const c of turn.buffer.takeUnsent()) this.appendAudio(c);
  }

  private appendAudio(chunk: CaptureChunk): void {
    this.link.send({ type: 'input_audio_buffer.append', audio: chunk.data.toString('base64') });
  }

  /** Sends what waited for confirmation: buffered audio, a finished turn, typed messages. */
  private flush(): void {
    if (!this.link.isConfirmed()) return;
    const turn = this.turn;
    if (turn) {
      for (const chunk of turn.buffer.takeUnsent()) this.appendAudio(chunk);
      if (turn.ended) this.finishTurnIfPossible();
    }
    while (this.pendingTexts.length) {
      const text = this.pendingTexts.shift()!;
      this.link.send({
        type: 'conversation.item.create',
        item: { type: 'message', role: 'user', content: [{ type: 'input_text', text }] },
      });
      this.awaitingText = true;
      this.requestResponse();
    }
  }

  private finishTurnIfPossible(): void {
    const turn = this.turn;
    if (!turn?.ended) return;
    const ms = turn.buffer.durationMs();
    if (ms < (this.options.minTurnMs ?? 100)) {
      this.turn = undefined;
      if (this.link.isConfirmed()) this.link.send({ type: 'input_audio_buffer.clear' });
      this.setNotice('too short: hold the key while you speak');
      this.emit('turnDone', { outcome: 'too-short', text: '', message: `${Math.round(ms)} ms of audio` });
      return;
    }
    if (!this.link.isConfirmed()) return; // flush() finishes it after confirmation
    if (turn.buffer.droppedMs > 0)
      this.warn(
        `the first ${Math.round(turn.buffer.droppedMs)} ms of the turn were dropped (capture buffer full)`,
      );
    this.turn = undefined;
    const vad = turnDetectionOf(this.link.effective) as { silence_duration_ms?: number } | null;
    if (vad) {
      // VAD: the server commits once it hears silence. A released key means the user stopped talking:
      // send that silence now rather than waiting for the room to be quiet.
      const format = this.sourceFormat ?? 'audio/pcm';
      const ms = (vad.silence_duration_ms ?? 500) + 300;
      const bytes = Math.round((ms / 1000) * (format === 'audio/pcm' ? 48_000 : 8_000));
      const silence = Buffer.alloc(bytes, format === 'audio/pcm' ? 0 : format === 'audio/pcmu' ? 0xff : 0xd5);
      this.appendAudio({ data: silence, durationMs: ms });
      this.awaiting = { buffer: turn.buffer };
      return;
    }
    this.link.send({ type: 'input_audio_buffer.commit' });
    this.awaiting = { buffer: turn.buffer };
    this.requestResponse();
  }

  /**
   * Never a second response.create while one is active (it waits for response.done), and none while a
   * session.update is unconfirmed (it waits for session.updated: the answer must use the new profile).
   */
  private requestResponse(): void {
    if (this.response.isActive() || !this.link.isConfirmed()) {
      this.response.createQueued = true;
      return;
    }
    this.response.begin();
    this.link.send({ type: 'response.create', event_id: this.response.createEventId });
    this.refresh();
  }

  // ————— server events —————

  private onServerEvent(event: ServerEvent): void {
    switch (event.type) {
      case 'error':
        return this.onError(event);
      case 'input_audio_buffer.committed':
        return this.onCommitted(event);
      case 'input_audio_buffer.speech_started':
        // Server VAD heard the user over the assistant: stop playback here too.
        if (this.sink?.isPlaying()) this.interrupt();
        return;
      case 'conversation.item.input_audio_transcription.delta': {
        const id = this.transcript.idFor(event.item_id);
        if (id) this.transcript.update(id, (t) => ({ text: t.text + (event.delta ?? '') }));
        return;
      }
      case 'conversation.item.input_audio_transcription.completed': {
        const id = this.transcript.idFor(event.item_id);
        if (id) this.transcript.update(id, { text: event.transcript, final: true });
        return;
      }
      case 'conversation.item.input_audio_transcription.failed': {
        const id = this.transcript.idFor(event.item_id);
        if (id) this.transcript.update(id, { text: '(transcription failed)', final: true });
        return;
      }
      case 'response.created':
        this.response.onCreated(event.response.id ?? '');
        if (!this.response.serverCreated) this.response.serverCreated = true;
        this.refresh();
        return;
      case 'response.output_item.added':
        if (event.item.type === 'message' && event.item.id) {
          const item = this.transcript.add('assistant', {}, event.item.id);
          this.response.textItems.set(event.item.id, item.id);
        }
        return;
      case 'response.output_audio.delta':
        return this.onAudioDelta(event);
      case 'response.output_audio_transcript.delta':
      case 'response.output_text.delta': {
        const id = this.response.textItems.get(event.item_id);
        const audio = this.response.audioItem;
        if (!id || (audio?.serverItemId === event.item_id && audio.truncated)) return;
        this.transcript.update(id, (t) => ({ text: t.text + event.delta }));
        return;
      }
      case 'response.output_audio_transcript.done':
      case 'response.output_text.done': {
        const id = this.response.textItems.get(event.item_id);
        const audio = this.response.audioItem;
        if (!id || (audio?.serverItemId === event.item_id && audio.truncated)) return;
        const text = event.type === 'response.output_text.done' ? event.text : event.transcript;
        this.transcript.update(id, { text, final: true });
        return;
      }
      case 'response.output_item.done':
        if (event.item.type === 'function_call') this.onFunctionCall(event.item);
        else if (event.item.type === 'message' && event.item.id) {
          const id = this.response.textItems.get(event.item.id);
          if (id && !this.transcript.get(id)?.final) this.transcript.update(id, { final: true });
        }
        return;
      case 'response.done':
        return this.onResponseDone(event);
      default:
        return;
    }
  }

  private onError(event: ServerEventOf<'error'>): void {
    const fault = describeServerError(event.error);
    if (event.error.event_id && event.error.event_id === this.response.createEventId) {
      // Our response.create was refused: no response is coming.
      this.response.reset();
      this.awaiting = undefined;
      this.awaitingText = false;
      this.emit('turnDone', { outcome: 'failed', text: '', message: fault.message });
    }
    switch (fault.action) {
      case 'ignore':
        return;
      case 'renew':
        this.setNotice(fault.message);
        this.startNewSession(this.target(), true);
        return;
      case 'fatal':
        this.link.close();
        this.fail(fault.message);
        return;
      default:
        this.warn(fault.message);
        this.stickyError = fault.message;
        this.refresh();
    }
  }

  private onCommitted(event: ServerEventOf<'input_audio_buffer.committed'>): void {
    // With transcription on, the user's turn gets an item now, so it sits before the answer.
    if (!this.link.effective || !transcriptionOn(this.link.effective)) return;
    const item = this.transcript.add('user', {}, event.item_id);
    if (this.awaiting && !this.awaiting.userItemId) this.awaiting.userItemId = item.id;
  }

  private onAudioDelta(event: ServerEventOf<'response.output_audio.delta'>): void {
    if (this.response.cancelRequested) return; // cancelled: late audio is not played
    const audio = decodeBase64Audio(event.delta);
    if (!audio) {
      this.skipped.badAudio++;
      return;
    }
    let item = this.response.audioItem;
    if (!item || item.serverItemId !== event.item_id) {
      const transcriptId =
        this.response.textItems.get(event.item_id) ?? this.transcript.add('assistant', {}, event.item_id).id;
      this.response.textItems.set(event.item_id, transcriptId);
      item = this.response.startAudioItem(event.item_id, transcriptId, outputFormatOf(this.profile.session));
      this.sink?.resetPlayed();
      this.sinkFailed = false; // a new reply tries the speaker again
    }
    item.receivedBytes += audio.length;
    this.response.assistantHasSpoken = true;
    const sink = this.sink;
    if (sink && this.sinkFormat === item.format) sink.write(audio);
    else if (!this.sinkFailed)
      void this.openSink(item.format).then((s) => {
        s?.write(audio);
        this.refresh();
      });
    if (this.state.status !== 'speaking') this.refresh();
  }

  /**
   * Opens the speaker for a format. With no usable speaker the reply goes on as text: one visible warning
   * per reply (not one per delta), and the next reply tries again.
   */
  private openSink(format: WireFormat): Promise<AudioSink | undefined> {
    if (this.sink && this.sinkFormat === format) return Promise.resolve(this.sink);
    if (!this.sinkPromise) {
      const old = this.sink;
      this.sink = undefined;
      this.sinkPromise = (async () => {
        await old?.close().catch(() => {});
        try {
          const sink = await this.options.audio.createSink(format);
          sink.onError((error) => this.warn(`speaker: ${error.message}`));
          this.sink = sink;
          this.sinkFormat = format;
          return sink;
        } catch (error) {
          this.sinkFailed = true;
          this.warn(`speaker: ${(error as Error).message}; the reply is shown as text only`);
          return undefined;
        } finally {
          this.sinkPromise = undefined;
        }
      })();
    }
    return this.sinkPromise;
  }

  private onFunctionCall(item: { name?: string; arguments?: string; call_id?: string }): void {
    const name = item.name ?? '';
    const args = item.arguments ?? '';
    const callId = item.call_id ?? '';
    const entry = this.transcript.add('tool', { text: name, tool: { name, arguments: args } });
    this.response.toolsRunning++;
    const generation = this.response.generation;
    void runTool(this.options.tools ?? builtinTools, name, args).then(({ output, error }) => {
      if (generation !== this.response.generation) {
        // The connection dropped or the conversation restarted meanwhile: its call_id means nothing to the
        // new session, so the result is shown but not sent.
        this.transcript.update(entry.id, { final: true, tool: { name, arguments: args, output, error } });
        return;
      }
      this.response.toolsRunning--;
      this.transcript.update(entry.id, { final: true, tool: { name, arguments: args, output, error } });
      if (error) this.warn(error);
      this.response.toolOutputs.push({ callId, output });
      this.sendToolOutputs();
    });
  }

  /** Tool answers go back once the response that asked for them is done, then one response.create. */
  private sendToolOutputs(): void {
    if (this.response.isActive() || this.response.toolsRunning > 0 || !this.response.toolOutputs.length)
      return;
    for (const { callId, output } of this.response.toolOutputs.splice(0))
      this.link.send({
        type: 'conversation.item.create',
        item: { type: 'function_call_output', call_id: callId, output },
      });
    this.requestResponse();
  }

  private onResponseDone(event: ServerEventOf<'response.done'>): void {
    const status = event.response.status;
    const cancelled = status === 'cancelled' || this.response.cancelRequested;
    const text = this.response.assistantText((id) => this.transcript.get(id)?.text ?? '');
    for (const id of this.response.openTextItems())
      if (!this.transcript.get(id)?.final) this.transcript.update(id, { final: true });
    const queued = this.response.createQueued;
    this.response.end();
    if (this.response.toolsRunning > 0 || this.response.toolOutputs.length) {
      this.sendToolOutputs();
      this.refresh();
      return;
    }
    if (queued) {
      // A turn that came in meanwhile (barge-in) now gets its response; the cancelled one is over.
      if (cancelled) this.emit('turnDone', { outcome: 'cancelled', text });
      this.requestResponse();
      return;
    }
    this.awaiting = undefined;
    this.awaitingText = false;
    const outcome: TurnResult['outcome'] = cancelled
      ? 'cancelled'
      : status === 'completed'
        ? 'completed'
        : 'failed';
    const message = status === 'failed' ? JSON.stringify(event.response.status_details ?? {}) : undefined;
    this.emit('turnDone', { outcome, text, message });
    this.refresh();
    // Playback may continue after response.done: the state follows the speaker. A speaker still opening
    // gets its audio first (that write was queued on the same promise), then is waited for.
    const pending = this.sinkPromise;
    const afterPlayback = (sink: AudioSink | undefined) => {
      if (sink?.isPlaying())
        void sink.drain().then(() => {
          this.refresh();
          this.maybeRenew();
        });
      else this.maybeRenew();
    };
    if (pending) void pending.then(afterPlayback);
    else afterPlayback(this.sink);
  }

  // ————— status —————

  private log(direction: 'client' | 'server', event: ClientEvent | ServerEvent): void {
    if (this.listenerCount('log') === 0) return;
    this.emit('log', { direction, type: event.type, at: new Date().toISOString(), event: elideAudio(event) });
  }

  private warn(message: string): void {
    this.emit('warning', message);
  }

  private fail(message: string): void {
    this.stickyError = message;
    for (const resolve of this.confirmWaiters.splice(0)) resolve();
    this.turn = undefined;
    if (this.awaiting || this.awaitingText || this.response.isActive())
      this.emit('turnDone', { outcome: 'failed', text: '', message });
    this.awaiting = undefined;
    this.awaitingText = false;
    this.response.reset();
    this.refresh();
  }

  private setNotice(message: string | undefined): void {
    this.notice = message;
    this.refresh();
  }

  private refresh(): void {
    let status: SessionState['status'];
    let message = this.notice;
    if (this.stickyError && !this.turn?.keyDown) {
      status = 'error';
      message = this.stickyError;
    } else if (this.turn?.keyDown) status = 'listening';
    else if (!this.link.isActive()) status = 'disconnected';
    else if (!this.link.isConfirmed()) status = 'connecting';
    else if (this.sink?.isPlaying() || this.response.audioStreaming()) status = 'speaking';
    else if (
      this.response.isActive() ||
      this.turn ||
      this.awaiting ||
      this.awaitingText ||
      this.response.toolsRunning
    )
      status = 'thinking';
    else status = 'ready';
    const next: SessionState = {
      status,
      muted: this.muted,
      conversationId: this.transcript.conversationId,
      ...(message ? { message } : {}),
      ...(this.options.profileId ? { profileId: this.options.profileId } : {}),
    };
    if (
      next.status === this.state.status &&
      next.message === this.state.message &&
      next.muted === this.state.muted &&
      next.conversationId === this.state.conversationId &&
      next.profileId === this.state.profileId
    )
      return;
    this.state = next;
    this.emit('state', { ...next });
  }
}

const transcriptionOn = (session: Record<string, unknown>): boolean =>
  !!(session as { audio?: { input?: { transcription?: unknown } } }).audio?.input?.transcription;
