// Notices the user should see once (a moved-aside file, a weak keychain…). Most are raised while the core
// starts, before any window listens, so they are kept and a window asks for them (getNotices) on load.
// What is kept is bounded: a notice raised again (a device that keeps failing) is kept once, the newest
// NOTICES_KEPT within NOTICES_KEPT_SIZE characters stay, and one message is cut at NOTICE_MESSAGE_LIMIT
// (some quote an error from outside, of any length).
import type { Notice } from '../../../src-preload/contract';
import type { EventBus } from '../ipc/event-bus';

export const NOTICES_KEPT = 50;
export const NOTICES_KEPT_SIZE = 50_000;
export const NOTICE_MESSAGE_LIMIT = 2_000;

const clamp = (notice: Notice): Notice =>
  notice.message.length > NOTICE_MESSAGE_LIMIT
    ? { ...notice, message: `${notice.message.slice(0, NOTICE_MESSAGE_LIMIT - 1)}…` }
    : notice;

export function createNotices(events: EventBus, log?: (message: string) => void) {
  let kept: Notice[] = [];
  let size = 0;
  return {
    notify(raised: Notice) {
      const notice = clamp(raised);
      const again = kept.findIndex((k) => k.level === notice.level && k.message === notice.message);
      if (again >= 0) kept.splice(again, 1);
      else size += notice.message.length;
      kept.push(notice);
      let drop = 0;
      while (kept.length - drop > NOTICES_KEPT || size > NOTICES_KEPT_SIZE) {
        size -= kept[drop]?.message.length ?? 0;
        drop++;
      }
      if (drop) kept = kept.slice(drop);
      log?.(`[${notice.level}] ${notice.message}`);
      events.emit('notice', notice);
    },
    list: (): Notice[] => [...kept],
  };
}
