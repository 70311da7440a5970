// The core's notices are bounded by count and by size, whatever is raised and however often.
import { describe, expect, it } from 'vitest';
import {
  createNotices,
  NOTICE_MESSAGE_LIMIT,
  NOTICES_KEPT,
  NOTICES_KEPT_SIZE,
} from '../../src-main/core/app/notices';
import { createEventBus } from '../../src-main/core/ipc/event-bus';
import type { Notice } from '../../src-preload/contract';

const sizeOf = (list: readonly Notice[]) => list.reduce((sum, n) => sum + n.message.length, 0);

describe('notices', () => {
  it('keep the newest, bounded by count', () => {
    const notices = createNotices(createEventBus());
    for (let i = 0; i < 10_000; i++) notices.notify({ level: 'warning', message: `notice ${i}` });
    const list = notices.list();
    expect(list).toHaveLength(NOTICES_KEPT);
    expect(list.at(-1)?.message).toBe('notice 9999');
  });

  it('keep the newest, bounded by size, each message cut to a readable length', () => {
    const events = createEventBus();
    const sent: Notice[] = [];
    events.on('notice', (n) => void sent.push(n));
    const notices = createNotices(events);
    for (let i = 0; i < 200; i++) notices.notify({ level: 'error', message: `${i} ${'x'.repeat(100_000)}` });
    const list = notices.list();
    expect(sizeOf(list)).toBeLessThanOrEqual(NOTICES_KEPT_SIZE);
    expect(list.length).toBeGreaterThan(0);
    expect(list.at(-1)?.message.startsWith('199 ')).toBe(true);
    for (const n of [...list, ...sent]) expect(n.message.length).toBeLessThanOrEqual(NOTICE_MESSAGE_LIMIT);
  });

  it('keep a notice raised again once, as the newest', () => {
    const notices = createNotices(createEventBus());
    notices.notify({ level: 'warning', message: 'microphone unplugged' });
    notices.notify({ level: 'info', message: 'profiles upgraded' });
    for (let i = 0; i < 100; i++) notices.notify({ level: 'warning', message: 'microphone unplugged' });
    expect(notices.list()).toEqual([
      { level: 'info', message: 'profiles upgraded' },
      { level: 'warning', message: 'microphone unplugged' },
    ]);
  });
});
