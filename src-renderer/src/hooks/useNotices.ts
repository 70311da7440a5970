// Notices from the core (a moved-aside settings file, a device fallback, a key stored weakly…): the ones
// raised before the window opened, then each new one; the user dismisses them. At most
// shownNoticeLimit × noticeTextLimit characters are kept, whatever the core sends.
import { useCallback, useEffect, useState } from 'react';
import type { Notice } from '../../../src-preload/contract';
import { clampText } from '../lib/capped-list';
import { useClient } from './client-context';

/** Shown at once under the top bar; older ones make way. */
export const shownNoticeLimit = 5;
/** Characters of one notice shown; the core's notices are a sentence or two. */
export const noticeTextLimit = 1_000;

export interface ShownNotice extends Notice {
  key: number;
}

export function useNotices(): { notices: readonly ShownNotice[]; dismiss: (key: number) => void } {
  const client = useClient();
  const [notices, setNotices] = useState<readonly ShownNotice[]>([]);
  useEffect(() => {
    let live = true;
    let next = 0;
    const add = (list: readonly Notice[]) =>
      setNotices((current) => {
        const shown = [...current];
        for (const notice of list.slice(-shownNoticeLimit)) {
          const message = clampText(notice.message, noticeTextLimit);
          // The same message twice (startup list + live event) is shown once.
          if (shown.some((s) => s.message === message)) continue;
          shown.push({ level: notice.level, message, key: next++ });
        }
        return shown.slice(-shownNoticeLimit);
      });
    const off = client.on('notice', (notice) => add([notice]));
    client.getNotices().then(
      (list) => live && add(list),
      () => {},
    );
    return () => {
      live = false;
      off();
    };
  }, [client]);
  const dismiss = useCallback(
    (key: number) => setNotices((current) => current.filter((n) => n.key !== key)),
    [],
  );
  return { notices, dismiss };
}
