// The assistant's voice: the speaker device, the reply's audio item and how much of it was heard. Barge-in
// stops the device and cuts the server's copy of the item to what was heard (conversation.item.truncate), so
// the model remembers what the user actually heard. With no usable speaker the reply goes on as text, and
// says so: a speaker that cannot open, or one lost mid-reply with no other output to take over.
import { AudioOutputLost, wireBytesToMs, type AudioSink, type WireFormat } from '../audio/types';
import { truncateItem, type Wire } from './client-events';
import type { AudioFactory } from './engine-types';

export interface PlaybackHooks {
  warn(message: string): void;
  /** The speaker's state may have changed (opened, playing, drained). */
  onChange(): void;
}

/** What a barge-in cut: the transcript item, and how much of the received audio was heard. */
export interface HeardCut {
  transcriptId: string;
  heardMs: number;
  receivedMs: number;
}

interface ReplyAudio {
  serverItemId: string;
  transcriptId: string;
  format: WireFormat;
  receivedBytes: number;
  truncated: boolean;
}

const textOnly = '; the reply is shown as text only';

export class Playback {
  private sink: AudioSink | undefined;
  private sinkFormat: WireFormat | undefined;
  private opening: Promise<AudioSink | undefined> | undefined;
  /** Opening the speaker failed during the current reply, or it was lost. */
  private failed = false;
  /** What the current item had played on a speaker lost mid-reply (a barge-in still truncates there). */
  private playedWhenLost = 0;
  /** Kept after response.done: barge-in may still cut what is playing. */
  private item: ReplyAudio | undefined;
  private streaming = false;
  private spoke = false;

  constructor(
    private readonly createSink: AudioFactory['createSink'],
    private readonly wire: Wire,
    private readonly hooks: PlaybackHooks,
  ) {}

  isPlaying(): boolean {
    return !!this.sink?.isPlaying();
  }

  /** An audio item of the current response has begun and the response is not done. */
  isStreaming(): boolean {
    return this.streaming;
  }

  /** The assistant has spoken on this server session: its voice can no longer change. */
  hasSpoken(): boolean {
    return this.spoke;
  }

  /** The item was cut by barge-in: its late transcript is not shown. */
  isCut(serverItemId: string): boolean {
    return this.item?.serverItemId === serverItemId && this.item.truncated;
  }

  /** The transcript item of the audio being played or streamed. */
  currentTranscriptId(): string | undefined {
    return this.item?.transcriptId;
  }

  /** One decoded audio delta. `transcriptIdFor` names the transcript item when a new audio item starts. */
  play(serverItemId: string, audio: Buffer, format: WireFormat, transcriptIdFor: () => string): void {
    let item = this.item;
    if (!item || item.serverItemId !== serverItemId) {
      const transcriptId = transcriptIdFor();
      item = { serverItemId, transcriptId, format, receivedBytes: 0, truncated: false };
      this.item = item;
      this.streaming = true;
      this.sink?.resetPlayed();
      this.failed = false; // a new reply tries the speaker again
      this.playedWhenLost = 0;
    }
    item.receivedBytes += audio.length;
    this.spoke = true;
    if (this.sink && this.sinkFormat === item.format) this.sink.write(audio);
    else if (!this.failed)
      this.open(item.format)
        .then((sink) => {
          sink?.write(audio);
          this.hooks.onChange();
        })
        .catch((error: Error) => this.hooks.warn(`speaker: ${error.message}`));
  }

  /**
   * Hands-free: the speaker opens when listening starts, ahead of the first reply. A device's first tens to
   * hundreds of milliseconds are unsteady (on PulseAudio it takes blocks faster than it plays them and drops
   * some): better in silence than in the reply's first words, where the echo canceller would learn an echo
   * path that then moves. A speaker that cannot open now is left to the first reply, which says so.
   */
  prepare(format: WireFormat): void {
    if (this.sink || this.opening) return;
    void this.open(format, { quiet: true });
  }

  /** The response is done: no more audio comes for its item. */
  endOfReply(): void {
    this.streaming = false;
  }

  /** A new response, or its end by a reset: the next audio starts a new item. */
  forgetReply(): void {
    this.item = undefined;
    this.streaming = false;
  }

  /** A new server session holds no assistant audio yet. */
  newSession(): void {
    this.forgetReply();
    this.spoke = false;
  }

  /** Barge-in, step 1: silence the speaker now. Returns the ms of the item that were played. */
  silence(): number {
    return this.sink ? this.sink.stop() : this.playedWhenLost;
  }

  /**
   * Barge-in, step 2: when the user heard less than was received, or the reply is still being generated, the
   * server's copy of the item is cut to what was heard. Returns the cut, for the transcript.
   */
  truncate(playedMs: number, replyActive: boolean): HeardCut | undefined {
    const item = this.item;
    if (!item || item.truncated || (item.receivedBytes === 0 && !replyActive)) return undefined;
    const receivedMs = wireBytesToMs(item.format, item.receivedBytes);
    const heardMs = Math.min(playedMs, receivedMs);
    if (heardMs >= receivedMs && !replyActive) return undefined;
    item.truncated = true;
    this.wire.send(truncateItem(item.serverItemId, heardMs));
    return { transcriptId: item.transcriptId, heardMs, receivedMs };
  }

  /** Calls `then` once what was written has played; a speaker still opening gets its audio first. */
  whenPlayed(then: () => void): void {
    const afterPlayback = (sink: AudioSink | undefined) => {
      if (!sink?.isPlaying()) return then();
      sink
        .drain()
        .then(() => {
          this.hooks.onChange();
          then();
        })
        .catch((error: Error) => this.hooks.warn(`speaker: ${error.message}`));
    };
    if (this.opening) void this.opening.then(afterPlayback);
    else afterPlayback(this.sink);
  }

  /** Stops the speaker (the session ends or the conversation starts over). */
  stop(): void {
    this.sink?.stop();
  }

  async close(): Promise<void> {
    await this.sink?.close().catch(() => {});
  }

  /** The speaker is gone: the rest of this reply is text only; the next reply opens a speaker again. */
  private lost(sink: AudioSink): void {
    if (this.sink !== sink) return;
    this.playedWhenLost = sink.playedMs();
    this.sink = undefined;
    this.failed = true;
    void sink.close().catch(() => {});
    this.hooks.onChange();
  }

  /**
   * Opens the speaker for a format. With no usable speaker the reply goes on as text: one visible warning per
   * reply (not one per delta), and the next reply tries again.
   */
  private open(format: WireFormat, { quiet = false } = {}): Promise<AudioSink | undefined> {
    if (this.sink && this.sinkFormat === format) return Promise.resolve(this.sink);
    if (!this.opening) {
      const old = this.sink;
      this.sink = undefined;
      this.opening = (async () => {
        await old?.close().catch(() => {});
        try {
          const sink = await this.createSink(format);
          sink.onError((error) => {
            if (error instanceof AudioOutputLost) this.lost(sink);
            this.hooks.warn(`speaker: ${error.message}${error instanceof AudioOutputLost ? textOnly : ''}`);
          });
          this.sink = sink;
          this.sinkFormat = format;
          return sink;
        } catch (error) {
          if (quiet) return undefined;
          this.failed = true;
          this.hooks.warn(`speaker: ${(error as Error).message}${textOnly}`);
          return undefined;
        } finally {
          this.opening = undefined;
        }
      })();
    }
    return this.opening;
  }
}
