// Notices the user should see once (a moved-aside file, a weak keychain…). Most are raised while the core
// starts, before any window listens, so they are kept and a window asks for them (getNotices) on load.
import type { Notice } from '../../../src-preload/contract';
import type { EventBus } from '../ipc/event-bus';

export function createNotices(events: EventBus, log?: (message: string) => void) {
  const raised: Notice[] = [];
  return {
    notify(notice: Notice) {
      raised.push(notice);
      log?.(`[${notice.level}] ${notice.message}`);
      events.emit('notice', notice);
    },
    list: (): Notice[] => [...raised],
  };
}
