// Book-keeping for the assistant's current response: whether one is active (so a second response.create is
// never sent), the audio item being played (for truncation), its transcript items, and tool calls.
import type { WireFormat } from '../audio/types';

export interface AudioItem {
  serverItemId: string;
  transcriptId: string;
  format: WireFormat;
  receivedBytes: number;
  truncated: boolean;
}

let createCounter = 0;

export class ResponseState {
  /** response.create sent (or response.created seen) and response.done not yet. */
  private active = false;
  serverCreated = false;
  responseId = '';
  createEventId = '';
  cancelRequested = false;
  /** Another response was asked for while this one ran: sent after response.done. */
  createQueued = false;
  audioItem: AudioItem | undefined;
  /** Server item id → transcript id, for the current response's message items. */
  textItems = new Map<string, string>();
  toolsRunning = 0;
  toolOutputs: { callId: string; output: string }[] = [];
  /** Bumped by every reset: a tool that finishes after one belongs to a response that is gone. */
  generation = 0;
  /** Voice can no longer change on this session once true (cleared by newSession). */
  assistantHasSpoken = false;
  private audioDone = true;

  isActive(): boolean {
    return this.active;
  }

  /** We are sending response.create. */
  begin(): void {
    this.clearTurn();
    this.active = true;
    this.createEventId = `response_create_${++createCounter}`;
  }

  /** response.created: also the server-VAD path, where the server starts responses itself. */
  onCreated(id: string): void {
    if (!this.active) this.clearTurn();
    this.active = true;
    this.responseId = id;
  }

  startAudioItem(serverItemId: string, transcriptId: string, format: WireFormat): AudioItem {
    this.audioItem = { serverItemId, transcriptId, format, receivedBytes: 0, truncated: false };
    this.audioDone = false;
    return this.audioItem;
  }

  /** Audio is still arriving for the active response. */
  audioStreaming(): boolean {
    return this.active && !this.audioDone && !this.cancelRequested;
  }

  openTextItems(): string[] {
    return [...this.textItems.values()];
  }

  assistantText(textOf: (transcriptId: string) => string): string {
    return this.openTextItems()
      .map(textOf)
      .filter((t) => t)
      .join('\n');
  }

  /** response.done: the audio item stays known (barge-in may still truncate what is playing). */
  end(): void {
    this.active = false;
    this.audioDone = true;
    this.createQueued = false;
    this.cancelRequested = false;
    this.serverCreated = false;
  }

  /** The socket is gone or the conversation restarts. */
  reset(): void {
    this.end();
    this.clearTurn();
    this.toolsRunning = 0;
    this.toolOutputs = [];
    this.generation++;
  }

  /** A new server session (reconnect, renewal, restart): it holds no assistant audio yet. */
  newSession(): void {
    this.reset();
    this.assistantHasSpoken = false;
  }

  private clearTurn(): void {
    this.textItems = new Map();
    this.audioItem = undefined;
    this.cancelRequested = false;
  }
}
