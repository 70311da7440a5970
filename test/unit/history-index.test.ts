// Listing and searching history reads only the conversation files that changed since the last time, not
// every file on every historyChanged. The file reads are counted at the fs boundary.
import type * as Fs from 'node:fs';
import { appendFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createHistoryService } from '../../src-main/core/history/history-service';
import { createEventBus } from '../../src-main/core/ipc/event-bus';
import type { TranscriptItem } from '../../src-preload/contract';
import { useTempDir } from '../support/temp-dir';

const reads: string[] = [];
vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof Fs>();
  return {
    ...real,
    readFileSync: (...args: Parameters<typeof real.readFileSync>) => {
      if (typeof args[0] === 'string' && args[0].endsWith('.jsonl')) reads.push(args[0]);
      return real.readFileSync(...args);
    },
  };
});

const tempDir = useTempDir();
const item = (conversationId: string, id: string, text: string): TranscriptItem => ({
  id,
  conversationId,
  role: 'user',
  text,
  final: true,
  at: `2026-05-01T10:00:${id.padStart(2, '0').slice(-2)}.000Z`,
});

describe('the history index', () => {
  it('re-reads only the conversations that changed', () => {
    const directory = tempDir();
    const events = createEventBus();
    const history = createHistoryService({ directory, events, profileName: () => 'P' });
    for (let c = 0; c < 20; c++) events.emit('transcript', item(`c${c}`, `${c}`, `note number ${c}`));

    reads.length = 0;
    expect(history.list()).toHaveLength(20);
    expect(reads).toHaveLength(20); // the first list builds the index

    reads.length = 0;
    events.emit('transcript', item('c3', '40', 'a later thought about apples'));
    expect(history.list()[0]).toMatchObject({ id: 'c3', messageCount: 2 });
    expect(history.list('APPLES')).toEqual([
      expect.objectContaining({ id: 'c3', snippet: 'a later thought about apples' }),
    ]);
    expect(history.list('number 7').map((c) => c.id)).toEqual(['c7']);
    expect(reads.map((p) => p.slice(directory.length + 1))).toEqual(['c3.jsonl']);

    // Changes made behind its back are seen too: a file appended to, one removed, one added.
    reads.length = 0;
    appendFileSync(
      join(directory, 'c5.jsonl'),
      `${JSON.stringify({ k: 'item', item: item('c5', '59', 'pears too') })}\n`,
    );
    rmSync(join(directory, 'c6.jsonl'));
    writeFileSync(
      join(directory, 'x.jsonl'),
      `${JSON.stringify({ k: 'start', conversationId: 'x', profileName: 'Q', startedAt: '2026-01-01T00:00:00.000Z' })}\n`,
    );
    const ids = history.list().map((c) => c.id);
    expect(ids).toHaveLength(20);
    expect(ids).toContain('x');
    expect(ids).not.toContain('c6');
    expect(history.list('pears').map((c) => c.id)).toEqual(['c5']);
    expect(reads.map((p) => p.slice(directory.length + 1)).sort()).toEqual(['c5.jsonl', 'x.jsonl']);
    history.dispose();
  });
});
