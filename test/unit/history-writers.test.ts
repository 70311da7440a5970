// History writers hold a file open only while their conversation runs: a new conversation, the end of the
// session, or a quiet minute closes it; a late item reopens the same file without a second start line. A
// writer remembers only the items still streaming, never a copy of every item.
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConversationWriter } from '../../src-main/core/history/conversation-log';
import { createHistoryService } from '../../src-main/core/history/history-service';
import { createEventBus } from '../../src-main/core/ipc/event-bus';
import type { TranscriptItem } from '../../src-preload/contract';
import { useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();
afterEach(() => {
  vi.useRealTimers();
});

const item = (
  over: Partial<TranscriptItem> & Pick<TranscriptItem, 'id' | 'conversationId'>,
): TranscriptItem => ({ role: 'user', text: 'hi', final: true, at: '2026-05-01T10:00:00.000Z', ...over });

/** Descriptors this process holds on files in `directory` (Linux: /proc/self/fd). */
const openIn = (directory: string) =>
  readdirSync('/proc/self/fd')
    .map((fd) => {
      try {
        return readlinkSync(`/proc/self/fd/${fd}`);
      } catch {
        return '';
      }
    })
    .filter((target) => target.startsWith(`${directory}/`));

function open(idleCloseMs?: number) {
  const directory = tempDir();
  const events = createEventBus();
  const history = createHistoryService({ directory, events, profileName: () => 'P', idleCloseMs });
  return { directory, events, history };
}

describe.runIf(process.platform === 'linux')('history writers', () => {
  it('close when another conversation becomes current, and keep one start line when a late item reopens', () => {
    const { directory, events, history } = open();
    events.emit('transcript', item({ id: 'u1', conversationId: 'c1' }));
    events.emit('transcript', item({ id: 'u2', conversationId: 'c2' }));
    events.emit('transcript', item({ id: 'u3', conversationId: 'c3' }));
    expect(openIn(directory)).toHaveLength(3);
    // The engine says which conversation is current (it does on "New conversation"): the others close.
    events.emit('sessionState', { status: 'ready', muted: false, conversationId: 'c3' });
    expect(openIn(directory)).toEqual([join(directory, 'c3.jsonl')]);
    events.emit('sessionState', { status: 'ready', muted: false, conversationId: 'c4' });
    expect(openIn(directory)).toEqual([]);

    // A late final item of an old conversation (an answer finishing after "New conversation").
    events.emit('transcript', item({ id: 'a1', conversationId: 'c1', role: 'assistant', text: 'late' }));
    const lines = readFileSync(join(directory, 'c1.jsonl'), 'utf8').trim().split('\n');
    expect(lines.filter((l) => l.includes('"k":"start"'))).toHaveLength(1);
    expect(history.get('c1').items.map((i) => i.text)).toEqual(['hi', 'late']);
    history.dispose();
  });

  it('close when the session ends', () => {
    const { directory, events, history } = open();
    events.emit('transcript', item({ id: 'u1', conversationId: 'c1' }));
    expect(openIn(directory)).toHaveLength(1);
    events.emit('sessionState', { status: 'disconnected', muted: false, conversationId: 'c1' });
    expect(openIn(directory)).toEqual([]);
    history.dispose();
  });

  it('close after a quiet spell', () => {
    vi.useFakeTimers();
    const { directory, events, history } = open(60_000);
    events.emit('transcript', item({ id: 'u1', conversationId: 'c1' }));
    vi.advanceTimersByTime(59_000);
    events.emit('transcript', item({ id: 'a1', conversationId: 'c1', role: 'assistant', final: false }));
    vi.advanceTimersByTime(59_000);
    expect(openIn(directory)).toHaveLength(1);
    vi.advanceTimersByTime(2_000);
    expect(openIn(directory)).toEqual([]);
    history.dispose();
  });
});

describe('a conversation writer', () => {
  it('remembers only the items still streaming', () => {
    const path = join(tempDir(), 'c.jsonl');
    const writer = new ConversationWriter(path, { conversationId: 'c', profileName: 'P', startedAt: 'x' });
    for (let i = 0; i < 50; i++) writer.record(item({ id: `u${i}`, conversationId: 'c' }));
    writer.record(item({ id: 'a', conversationId: 'c', role: 'assistant', text: 'It', final: false }));
    writer.record(item({ id: 'a', conversationId: 'c', role: 'assistant', text: 'It is', final: false }));
    expect(writer.streamingItems).toBe(1);
    writer.record(item({ id: 'a', conversationId: 'c', role: 'assistant', text: 'It is done.' }));
    expect(writer.streamingItems).toBe(0);
    writer.close();
    const lines = readFileSync(path, 'utf8').trim().split('\n');
    expect(lines.filter((l) => l.includes('"k":"append"'))).toEqual(['{"k":"append","id":"a","text":" is"}']);
  });
});
