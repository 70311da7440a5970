// The conversation files open for writing: one writer per conversation being recorded, closed when that
// conversation ends — another one becomes current, the session ends, or nothing was recorded for a while —
// so an app that runs for weeks holds no descriptor for conversations that are over. A late item (an answer
// finishing after "New conversation") reopens the file; the writer appends without a second start line.
import type { TranscriptAppend, TranscriptItem, UsageRecord } from '../../../src-preload/contract';
import { ConversationWriter, type ConversationHeader } from './conversation-log';

export interface WriterPoolOptions {
  pathOf: (conversationId: string) => string;
  /** The start line of a conversation file created now. */
  header: (conversationId: string) => ConversationHeader;
  idleCloseMs: number;
  log?: (message: string, error?: unknown) => void;
}

export function createWriterPool(options: WriterPoolOptions) {
  const open = new Map<string, { writer: ConversationWriter; idle: NodeJS.Timeout }>();

  const close = (conversationId: string) => {
    const entry = open.get(conversationId);
    if (!entry) return;
    open.delete(conversationId);
    clearTimeout(entry.idle);
    try {
      entry.writer.close();
    } catch (error) {
      options.log?.('history: could not close a conversation file', error);
    }
  };

  const writerFor = (conversationId: string) => {
    const entry = open.get(conversationId);
    if (entry) {
      entry.idle.refresh();
      return { writer: entry.writer, created: false };
    }
    const writer = new ConversationWriter(options.pathOf(conversationId), options.header(conversationId));
    // unref: a quiet writer must not keep a headless run (or a test) alive.
    const idle = setTimeout(() => close(conversationId), options.idleCloseMs).unref();
    open.set(conversationId, { writer, idle });
    return { writer, created: writer.created };
  };

  return {
    /** Writes the item to its conversation's file; `created` when this made the file. */
    record(item: TranscriptItem): { created: boolean } {
      const { writer, created } = writerFor(item.conversationId);
      writer.record(item);
      return { created };
    },
    /** Streaming text for an item of a conversation with an open writer (a closed one waits for the item). */
    append(append: TranscriptAppend): void {
      const entry = open.get(append.conversationId);
      if (!entry) return;
      entry.idle.refresh();
      entry.writer.append(append.id, append.text);
    },
    /** Writes a usage record to its conversation's file. */
    usage(record: UsageRecord): { created: boolean } {
      const { writer, created } = writerFor(record.conversationId);
      writer.usage(record);
      return { created };
    },
    close,
    /** Closes every writer except the current conversation's. */
    closeAllBut(current: string) {
      for (const id of [...open.keys()]) if (id !== current) close(id);
    },
    closeAll() {
      for (const id of [...open.keys()]) close(id);
    },
  };
}
export type WriterPool = ReturnType<typeof createWriterPool>;
