// Transcript history: records every `transcript` event of the realtime engine into one append-only file
// per conversation (see conversation-log.ts), and lists, searches, exports and deletes conversations.
// Listing goes through an in-memory index (history-index.ts); writers live only as long as their
// conversation (conversation-writers.ts). A file that is not a conversation costs only itself: it is moved
// aside (or, when it cannot even be read, left alone) and reported once, and never fails a command.
import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Notice, TranscriptItem, UsageRecord } from '../../../src-preload/contract';
import { CommandError } from '../ipc/command-error';
import type { EventBus } from '../ipc/event-bus';
import { conversationFileName, readConversation } from './conversation-log';
import { createConversationImages } from './conversation-images';
import { createWriterPool } from './conversation-writers';
import { conversationToJson, conversationToMarkdown } from './export-conversation';
import { createHistoryIndex, summarize, type UnusableReason } from './history-index';

export interface HistoryServiceOptions {
  directory: string;
  events: EventBus;
  /** Name of the profile a new conversation starts under. */
  profileName: () => string;
  now?: () => Date;
  log?: (message: string, error?: unknown) => void;
  /** The user is told (once per file) about a conversation file that could not be used. */
  notify?: (notice: Notice) => void;
  /** A writer nothing was recorded to for this long is closed (default one minute). */
  idleCloseMs?: number;
}

const stamp = (date: Date) => date.toISOString().replace(/[:.]/g, '-');

export function createHistoryService(options: HistoryServiceOptions) {
  const { directory, events } = options;
  const now = options.now ?? (() => new Date());
  mkdirSync(directory, { recursive: true });
  const deleted = new Set<string>();
  const pathOf = (id: string) => join(directory, conversationFileName(id));
  const images = createConversationImages(directory);

  const writers = createWriterPool({
    pathOf,
    header: (conversationId) => ({
      conversationId,
      profileName: options.profileName(),
      startedAt: now().toISOString(),
    }),
    idleCloseMs: options.idleCloseMs ?? 60_000,
    log: options.log,
  });

  const onUnusable = (name: string, path: string, reason: UnusableReason) => {
    if (reason.kind === 'unreadable') {
      options.log?.(`history: could not read ${name}`, reason.error);
      const code = (reason.error as NodeJS.ErrnoException).code ?? 'error';
      options.notify?.({
        level: 'warning',
        message: `The conversation file ${name} could not be read (${code}). It is left in place and not listed.`,
      });
      return;
    }
    // The name no longer ends in .jsonl, so listing skips it from now on; the user can still open it.
    const aside = `${path}.corrupt-${stamp(now())}`;
    try {
      renameSync(path, aside);
    } catch (error) {
      options.log?.(`history: could not move ${name} aside`, error);
      options.notify?.({
        level: 'warning',
        message: `The conversation file ${name} could not be read (${reason.why}) and is not listed.`,
      });
      return;
    }
    options.notify?.({
      level: 'warning',
      message: `The conversation file ${name} could not be read (${reason.why}). It was moved to ${aside}.`,
    });
  };
  const index = createHistoryIndex({ directory, onUnusable });

  const record = (item: TranscriptItem) => {
    // A conversation the user deleted while it ran stays deleted.
    if (deleted.has(item.conversationId)) return;
    const { created } = writers.record(images.keep(item));
    // Deltas are not announced (dozens a second); new conversations and finished items are.
    if (created || item.final) events.emit('historyChanged', { conversationId: item.conversationId });
  };

  const unsubscribers = [
    events.on('transcript', (item) => {
      try {
        record(item);
      } catch (error) {
        options.log?.('history: could not record a transcript item', error);
      }
    }),
    events.on('transcriptAppend', (append) => {
      if (deleted.has(append.conversationId)) return;
      try {
        writers.append(append);
      } catch (error) {
        options.log?.('history: could not record streaming text', error);
      }
    }),
    // The engine names the current conversation: the others have ended, and so has everything when the
    // session closes. Anything later for them reopens their file.
    events.on('sessionState', (state) => {
      if (state.status === 'disconnected') writers.closeAll();
      else if (state.conversationId) writers.closeAllBut(state.conversationId);
    }),
  ];

  const load = (id: string) => {
    const path = pathOf(id);
    if (!existsSync(path)) throw new CommandError('not_found', 'No such conversation.');
    let content;
    let mtime;
    try {
      content = readConversation(path);
      mtime = statSync(path).mtime;
    } catch (error) {
      options.log?.(`history: could not read conversation ${id}`, error);
      throw new CommandError('failed', 'The conversation file could not be read.');
    }
    // A file listing would move aside (no start line, or another conversation's) is not this conversation.
    if (!content || content.header.conversationId !== id)
      throw new CommandError('not_found', 'No such conversation.');
    const items = images.inflate(id, content.items);
    return {
      content: { ...content, items },
      summary: summarize(content.header, items, mtime, content.usage),
    };
  };

  return {
    record,

    /** Keeps a response's usage in its conversation's file (History's totals and exports read it). */
    recordUsage(usage: UsageRecord): void {
      if (deleted.has(usage.conversationId)) return;
      writers.usage(usage);
      events.emit('historyChanged', { conversationId: usage.conversationId });
    },

    list: (query?: string) => index.list(query),

    get(id: string) {
      const { content, summary } = load(id);
      return { summary, items: content.items };
    },

    export(id: string, format: 'markdown' | 'json') {
      const { content, summary } = load(id);
      const base = `conversation-${summary.startedAt.slice(0, 19).replace(/[:T]/g, '-')}`;
      return format === 'markdown'
        ? { text: conversationToMarkdown(summary, content.items, content.usage), fileName: `${base}.md` }
        : { text: conversationToJson(summary, content.items, content.usage), fileName: `${base}.json` };
    },

    delete(id: string): { deleted: boolean } {
      const path = pathOf(id);
      writers.close(id);
      deleted.add(id);
      if (!existsSync(path)) return { deleted: false };
      try {
        rmSync(path);
        images.remove(id);
      } catch (error) {
        options.log?.(`history: could not delete conversation ${id}`, error);
        throw new CommandError('failed', 'The conversation file could not be deleted.');
      }
      events.emit('historyChanged', { conversationId: id });
      return { deleted: true };
    },

    dispose() {
      for (const unsubscribe of unsubscribers) unsubscribe();
      writers.closeAll();
    },
  };
}
export type HistoryService = ReturnType<typeof createHistoryService>;
