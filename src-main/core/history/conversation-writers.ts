// The conversation files open for writing: one writer per conversation being recorded, closed when that
// conversation ends — another one becomes current, the session ends, or nothing was recorded for a while —
// so an app that runs for weeks holds no descriptor for conversations that are over. A late item (an answer
// finishing after "New conversation") reopens the file; the writer appends without a second start line.
import type { TranscriptItem } from '../../../src-preload/contract';
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

  return {
    /** Writes the item to its conversation's file; `created` when this made the file. */
    record(item: TranscriptItem): { created: boolean } {
      let entry = open.get(item.conversationId);
      let created = false;
      if (entry) entry.idle.refresh();
      else {
        const writer = new ConversationWriter(
          options.pathOf(item.conversationId),
          options.header(item.conversationId),
        );
        created = writer.created;
        // unref: a quiet writer must not keep a headless run (or a test) alive.
        const idle = setTimeout(() => close(item.conversationId), options.idleCloseMs).unref();
        entry = { writer, idle };
        open.set(item.conversationId, entry);
      }
      entry.writer.record(item);
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
