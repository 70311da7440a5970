// Transcript history: records every `transcript` event of the realtime engine into one append-only file
// per conversation (see conversation-log.ts), and lists, searches, exports and deletes conversations.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { ConversationSummary, TranscriptItem } from '../../../src-preload/contract';
import { CommandError } from '../ipc/command-error';
import type { EventBus } from '../ipc/event-bus';
import { ConversationWriter, readConversation, type ConversationContent } from './conversation-log';
import { conversationToJson, conversationToMarkdown } from './export-conversation';

export interface HistoryServiceOptions {
  directory: string;
  events: EventBus;
  /** Name of the profile a new conversation starts under. */
  profileName: () => string;
  now?: () => Date;
  log?: (message: string, error?: unknown) => void;
}

const EXTENSION = '.jsonl';

/** Ids the engine makes are file-name safe; anything else is hashed so it cannot leave the directory. */
const fileNameFor = (conversationId: string) =>
  /^[A-Za-z0-9_-]{1,100}$/.test(conversationId)
    ? `${conversationId}${EXTENSION}`
    : `h-${createHash('sha256').update(conversationId).digest('hex').slice(0, 32)}${EXTENSION}`;

export function createHistoryService(options: HistoryServiceOptions) {
  const { directory, events } = options;
  const now = options.now ?? (() => new Date());
  mkdirSync(directory, { recursive: true });
  const writers = new Map<string, ConversationWriter>();
  const deleted = new Set<string>();

  const pathOf = (id: string) => join(directory, fileNameFor(id));

  const record = (item: TranscriptItem) => {
    // A conversation the user deleted while it ran stays deleted.
    if (deleted.has(item.conversationId)) return;
    let writer = writers.get(item.conversationId);
    const isNew = !writer;
    if (!writer) {
      writer = new ConversationWriter(pathOf(item.conversationId), {
        conversationId: item.conversationId,
        profileName: options.profileName(),
        startedAt: now().toISOString(),
      });
      writers.set(item.conversationId, writer);
    }
    writer.record(item);
    // Deltas are not announced (dozens a second); new conversations and finished items are.
    if (isNew || item.final) events.emit('historyChanged', { conversationId: item.conversationId });
  };

  const unsubscribe = events.on('transcript', (item) => {
    try {
      record(item);
    } catch (error) {
      options.log?.('history: could not record a transcript item', error);
    }
  });

  const summarize = (content: ConversationContent, path: string): ConversationSummary => {
    const { header, items } = content;
    const firstUser = items.find((i) => i.role === 'user' && i.text.trim());
    const title = (firstUser ?? items.find((i) => i.text.trim()))?.text.trim().replace(/\s+/g, ' ');
    const last = items.at(-1);
    return {
      id: header.conversationId,
      title: title ? (title.length > 80 ? `${title.slice(0, 79)}…` : title) : 'Empty conversation',
      profileName: header.profileName,
      startedAt: header.startedAt,
      updatedAt: last?.at ?? statSync(path).mtime.toISOString(),
      messageCount: items.length,
    };
  };

  const load = (id: string) => {
    const path = pathOf(id);
    const content = existsSync(path) ? readConversation(path) : undefined;
    if (!content) throw new CommandError('not_found', 'No such conversation.');
    return { content, summary: summarize(content, path) };
  };

  const snippetFor = (items: TranscriptItem[], query: string): string | undefined => {
    const needle = query.toLowerCase();
    for (const item of items) {
      const at = item.text.toLowerCase().indexOf(needle);
      if (at < 0) continue;
      const start = Math.max(0, at - 40);
      const end = Math.min(item.text.length, at + needle.length + 40);
      return `${start > 0 ? '…' : ''}${item.text.slice(start, end)}${end < item.text.length ? '…' : ''}`;
    }
    return undefined;
  };

  return {
    record,

    list(query?: string): ConversationSummary[] {
      const q = query?.trim();
      const out: ConversationSummary[] = [];
      for (const name of readdirSync(directory)) {
        if (!name.endsWith(EXTENSION)) continue;
        const path = join(directory, name);
        let content: ConversationContent | undefined;
        try {
          content = readConversation(path);
        } catch (error) {
          options.log?.(`history: could not read ${name}`, error);
        }
        if (!content) continue;
        const summary = summarize(content, path);
        if (q) {
          const snippet =
            snippetFor(content.items, q) ??
            (summary.profileName.toLowerCase().includes(q.toLowerCase()) ? summary.title : undefined);
          if (snippet === undefined) continue;
          summary.snippet = snippet;
        }
        out.push(summary);
      }
      return out.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
    },

    get(id: string) {
      const { content, summary } = load(id);
      return { summary, items: content.items };
    },

    export(id: string, format: 'markdown' | 'json') {
      const { content, summary } = load(id);
      const base = `conversation-${summary.startedAt.slice(0, 19).replace(/[:T]/g, '-')}`;
      return format === 'markdown'
        ? { text: conversationToMarkdown(summary, content.items), fileName: `${base}.md` }
        : { text: conversationToJson(summary, content.items), fileName: `${base}.json` };
    },

    delete(id: string): { deleted: boolean } {
      const path = pathOf(id);
      writers.get(id)?.close();
      writers.delete(id);
      deleted.add(id);
      if (!existsSync(path)) return { deleted: false };
      rmSync(path);
      events.emit('historyChanged', { conversationId: id });
      return { deleted: true };
    },

    dispose() {
      unsubscribe();
      for (const writer of writers.values()) writer.close();
      writers.clear();
    },
  };
}
export type HistoryService = ReturnType<typeof createHistoryService>;
