// Turn-taking and the microphone: the user's turns and the input still owed an answer. Push-to-talk: key down
// opens the microphone (or finds it ready: the turn then starts with the pre-roll) and starts a turn whose
// audio is buffered (and streamed once the session is confirmed); key up commits it and asks for the answer,
// or, when the server detects turns (VAD), sends the silence that ends it. Until a device that had to be
// opened delivers audio, the turn is "opening", not listening. Typed messages wait for confirmation the same
// way. Input that reached the server but has no answer yet is "owed": a new socket sends it again. Each
// turn's outcome is told once, from here.
// Hands-free (a VAD profile, listening on): the microphone streams continuously and the server detects the
// turns and starts the responses itself; nothing is held, committed or owed here. Listening stops with mute, the
// end of the session, or the engine's say (a push-to-talk profile, the server's idle timeout), and the device
// closes with it, so the system's microphone indicator is on only while listening.
import { wireSilence, type CaptureChunk, type WireFormat } from '../audio/types';
import { CaptureBuffer } from './capture-buffer';
import { appendAudio, clearAudio, commitAudio, userText, type Wire } from './client-events';
import { resolve, type RealtimeEngineOptions, type TurnResult } from './engine-types';
import { Microphone } from './microphone';
import { inputFormatOf, turnDetectionOf } from './session-payload';

/** The engine options turn-taking reads (documented in engine-types.ts). */
export type TurnOptions = Pick<
  RealtimeEngineOptions,
  'audio' | 'captureBufferMs' | 'minTurnMs' | 'micIdleMs' | 'micReady' | 'prerollMs' | 'watchMicSettings'
> &
  /** Its input format is the one an `always` microphone opens in before the first turn (default PCM). */
  Partial<Pick<RealtimeEngineOptions, 'profile'>>;

export interface TurnHooks {
  requestResponse(): void;
  /** A turn's outcome. */
  turnDone(result: TurnResult): void;
  notice(message: string): void;
  warn(message: string): void;
  /** The microphone could not be opened or started. */
  micFailed(message: string): void;
  /** Something the status is derived from changed (the microphone went live); for callers that show it. */
  changed?(): void;
  /** The session the server runs: its turn detection decides how a released turn ends. */
  effectiveSession(): unknown;
}

interface HeldTurn {
  buffer: CaptureBuffer;
  format: WireFormat;
  /** Audio from before key-down at the start of the buffer (not counted for "too short"). */
  prerollMs: number;
  keyDown: boolean;
  /** Released; the commit waits for a confirmed session. */
  ended: boolean;
}

interface Listening {
  format: WireFormat;
  /** Audio heard before the session is confirmed (sent once it is); bounded like a turn's buffer. */
  waiting: CaptureBuffer;
}

interface Owed {
  /** A committed audio turn, kept whole so a new socket can send it again. */
  audio?: { buffer: CaptureBuffer; transcriptId?: string };
  /** A typed message went to the server. */
  text: boolean;
}

/** With VAD, the silence sent after a released key is the server's silence plus this margin. */
const vadMarginMs = 300;

export class UserTurns {
  private turn: HeldTurn | undefined;
  private listening: Listening | undefined;
  /** Listening: the server hears speech now (speech_started until speech_stopped or the commit). */
  private speaking = false;
  private owed: Owed = { text: false };
  private unsentTexts: string[] = [];
  private muted = false;
  private readonly mic: Microphone;
  /** The format the microphone is kept ready in outside turns: the last turn's, at first the profile's. */
  private readyFormat: WireFormat;
  private readonly unwatch: () => void;

  constructor(
    private readonly wire: Wire,
    private readonly options: TurnOptions,
    private readonly hooks: TurnHooks,
  ) {
    const createSource = (format: WireFormat) => options.audio.createSource(format);
    const policy = {
      ready: () => resolve(options.micReady ?? 'warm'),
      prerollMs: () => resolve(options.prerollMs ?? 300),
      idleMs: options.micIdleMs ?? 20_000,
    };
    this.mic = new Microphone(createSource, policy, {
      onChunk: (chunk) => this.push(chunk),
      onLive: () => hooks.changed?.(),
      onFailed: (message) => hooks.micFailed(message),
      onWarning: (message) => hooks.warn(message),
      inUse: () => this.holding() || this.isListening(),
    });
    this.readyFormat = options.profile ? inputFormatOf(options.profile.session) : 'audio/pcm';
    const follow = () => {
      if (!this.muted) this.mic.follow(this.readyFormat);
    };
    this.unwatch = options.watchMicSettings?.(follow) ?? (() => {});
    // After construction: `always` opens the device now, and its first audio refreshes the engine's status.
    queueMicrotask(follow);
  }

  isMuted(): boolean {
    return this.muted;
  }

  /** The talk key is down. */
  holding(): boolean {
    return !!this.turn?.keyDown;
  }

  /** Hands-free listening is on. */
  isListening(): boolean {
    return !!this.listening;
  }

  /** The server's VAD heard speech start (true) or stop. */
  hearsSpeech(speaking: boolean): void {
    this.speaking = speaking;
  }

  /** What the status shows: a held turn or listening, and whether the device delivers audio yet. */
  facts(): { holding: boolean; listening: boolean; userSpeaking: boolean; micOpening: boolean } {
    const turn = this.turn;
    const holding = !!turn?.keyDown;
    const format = holding ? turn!.format : this.listening?.format;
    return {
      holding,
      listening: !!this.listening,
      userSpeaking: !!this.listening && this.speaking,
      micOpening: format !== undefined && !this.mic.isLive(format),
    };
  }

  /** Hands-free: the microphone opens and streams until stopListening(); the server takes the turns. */
  listen(format: WireFormat): void {
    if (this.listening?.format === format || this.muted) return;
    this.stopListening(); // listening in another format: the device opens again in this one
    this.turn = undefined;
    this.readyFormat = format;
    this.listening = { format, waiting: new CaptureBuffer(this.options.captureBufferMs ?? 30_000) };
    for (const chunk of this.mic.startTurn(format)) this.heard(chunk);
  }

  /** Listening stops: the device closes now, and speech the server has not committed is dropped. */
  stopListening(): void {
    if (!this.listening) return;
    this.listening = undefined;
    this.speaking = false;
    this.mic.close();
    if (this.wire.isConfirmed()) this.wire.send(clearAudio());
    this.mic.follow(this.readyFormat); // `always` keeps its ring (sent only as a turn's pre-roll)
  }

  private heard(chunk: CaptureChunk): void {
    this.listening!.waiting.push(chunk);
    if (this.wire.isConfirmed()) this.sendHeard();
  }

  /** Listening keeps nothing once sent: the server has it, and a new socket hears from then on. */
  private sendHeard(): void {
    const { waiting } = this.listening!;
    this.sendUnsent(waiting);
    waiting.clear();
  }

  /** A turn is held, or released and not sent yet, or sent and not answered yet. */
  busy(): boolean {
    return !!this.turn || this.owesAnswer();
  }

  owesAnswer(): boolean {
    return !!this.owed.audio || this.owed.text;
  }

  /** Key down: a new turn, and the microphone open (or kept open) for it; a live one gives its pre-roll. */
  start(format: WireFormat): void {
    this.readyFormat = format;
    // A released turn that still waits for the session goes on with this press: both are sent as one turn
    // rather than the first being dropped.
    const waiting = this.turn?.ended ? this.turn : undefined;
    if (waiting) Object.assign(waiting, { keyDown: true, ended: false });
    else {
      const buffer = new CaptureBuffer(this.options.captureBufferMs ?? 30_000);
      this.turn = { buffer, format, prerollMs: 0, keyDown: true, ended: false };
    }
    const turn = this.turn!;
    const { buffer } = turn;
    for (const chunk of this.mic.startTurn(format)) {
      buffer.push(chunk);
      turn.prerollMs += chunk.durationMs;
    }
    if (this.wire.isConfirmed()) this.sendUnsent(buffer);
  }

  /** Key up: commit now when the session is confirmed, else as soon as it is. */
  release(): void {
    const turn = this.turn;
    if (!turn?.keyDown) return;
    // First: a device closed now (on demand) hands over its last partial chunk, which is still this turn's.
    this.mic.endTurn();
    turn.keyDown = false;
    turn.ended = true;
    this.finish();
  }

  /** Muting mid-turn drops what was said rather than sending it, and closes the device now in every mode. */
  setMuted(muted: boolean): void {
    this.muted = muted;
    if (!muted) return this.mic.follow(this.readyFormat); // `always` opens it again
    this.stopListening();
    if (this.turn?.keyDown) this.turn = undefined;
    this.mic.close();
  }

  /** A turn's outcome; `answered`: what was owed is answered (or will never be). */
  settle(result: TurnResult, answered: boolean): void {
    if (answered) this.answered();
    this.hooks.turnDone(result);
  }

  /** The session failed: the turn is dropped, and input owed an answer (or a reply under way) fails. */
  fail(message: string, replyActive: boolean): void {
    this.stopListening();
    this.turn = undefined;
    if (this.owesAnswer() || replyActive) this.hooks.turnDone({ outcome: 'failed', text: '', message });
    this.answered();
  }

  /** A microphone chunk: true when the held turn took it. */
  private push(chunk: CaptureChunk): boolean {
    if (this.listening && !this.muted) {
      this.heard(chunk);
      return true;
    }
    const turn = this.turn;
    if (!turn?.keyDown || this.muted) return false;
    turn.buffer.push(chunk);
    if (this.wire.isConfirmed()) this.sendUnsent(turn.buffer);
    return true;
  }

  addText(text: string): void {
    this.unsentTexts.push(text);
  }

  /** Sends what waited for confirmation: buffered audio, a released turn, typed messages. */
  flush(): void {
    if (!this.wire.isConfirmed()) return;
    if (this.listening) this.sendHeard();
    const turn = this.turn;
    if (turn) {
      this.sendUnsent(turn.buffer);
      if (turn.ended) this.finish();
    }
    while (this.unsentTexts.length) {
      this.wire.send(userText(this.unsentTexts.shift()!));
      this.owed.text = true;
      this.hooks.requestResponse();
    }
  }

  /** A fresh socket: input that lost its answer with the old one is asked again. */
  resendOwed(): void {
    if (this.owed.audio) {
      this.sendUnsent(this.owed.audio.buffer);
      this.wire.send(commitAudio());
      this.hooks.requestResponse();
    } else if (this.owed.text) this.hooks.requestResponse();
  }

  private answered(): void {
    this.owed = { text: false };
  }

  /** The server committed the owed turn as this transcript item (transcription on). */
  committedAs(transcriptId: string): void {
    if (this.owed.audio && !this.owed.audio.transcriptId) this.owed.audio.transcriptId = transcriptId;
  }

  /** The owed turn's transcript item: a new socket gets it again as audio, not as replayed text. */
  owedTranscriptId(): string | undefined {
    return this.owed.audio?.transcriptId;
  }

  /** A new socket knows nothing of what was sent on the old one. */
  newSocket(): void {
    // Listening sent what it heard to the old socket, which is gone with it; the new one hears from now on.
    this.turn?.buffer.markAllUnsent();
    this.owed.audio?.buffer.markAllUnsent();
  }

  /** Everything goes: the turn, what is owed, typed messages not sent yet. */
  clear(): void {
    this.turn = undefined;
    this.answered();
    this.unsentTexts = [];
  }

  /** The session ends: everything goes and the microphone closes now (in every mode, `always` too). */
  end(): void {
    this.listening = undefined;
    this.clear();
    this.mic.close();
  }

  dispose(): Promise<void> {
    this.unwatch();
    return this.mic.dispose();
  }

  private sendUnsent(buffer: CaptureBuffer): void {
    for (const chunk of buffer.takeUnsent()) this.wire.send(appendAudio(chunk));
  }

  private finish(): void {
    const turn = this.turn;
    if (!turn?.ended) return;
    // The pre-roll is context, not the user's press: a tap on the key stays "too short".
    const ms = turn.buffer.durationMs() - turn.prerollMs;
    if (ms < (this.options.minTurnMs ?? 100)) {
      this.turn = undefined;
      if (this.wire.isConfirmed()) this.wire.send(clearAudio());
      this.hooks.notice('too short: hold the key while you speak');
      this.hooks.turnDone({ outcome: 'too-short', text: '', message: `${Math.round(ms)} ms of audio` });
      return;
    }
    if (!this.wire.isConfirmed()) return; // flush() finishes it after confirmation
    if (turn.buffer.droppedMs > 0)
      this.hooks.warn(
        `the first ${Math.round(turn.buffer.droppedMs)} ms of the turn were dropped (capture buffer full)`,
      );
    this.turn = undefined;
    this.owed.audio = { buffer: turn.buffer };
    const vad = turnDetectionOf(this.hooks.effectiveSession()) as { silence_duration_ms?: number } | null;
    if (vad) {
      // VAD: the server commits once it hears silence. A released key means the user stopped talking: send
      // that silence now rather than waiting for the room to be quiet.
      const ms = (vad.silence_duration_ms ?? 500) + vadMarginMs;
      this.wire.send(appendAudio({ data: wireSilence(turn.format, ms), durationMs: ms }));
      return;
    }
    this.wire.send(commitAudio());
    this.hooks.requestResponse();
  }
}
