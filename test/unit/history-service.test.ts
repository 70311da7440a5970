// Transcript history: recorded from transcript events, listed, searched, exported, deleted.
import { appendFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TranscriptItem } from '../../src-preload/contract';
import { createHistoryService } from '../../src-main/core/history/history-service';
import { recordingBus } from '../support/core-harness';
import { useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();
const item = (
  over: Partial<TranscriptItem> & Pick<TranscriptItem, 'id' | 'conversationId'>,
): TranscriptItem => ({
  role: 'user',
  text: '',
  final: true,
  at: '2026-05-01T10:00:00.000Z',
  ...over,
});

function open(profile = 'Voice assistant') {
  const bus = recordingBus();
  const history = createHistoryService({
    directory: tempDir(),
    events: bus.events,
    profileName: () => profile,
    now: () => new Date('2026-05-01T09:59:59.000Z'),
  });
  return { history, ...bus };
}

describe('history service', () => {
  it('records transcript events, upserting streamed items by id', () => {
    const { history, events, named } = open();
    events.emit(
      'transcript',
      item({ id: 'u1', conversationId: 'c1', text: 'What is the weather in Paris?' }),
    );
    for (const text of ['It', 'It is', 'It is sunny']) {
      events.emit(
        'transcript',
        item({ id: 'a1', conversationId: 'c1', role: 'assistant', text, final: false }),
      );
    }
    events.emit(
      'transcript',
      item({
        id: 'a1',
        conversationId: 'c1',
        role: 'assistant',
        text: 'It is sunny.',
        at: '2026-05-01T10:00:05.000Z',
      }),
    );
    const { summary, items } = history.get('c1');
    expect(summary).toEqual({
      id: 'c1',
      title: 'What is the weather in Paris?',
      profileName: 'Voice assistant',
      startedAt: '2026-05-01T09:59:59.000Z',
      updatedAt: '2026-05-01T10:00:05.000Z',
      messageCount: 2,
    });
    expect(items.map((i) => [i.id, i.text, i.final])).toEqual([
      ['u1', 'What is the weather in Paris?', true],
      ['a1', 'It is sunny.', true],
    ]);
    // Announced when an item is final (the first one also opened the conversation), never per delta.
    expect(named('historyChanged')).toHaveLength(2);
    history.dispose();
  });

  it('lists newest first and searches text with a snippet', () => {
    const { history, events } = open();
    events.emit(
      'transcript',
      item({
        id: 'u1',
        conversationId: 'old',
        text: 'Remind me to buy oat milk tomorrow morning please',
        at: '2026-04-01T00:00:00.000Z',
      }),
    );
    events.emit(
      'transcript',
      item({ id: 'u2', conversationId: 'new', text: 'Translate hello', at: '2026-05-02T00:00:00.000Z' }),
    );
    expect(history.list().map((c) => c.id)).toEqual(['new', 'old']);
    expect(history.list('OAT MILK')).toEqual([
      expect.objectContaining({ id: 'old', snippet: 'Remind me to buy oat milk tomorrow morning please' }),
    ]);
    expect(history.list('nothing like this')).toEqual([]);
    history.dispose();
  });

  it('exports Markdown and JSON, and deletes', () => {
    const { history, events } = open();
    events.emit('transcript', item({ id: 'u1', conversationId: 'c1', text: 'Weather?' }));
    events.emit(
      'transcript',
      item({
        id: 't1',
        conversationId: 'c1',
        role: 'tool',
        text: '',
        tool: { name: 'get_weather', arguments: '{"city":"Paris"}', output: '{"sky":"clear"}' },
      }),
    );
    events.emit(
      'transcript',
      item({ id: 'a1', conversationId: 'c1', role: 'assistant', text: 'Clear skies', interrupted: true }),
    );
    const md = history.export('c1', 'markdown');
    expect(md.fileName).toBe('conversation-2026-05-01-09-59-59.md');
    expect(md.text).toContain('# Weather?');
    expect(md.text).toContain('**You** (10:00:00): Weather?');
    expect(md.text).toContain('**Tool** (10:00:00): `get_weather({"city":"Paris"})`');
    expect(md.text).toContain('**Assistant** (10:00:00): Clear skies _(interrupted)_');
    const json = JSON.parse(history.export('c1', 'json').text);
    expect(json.items).toHaveLength(3);
    expect(json.conversation.id).toBe('c1');

    expect(history.delete('c1')).toEqual({ deleted: true });
    expect(() => history.get('c1')).toThrow(/No such conversation/);
    expect(history.delete('c1')).toEqual({ deleted: false });
    // Late items of a deleted conversation do not bring it back.
    events.emit('transcript', item({ id: 'u9', conversationId: 'c1', text: 'again' }));
    expect(history.list()).toEqual([]);
    history.dispose();
  });

  it('skips a torn last line and keeps odd conversation ids inside the directory', () => {
    const { history, events } = open();
    events.emit('transcript', item({ id: 'u1', conversationId: '../../etc/passwd', text: 'hi' }));
    history.dispose();
    const files = readdirSync(tempDir());
    expect(files).toEqual([expect.stringMatching(/^h-[0-9a-f]{32}\.jsonl$/)]);
    appendFileSync(join(tempDir(), files[0] ?? ''), '{"k":"append","id":"u1","te');
    expect(history.get('../../etc/passwd').items).toEqual([
      expect.objectContaining({ id: 'u1', text: 'hi' }),
    ]);
  });
});
