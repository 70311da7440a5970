// Notices from the core (a moved-aside settings file, a device fallback, a key stored weakly…): the ones
// raised before the window opened, then each new one; the user dismisses them.
import { useCallback, useEffect, useState } from 'react';
import type { Notice } from '../../../src-preload/contract';
import { useClient } from './client-context';

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
        // The same message twice (startup list + live event) is shown once.
        const fresh = list.filter((n) => !current.some((c) => c.message === n.message));
        return [...current, ...fresh.map((n) => ({ ...n, key: next++ }))].slice(-5);
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
