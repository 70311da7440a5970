// The assistant's side of a turn: its response (one at a time), its voice (playback and barge-in), its tool
// calls, and the outcome each response gives the user's turn. Built from three parts it owns (responses,
// playback, tool-calls) and the transcript feed it is given; it knows nothing of turns, the link or the status.
import type { WireFormat } from '../audio/types';
import type { Wire } from './client-events';
import type { RealtimeEngineOptions, TurnResult, UsageEvent } from './engine-types';
import { Playback, type HeardCut } from './playback';
import { decodeBase64Audio, type ServerEvent, type ServerEventOf } from './protocol';
import { describeResponseEnd } from './response-failure';
import { RemoteMcp } from './remote-mcp';
import { ResponseCycle } from './responses';
import { ToolCalls } from './tool-calls';
import { builtinTools } from './tools';
import type { Transcript } from './transcript';
import type { TranscriptFeed } from './transcript-feed';

export interface ReplyHooks {
  /** A response's outcome for the user's turn; `answered`: the input it answered is owed nothing more. */
  turnDone(result: TurnResult, answered: boolean): void;
  /** The reply of a finished response has played out (or there was nothing left to play). */
  playedOut(): void;
  /** Something the status is derived from changed. */
  changed(): void;
  warn(message: string): void;
  /** The audio format of the assistant's voice in the current profile. */
  outputFormat(): WireFormat;
  /** A delta whose base64 is broken: skipped and counted. */
  badAudio(): void;
  /** The notice of the moment (a retry's countdown); undefined clears it. */
  notice(message: string | undefined): void;
  /** The answer failed for good: shown as the session's error, with a Retry action. */
  failed(message: string): void;
}

/** The engine's audio and tools (default: the built-in ones), the link, and the conversation. */
export interface ReplyDeps extends Pick<
  RealtimeEngineOptions,
  'audio' | 'tools' | 'remoteMcp' | 'responseGate' | 'onUsage'
> {
  wire: Wire;
  transcript: Transcript;
  feed: TranscriptFeed;
}

export class AssistantReply {
  private readonly responses: ResponseCycle;
  private readonly playback: Playback;
  private readonly tools: ToolCalls;
  private readonly remote: RemoteMcp;
  private readonly feed: TranscriptFeed;
  /** The automatic retry of the current input was used. */
  private retried = false;
  private readonly closeGate: () => void;
  private readonly onUsage: ReplyDeps['onUsage'];

  constructor(
    deps: ReplyDeps,
    private readonly hooks: ReplyHooks,
  ) {
    this.feed = deps.feed;
    this.onUsage = deps.onUsage;
    const createSink = (format: WireFormat) => deps.audio.createSink(format);
    this.playback = new Playback(createSink, deps.wire, { warn: hooks.warn, onChange: hooks.changed });
    this.responses = new ResponseCycle(deps.wire, {
      onBegin: () => {
        this.feed.newReply();
        this.playback.forgetReply();
      },
      onRequested: hooks.changed,
      // The budget: a refused request waits (its reason shown) and goes when the gate opens.
      mayStart: () => {
        const refusal = deps.responseGate?.refusal();
        if (refusal) hooks.notice(refusal);
        return !refusal;
      },
    });
    this.closeGate =
      deps.responseGate?.onOpen(() => {
        hooks.notice(undefined);
        this.responses.sendQueued();
        hooks.changed();
      }) ?? (() => {});
    this.tools = new ToolCalls(deps.tools ?? builtinTools, deps.transcript, deps.wire, {
      canAnswer: () => !this.responses.isActive(),
      requestResponse: () => this.responses.request(),
      warn: hooks.warn,
    });
    this.remote = new RemoteMcp(deps.remoteMcp, deps.transcript, deps.wire, {
      requestResponse: () => this.responses.request(),
      warn: hooks.warn,
      changed: hooks.changed,
    });
  }

  /** A response is being generated. */
  isActive(): boolean {
    return this.responses.isActive();
  }
  isPlaying(): boolean {
    return this.playback.isPlaying();
  }
  /** The user hears the assistant, or its audio is still arriving. */
  audible(): boolean {
    const arriving =
      this.responses.isActive() && !this.responses.isCancelling() && this.playback.isStreaming();
    return this.playback.isPlaying() || arriving;
  }
  /** A response, a tool call or a retry is under way. */
  busy(): boolean {
    return (
      this.responses.isActive() || this.tools.busy() || this.remote.busy() || this.responses.isRetrying()
    );
  }
  hasSpoken(): boolean {
    return this.playback.hasSpoken();
  }
  isCut(serverItemId: string): boolean {
    return this.playback.isCut(serverItemId);
  }

  /** Asks for a response to new input (now, or once the active one is done and the session confirmed). */
  request(): void {
    this.retried = false;
    this.responses.request();
  }
  /** The session is confirmed: a request that waited goes now. */
  sendQueued(): void {
    this.responses.sendQueued();
  }

  /**
   * Stop now: the speaker, the response, and the server's copy of what was not heard. `serverCancels`: the
   * server's VAD heard the user and cancels the response itself (interrupt_response), so no second cancel.
   * Returns the cut (what was heard of what was received), when there was one.
   */
  interrupt(serverCancels = false): HeardCut | undefined {
    const replyActive = this.responses.isActive();
    const played = this.playback.silence();
    if (serverCancels) this.responses.cancelledByServer();
    else this.responses.cancel();
    const cut = this.playback.truncate(played, replyActive);
    if (cut) this.feed.showCut(cut);
    return cut;
  }

  /** An error event answering our response.create: the response is over before it began. */
  refused(eventId: string | null | undefined): boolean {
    if (!this.responses.isOwnRequest(eventId)) return false;
    this.end();
    return true;
  }

  /** The response is over without its response.done (refused, failed, or gone with its session). */
  end(): void {
    this.responses.reset();
    this.tools.reset();
    this.remote.reset();
    this.feed.newReply();
    this.playback.forgetReply();
  }

  /** A new server session: what was streaming ends here, and the assistant has not spoken on it yet. */
  newSession(): void {
    const streamingId = this.responses.isActive() ? this.playback.currentTranscriptId() : undefined;
    if (streamingId) this.feed.markInterrupted(streamingId);
    this.feed.finishReply();
    this.end();
    this.playback.newSession();
  }

  /** Hands-free listening started: the speaker opens now rather than with the first reply (see Playback). */
  prepareSpeaker(): void {
    this.playback.prepare(this.hooks.outputFormat());
  }

  /** Stops the speaker (the session ends or the conversation starts over). */
  stopPlaying(): void {
    this.playback.stop();
  }
  close(): Promise<void> {
    this.closeGate();
    return this.playback.close();
  }

  /** Usage the server reports outside a response (a finished transcription of the user's audio). */
  reportUsage(event: UsageEvent): void {
    this.onUsage?.(event);
  }

  /** The response's server events (the transcript feed has taken its own). */
  handle(event: ServerEvent): void {
    if (this.remote.handle(event)) return this.hooks.changed();
    switch (event.type) {
      case 'response.created':
        this.responses.created();
        return this.hooks.changed();
      case 'response.output_audio.delta':
        return this.onAudioDelta(event);
      case 'response.output_item.done':
        if (event.item.type === 'function_call') this.tools.run(event.item);
        return;
      case 'response.done':
        return this.onDone(event);
    }
  }

  /** Once per input: the answer is asked again after the wait the server named, counting down. */
  private retry(reason: string, ms: number): void {
    this.retried = true;
    this.responses.retryAfter(ms, (left) =>
      this.hooks.notice(left > 0 ? `${reason} — retrying in ${(left / 1000).toFixed(1)} s` : undefined),
    );
    this.hooks.changed();
  }

  private onAudioDelta(event: ServerEventOf<'response.output_audio.delta'>): void {
    if (this.responses.isCancelling()) return; // cancelled: late audio is not played
    const audio = decodeBase64Audio(event.delta);
    if (!audio) return this.hooks.badAudio();
    const itemId = event.item_id;
    this.playback.play(itemId, audio, this.hooks.outputFormat(), () => this.feed.replyItemFor(itemId));
    this.hooks.changed();
  }

  private onDone(event: ServerEventOf<'response.done'>): void {
    // First, so the usage is counted for the turn this response answers (turnDone below ends it).
    this.onUsage?.(event);
    const status = event.response.status;
    const text = this.feed.replyText();
    this.feed.finishReply();
    const { cancelled, queued } = this.responses.done(status);
    this.playback.endOfReply();
    if (this.tools.pending() || this.remote.busy()) {
      // The turn goes on: outputs (now) or the user's approval of a remote call (later) ask for more.
      this.tools.sendOutputs();
      return this.hooks.changed();
    }
    if (queued) {
      // A turn that came in meanwhile (barge-in) now gets its response; the cancelled one is over.
      if (cancelled) this.hooks.turnDone({ outcome: 'cancelled', text }, false);
      return this.responses.request();
    }
    const failure = cancelled ? undefined : describeResponseEnd(event.response);
    if (failure?.retryAfterMs !== undefined && !this.retried)
      return this.retry(failure.message, failure.retryAfterMs);
    const outcome = cancelled ? 'cancelled' : failure?.failed ? 'failed' : 'completed';
    this.hooks.turnDone({ outcome, text, ...(failure ? { message: failure.message } : {}) }, true);
    if (failure?.failed) this.hooks.failed(failure.message);
    else if (failure) this.hooks.warn(failure.message);
    this.hooks.changed();
    // Playback may continue after response.done: the state follows the speaker.
    this.playback.whenPlayed(this.hooks.playedOut);
  }
}
