// Usage kept with the history: each record in its conversation's file, totals in the History list and the
// opened conversation, and the records in both exports. A conversation reopened after a restart still has
// them (they are in the file, not in memory).
import { describe, expect, it } from 'vitest';
import { createHistoryService } from '../../../src-main/core/history/history-service';
import type { TranscriptItem, UsageRecord } from '../../../src-preload/contract';
import { zeroTokens } from '../../../src-main/core/usage/read-usage';
import { recordingBus } from '../../support/core-harness';
import { useTempDir } from '../../support/temp-dir';

const tempDir = useTempDir();

const item: TranscriptItem = {
  id: 'u1',
  conversationId: 'c1',
  role: 'user',
  text: 'What does this cost?',
  final: true,
  at: '2026-12-05T10:00:00.000Z',
};
const record = (over: Partial<UsageRecord>): UsageRecord => ({
  kind: 'response',
  id: 'resp_1',
  conversationId: 'c1',
  turn: 1,
  at: '2026-12-05T10:00:02.000Z',
  model: 'gpt-realtime',
  tokens: { ...zeroTokens(), inputText: 120, inputAudio: 30, cachedText: 64, outputAudio: 90 },
  costNanoUsd: 7_201_600,
  ...over,
});

function open(directory: string) {
  const bus = recordingBus();
  return createHistoryService({ directory, events: bus.events, profileName: () => 'Voice assistant' });
}

describe('usage in the history', () => {
  it('is listed, opened and exported with its conversation, after a restart too', () => {
    const directory = tempDir();
    const first = open(directory);
    first.record(item);
    first.recordUsage(record({}));
    first.recordUsage(record({ id: 'resp_2', turn: 2, model: 'my-model', costNanoUsd: null }));
    first.recordUsage(record({ id: 'resp_3', turn: 2, tokens: null, costNanoUsd: null }));
    first.dispose();

    const history = open(directory);
    const [summary] = history.list();
    expect(summary?.usage).toMatchObject({ responses: 3, unknown: 1, unpriced: 1, costNanoUsd: 7_201_600 });
    expect(history.get('c1').summary.usage?.costUsd).toBe(0.0072016);

    const markdown = history.export('c1', 'markdown').text;
    expect(markdown).toContain('## Usage');
    expect(markdown).toContain('300 in (128 cached) · 180 out · $0.0072+ · 1 without usage');
    expect(markdown).toContain('| 1 | response | gpt-realtime | 150 (64) | 90 | $0.0072 |');
    expect(markdown).toContain('| 2 | response | my-model | 150 (64) | 90 | no price |');
    expect(markdown).toContain('| 2 | response | gpt-realtime | unknown |  |  |');

    const json = JSON.parse(history.export('c1', 'json').text) as {
      conversation: { usage: { costNanoUsd: number } };
      usage: UsageRecord[];
    };
    expect(json.conversation.usage.costNanoUsd).toBe(7_201_600);
    expect(json.usage.map((r) => r.id)).toEqual(['resp_1', 'resp_2', 'resp_3']);
    history.dispose();
  });

  it('a conversation without usage has no usage section and no totals', () => {
    const history = open(tempDir());
    history.record(item);
    expect(history.list()[0]?.usage).toBeUndefined();
    expect(history.export('c1', 'markdown').text).not.toContain('## Usage');
    history.dispose();
  });
});
