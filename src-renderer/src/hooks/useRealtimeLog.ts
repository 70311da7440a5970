// The raw Realtime protocol events for the event-log panel. Kept in a bounded buffer: a long session
// must not grow the window's memory without end.
import { useCallback, useEffect, useState } from 'react';
import type { RealtimeLogEntry } from '../../../src-preload/contract';
import { useClient } from './client-context';

export const logLimit = 2_000;

export interface LoggedEvent extends RealtimeLogEntry {
  seq: number;
}

export function useRealtimeLog(): { entries: readonly LoggedEvent[]; clear: () => void } {
  const client = useClient();
  const [entries, setEntries] = useState<readonly LoggedEvent[]>([]);

  useEffect(() => {
    let seq = 0;
    return client.on('realtimeLog', (entry) => {
      const logged = { ...entry, seq: seq++ };
      setEntries((current) => {
        const next =
          current.length >= logLimit ? current.slice(current.length - logLimit + 1) : current.slice();
        next.push(logged);
        return next;
      });
    });
  }, [client]);

  const clear = useCallback(() => setEntries([]), []);
  return { entries, clear };
}
