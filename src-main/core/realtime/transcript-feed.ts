// The bridge between the server's conversation and the transcript: server events become transcript items (the
// user's transcribed turns, the reply's message items streaming in until the server calls them done), and a new
// server session is told the conversation so far.
import { contextItems, type Wire } from './client-events';
import type { ServerEvent } from './protocol';
import { heardPart, type Transcript } from './transcript';
import type { HeardCut } from './playback';
import type { TranscriptImage } from '../../../src-preload/contract';

export class TranscriptFeed {
  /** Server item id → transcript id, for the current response's message items. */
  private replyItems = new Map<string, string>();
  /** The next server session is told the conversation so far. */
  private replayDue = false;
  /** The last typed messages: images attached before one is sent go with it (a handful wait at most). */
  private typedRecently: { id: string; text: string }[] = [];

  constructor(
    private readonly transcript: Transcript,
    /** Items cut by barge-in: the rest of their transcript was never heard, so it is not shown. */
    private readonly isCut: (serverItemId: string) => boolean,
  ) {}

  /** Handles the transcript's server events; false for any other event. */
  handle(event: ServerEvent): boolean {
    switch (event.type) {
      case 'conversation.item.input_audio_transcription.delta':
        this.userDelta(event.item_id, event.delta ?? '');
        return true;
      case 'conversation.item.input_audio_transcription.completed':
        this.userDone(event.item_id, event.transcript);
        return true;
      case 'conversation.item.input_audio_transcription.failed':
        this.userDone(event.item_id, '(transcription failed)');
        return true;
      case 'response.output_item.added':
        if (event.item.type === 'message' && event.item.id) this.replyMessage(event.item.id);
        return true;
      case 'response.output_audio_transcript.delta':
      case 'response.output_text.delta':
        this.replyDelta(event.item_id, event.delta);
        return true;
      case 'response.output_audio_transcript.done':
        this.replyDone(event.item_id, event.transcript);
        return true;
      case 'response.output_text.done':
        this.replyDone(event.item_id, event.text);
        return true;
      case 'response.output_item.done':
        if (event.item.type !== 'message') return false;
        if (event.item.id) this.replyItemDone(event.item.id);
        return true;
      default:
        return false;
    }
  }

  /** A typed message is shown at once, final (it is the user's own text). */
  typed(text: string): void {
    const { id } = this.transcript.add('user', { text, final: true });
    this.typedRecently = [...this.typedRecently.slice(-7), { id, text }];
  }

  /**
   * Images went to the server with a turn: with a typed message they belong to its item; before a spoken turn
   * they are a user item of their own, as on the server (the spoken turn's item follows once committed).
   */
  imagesSent(images: TranscriptImage[], text: string | undefined): void {
    // The newest with this text: an older message may have said the same.
    const typed = text === undefined ? undefined : this.typedRecently.findLast((t) => t.text === text);
    if (typed) this.transcript.update(typed.id, { images });
    else this.transcript.add('user', { images, final: true });
  }

  /** A committed user turn gets its item now, so it sits before the answer. Returns its transcript id. */
  userTurn(serverItemId: string): string {
    return this.transcript.add('user', {}, serverItemId).id;
  }

  private userDelta(serverItemId: string, delta: string): void {
    const id = this.transcript.idFor(serverItemId);
    if (id) this.transcript.append(id, delta);
  }

  private userDone(serverItemId: string, text: string): void {
    const id = this.transcript.idFor(serverItemId);
    if (id) this.transcript.update(id, { text, final: true });
  }

  /** response.output_item.added for a message. */
  private replyMessage(serverItemId: string): void {
    this.replyItems.set(serverItemId, this.transcript.add('assistant', {}, serverItemId).id);
  }

  /** The transcript item for a reply item's audio, added if the message was not announced. */
  replyItemFor(serverItemId: string): string {
    const id = this.replyItems.get(serverItemId) ?? this.transcript.add('assistant', {}, serverItemId).id;
    this.replyItems.set(serverItemId, id);
    return id;
  }

  private replyDelta(serverItemId: string, delta: string): void {
    const id = this.replyItems.get(serverItemId);
    if (id && !this.isCut(serverItemId)) this.transcript.append(id, delta);
  }

  private replyDone(serverItemId: string, text: string): void {
    const id = this.replyItems.get(serverItemId);
    if (id && !this.isCut(serverItemId)) this.transcript.update(id, { text, final: true });
  }

  /** response.output_item.done for a message. */
  private replyItemDone(serverItemId: string): void {
    const id = this.replyItems.get(serverItemId);
    if (id) this.finalize(id);
  }

  /** Barge-in: the item keeps only what was heard, cut at a word. */
  showCut(cut: HeardCut): void {
    this.transcript.update(cut.transcriptId, (t) => ({
      text: heardPart(t.text, cut.heardMs, cut.receivedMs),
      interrupted: true,
      final: true,
    }));
  }

  /** The item whose audio was still streaming when its session went away. */
  markInterrupted(transcriptId: string): void {
    this.transcript.update(transcriptId, { final: true, interrupted: true });
  }

  /** The reply's text so far, its items joined. */
  replyText(): string {
    return [...this.replyItems.values()]
      .map((id) => this.transcript.get(id)?.text ?? '')
      .filter((text) => text)
      .join('\n');
  }

  /** The reply is over (done, or gone with its session): every item of it is final. */
  finishReply(): void {
    for (const id of this.replyItems.values()) this.finalize(id);
  }

  /** A new server session: its item ids are new; `keepContext`: it will be told what was said. */
  newSession(keepContext: boolean): void {
    this.transcript.forgetServerIds();
    this.replayDue = keepContext && this.transcript.contextText().length > 0;
  }

  /** The new session is confirmed: the conversation's text as items (`skip`: sent again as audio). */
  replayTo(wire: Wire, skip: string | undefined): void {
    if (this.replayDue) for (const event of contextItems(this.transcript.list(), skip)) wire.send(event);
    this.replayDue = false;
  }

  /** A new response: its items are new. */
  newReply(): void {
    this.replyItems = new Map();
  }

  private finalize(id: string): void {
    if (!this.transcript.get(id)?.final) this.transcript.update(id, { final: true });
  }
}
