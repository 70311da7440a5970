// The history's index, in memory: a summary per conversation file plus the text a search looks through,
// kept while the file's stamp (inode, size, mtime) is unchanged. Listing stats the directory and re-reads
// only files whose stamp moved, so a running conversation costs one file read per refresh, not all of them.
//
// Why in memory and not an index file: the conversation files are the truth and are written by one
// append(2) per line; a second file would have to be kept in step with them across crashes and hand edits,
// and checked against them anyway. Rebuilding costs one read of each file on the first list after start
// (measured in bench/suites/history.ts), which the History view pays once.
import { readdirSync, statSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import type { ConversationSummary, TranscriptItem, UsageRecord } from '../../../src-preload/contract';
import { totalsOf } from '../usage/totals';
import { conversationFileName, CONVERSATION_EXTENSION, readConversation } from './conversation-log';

/** Search text kept in memory, in characters; past it, a search reads the remaining files from disk. */
export const SEARCH_TEXT_BUDGET = 8_000_000;

interface Entry {
  stamp: string;
  path: string;
  summary: ConversationSummary;
  /** The items' texts, for search; absent once the budget is spent. */
  texts?: string[];
  chars: number;
}

export type UnusableReason = { kind: 'corrupt'; why: string } | { kind: 'unreadable'; error: unknown };

export interface HistoryIndexOptions {
  directory: string;
  /**
   * A file that is not a conversation (or cannot be read). Called once per state of the file: it is not
   * reported again until it changes. The callback may move the file away.
   */
  onUnusable: (name: string, path: string, reason: UnusableReason) => void;
  searchBudget?: number;
}

const stampOf = (stats: Stats) => `${stats.ino}:${stats.size}:${stats.mtimeMs}`;

export function summarize(
  header: { conversationId: string; profileName: string; startedAt: string },
  items: readonly TranscriptItem[],
  mtime: Date,
  usage: readonly UsageRecord[] = [],
): ConversationSummary {
  const firstUser = items.find((i) => i.role === 'user' && i.text.trim());
  const title = (firstUser ?? items.find((i) => i.text.trim()))?.text.trim().replace(/\s+/g, ' ');
  return {
    id: header.conversationId,
    title: title ? (title.length > 80 ? `${title.slice(0, 79)}…` : title) : 'Empty conversation',
    profileName: header.profileName,
    startedAt: header.startedAt,
    updatedAt: items.at(-1)?.at ?? mtime.toISOString(),
    messageCount: items.length,
    ...(usage.length ? { usage: totalsOf(usage) } : {}),
  };
}

function snippetIn(texts: readonly string[], query: string): string | undefined {
  const needle = query.toLowerCase();
  for (const text of texts) {
    const at = text.toLowerCase().indexOf(needle);
    if (at < 0) continue;
    const start = Math.max(0, at - 40);
    const end = Math.min(text.length, at + needle.length + 40);
    return `${start > 0 ? '…' : ''}${text.slice(start, end)}${end < text.length ? '…' : ''}`;
  }
  return undefined;
}

export function createHistoryIndex(options: HistoryIndexOptions) {
  const { directory } = options;
  const budget = options.searchBudget ?? SEARCH_TEXT_BUDGET;
  const entries = new Map<string, Entry>();
  /** Files reported unusable, with the stamp they had then. */
  const unusable = new Map<string, string>();
  let cachedChars = 0;

  const forget = (name: string) => {
    const entry = entries.get(name);
    if (entry?.texts) cachedChars -= entry.chars;
    entries.delete(name);
  };

  const load = (name: string, path: string, stats: Stats, stamp: string) => {
    let content;
    try {
      content = readConversation(path);
    } catch (error) {
      unusable.set(name, stamp);
      options.onUnusable(name, path, { kind: 'unreadable', error });
      return;
    }
    const why = !content
      ? 'it has no valid start line'
      : conversationFileName(content.header.conversationId) !== name
        ? 'its start line names another conversation'
        : undefined;
    if (!content || why) {
      unusable.set(name, stamp);
      options.onUnusable(name, path, { kind: 'corrupt', why: why ?? 'unknown' });
      return;
    }
    const texts = content.items.map((i) => i.text);
    const chars = texts.reduce((sum, t) => sum + t.length, 0);
    const keep = cachedChars + chars <= budget;
    if (keep) cachedChars += chars;
    entries.set(name, {
      stamp,
      path,
      summary: summarize(content.header, content.items, stats.mtime, content.usage),
      chars,
      ...(keep ? { texts } : {}),
    });
  };

  /** Brings the index in step with the directory: new, changed and removed files. */
  const refresh = () => {
    const seen = new Set<string>();
    for (const name of readdirSync(directory)) {
      if (!name.endsWith(CONVERSATION_EXTENSION)) continue;
      const path = join(directory, name);
      let stats: Stats;
      try {
        stats = statSync(path);
      } catch {
        continue; // removed between readdir and stat
      }
      seen.add(name);
      const stamp = stampOf(stats);
      if (entries.get(name)?.stamp === stamp || unusable.get(name) === stamp) continue;
      forget(name);
      unusable.delete(name);
      load(name, path, stats, stamp);
    }
    for (const name of entries.keys()) if (!seen.has(name)) forget(name);
    for (const name of unusable.keys()) if (!seen.has(name)) unusable.delete(name);
  };

  const textsOf = (entry: Entry): readonly string[] => {
    if (entry.texts) return entry.texts;
    try {
      return readConversation(entry.path)?.items.map((i) => i.text) ?? [];
    } catch {
      return []; // gone or unreadable since the refresh: the next refresh reports it
    }
  };

  return {
    /** Summaries newest first; with a query, only matches, each with a snippet. */
    list(query?: string): ConversationSummary[] {
      refresh();
      const q = query?.trim().toLowerCase();
      const out: ConversationSummary[] = [];
      for (const entry of entries.values()) {
        if (!q) {
          out.push({ ...entry.summary });
          continue;
        }
        const snippet =
          snippetIn(textsOf(entry), q) ??
          (entry.summary.profileName.toLowerCase().includes(q) ? entry.summary.title : undefined);
        if (snippet !== undefined) out.push({ ...entry.summary, snippet });
      }
      return out.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
    },
  };
}
export type HistoryIndex = ReturnType<typeof createHistoryIndex>;
