// The conversation as the user sees it: items with stable ids that stream (same id, growing text) and then
// become final. Server item ids map to our ids, so a reconnect (new server ids) never renames an item.
import { randomUUID } from 'node:crypto';
import type { TranscriptAppend, TranscriptItem } from '../../../src-preload/contract';

export class Transcript {
  private items: TranscriptItem[] = [];
  private byServerId = new Map<string, string>();
  conversationId = randomUUID();

  constructor(
    private readonly emit: (item: TranscriptItem) => void,
    /** Streaming text: only the new part is told. */
    private readonly emitAppend: (append: TranscriptAppend) => void = () => {},
  ) {}

  list(): TranscriptItem[] {
    return this.items.map((i) => ({ ...i }));
  }

  /** Start over: a new conversation id, nothing kept. */
  reset(): void {
    this.items = [];
    this.byServerId.clear();
    this.conversationId = randomUUID();
  }

  /** A new server session: its item ids are new, ours stay. */
  forgetServerIds(): void {
    this.byServerId.clear();
  }

  idFor(serverItemId: string): string | undefined {
    return this.byServerId.get(serverItemId);
  }

  add(
    role: TranscriptItem['role'],
    fields: Partial<TranscriptItem> = {},
    serverItemId?: string,
  ): TranscriptItem {
    const item: TranscriptItem = {
      id: randomUUID(),
      conversationId: this.conversationId,
      role,
      text: '',
      final: false,
      at: new Date().toISOString(),
      ...fields,
    };
    this.items.push(item);
    if (serverItemId) this.byServerId.set(serverItemId, item.id);
    this.emit({ ...item });
    return item;
  }

  /** Upsert by our id; emits the new state of the item. */
  update(
    id: string,
    change: Partial<TranscriptItem> | ((item: TranscriptItem) => Partial<TranscriptItem>),
  ): void {
    const item = this.items.find((i) => i.id === id);
    if (!item) return;
    Object.assign(item, typeof change === 'function' ? change(item) : change);
    this.emit({ ...item });
  }

  /** Streaming text added to an item: tells only the new part. */
  append(id: string, text: string): void {
    const item = this.items.find((i) => i.id === id);
    if (!item || !text) return;
    item.text += text;
    this.emitAppend({ id, conversationId: item.conversationId, text });
  }

  get(id: string): TranscriptItem | undefined {
    return this.items.find((i) => i.id === id);
  }

  /** What a new session needs to know: user and assistant text, in order (replayed as items). */
  contextText(): { role: 'user' | 'assistant'; text: string }[] {
    return this.items
      .filter((i) => (i.role === 'user' || i.role === 'assistant') && i.text.trim())
      .map((i) => ({ role: i.role as 'user' | 'assistant', text: i.text }));
  }
}

/** The part of `text` heard when `playedMs` of `receivedMs` audio played, cut at a word boundary. */
export function heardPart(text: string, playedMs: number, receivedMs: number): string {
  if (receivedMs <= 0 || playedMs >= receivedMs) return text;
  const cut = Math.floor((text.length * Math.max(0, playedMs)) / receivedMs);
  const space = text.lastIndexOf(' ', cut);
  return text.slice(0, space > 0 ? space : cut).trimEnd();
}
