// One conversation on disk: an append-only JSON-lines file. Lines are
//   {"k":"start","conversationId","profileName","startedAt"}   once, first
//   {"k":"item","item":{…TranscriptItem}}                      a whole item (new, replaced, or final)
//   {"k":"append","id","text"}                                 a streaming item grew by `text`
//   {"k":"usage","record":{…UsageRecord}}                       a response's (or transcription's) priced usage
// Each line is written with one write(2) as it happens, so a killed process keeps everything up to the
// last delta (the kernel holds what was written); a torn last line is skipped when reading. Reading trusts
// nothing: a line that is not what this file writes is skipped, and a file without a valid start line is
// not a conversation (the caller decides what to do with it).
import { createHash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readFileSync, writeSync } from 'node:fs';
import { z } from 'zod';
import {
  transcriptItemSchema,
  usageRecordSchema,
  type TranscriptItem,
  type UsageRecord,
} from '../../../src-preload/contract';

export const CONVERSATION_EXTENSION = '.jsonl';

/** Ids the engine makes are file-name safe; anything else is hashed so it cannot leave the directory. */
export const conversationFileName = (conversationId: string) =>
  /^[A-Za-z0-9_-]{1,100}$/.test(conversationId)
    ? `${conversationId}${CONVERSATION_EXTENSION}`
    : `h-${createHash('sha256').update(conversationId).digest('hex').slice(0, 32)}${CONVERSATION_EXTENSION}`;

const headerSchema = z.object({
  conversationId: z.string().min(1),
  profileName: z.string(),
  startedAt: z.string(),
});
export type ConversationHeader = z.infer<typeof headerSchema>;

export interface ConversationContent {
  header: ConversationHeader;
  /** In first-seen order, each at its latest state. */
  items: TranscriptItem[];
  /** What each response cost, in the order they ended. */
  usage: UsageRecord[];
}

type Line =
  | ({ k: 'start' } & ConversationHeader)
  | { k: 'item'; item: TranscriptItem }
  | { k: 'append'; id: string; text: string }
  | { k: 'usage'; record: UsageRecord };

/** What a streaming item looked like when last written: enough to write only what the next update adds. */
type Streaming = Pick<TranscriptItem, 'text' | 'role' | 'interrupted' | 'tool'>;

export class ConversationWriter {
  private readonly fd: number;
  /**
   * Items still streaming (not final), by id. A final item is forgotten: any later change to it is written
   * whole, so the writer holds only the one or two items in flight, never the conversation.
   */
  private readonly streaming = new Map<string, Streaming>();
  /** True when this writer created the file (a reopened conversation keeps its one start line). */
  readonly created: boolean;

  constructor(
    readonly path: string,
    header: ConversationHeader,
  ) {
    this.fd = openSync(path, 'a');
    this.created = fstatSync(this.fd).size === 0;
    if (this.created) this.line({ k: 'start', ...header });
  }

  /** For tests and diagnostics: how many items the writer remembers. */
  get streamingItems(): number {
    return this.streaming.size;
  }

  record(item: TranscriptItem): void {
    const before = this.streaming.get(item.id);
    const onlyGrew =
      before !== undefined &&
      !item.final &&
      item.text.startsWith(before.text) &&
      sameExceptText(before, item);
    if (onlyGrew) {
      if (item.text.length > before.text.length) {
        this.line({ k: 'append', id: item.id, text: item.text.slice(before.text.length) });
      }
    } else {
      this.line({ k: 'item', item });
    }
    if (item.final) this.streaming.delete(item.id);
    else
      this.streaming.set(item.id, {
        text: item.text,
        role: item.role,
        interrupted: item.interrupted,
        tool: item.tool,
      });
  }

  /** Streaming text for an item being written: one append line. An item not streaming waits for its update. */
  append(id: string, text: string): void {
    const streaming = this.streaming.get(id);
    if (!streaming || !text) return;
    this.line({ k: 'append', id, text });
    streaming.text += text;
  }

  usage(record: UsageRecord): void {
    this.line({ k: 'usage', record });
  }

  close(): void {
    closeSync(this.fd);
    this.streaming.clear();
  }

  private line(line: Line) {
    writeSync(this.fd, `${JSON.stringify(line)}\n`);
  }
}

const sameExceptText = (a: Streaming, b: TranscriptItem) =>
  a.role === b.role && a.interrupted === b.interrupted && JSON.stringify(a.tool) === JSON.stringify(b.tool);

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Replays a conversation file; undefined when it has no valid start line. Throws only when the file
 * cannot be read at all (missing, a directory, no permission, too large for a string).
 */
export function readConversation(path: string): ConversationContent | undefined {
  const items = new Map<string, TranscriptItem>();
  const usage: UsageRecord[] = [];
  let header: ConversationHeader | undefined;
  for (const text of readFileSync(path, 'utf8').split('\n')) {
    if (!text) continue;
    let line: unknown;
    try {
      line = JSON.parse(text);
    } catch {
      continue; // a torn last line from a killed process, or noise
    }
    if (!isObject(line)) continue;
    if (line.k === 'start') {
      if (header) continue;
      const parsed = headerSchema.safeParse(line);
      if (parsed.success) header = parsed.data;
    } else if (line.k === 'item') {
      const parsed = transcriptItemSchema.safeParse(line.item);
      if (parsed.success) items.set(parsed.data.id, parsed.data);
    } else if (line.k === 'append' && typeof line.id === 'string' && typeof line.text === 'string') {
      const item = items.get(line.id);
      if (item) items.set(line.id, { ...item, text: item.text + line.text });
    } else if (line.k === 'usage') {
      const parsed = usageRecordSchema.safeParse(line.record);
      if (parsed.success) usage.push(parsed.data);
    }
  }
  return header ? { header, items: [...items.values()], usage } : undefined;
}
