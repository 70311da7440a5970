// The raw Realtime protocol events for the event-log panel. The core builds and sends them only while the
// panel is open (setRealtimeLog), and they are kept in a buffer bounded by count and by size: a long
// session, or one oversized event, must not grow the window's memory without end.
import { useCallback, useEffect, useState } from 'react';
import type { RealtimeLogEntry } from '../../../src-preload/contract';
import { appendCapped, emptyCapped, type CappedList } from '../lib/capped-list';
import { useClient } from './client-context';

export const logLimit = 2_000;
/** Total JSON size kept: a few hundred typical entries of some kilobytes, far below what hurts a window. */
export const logSizeLimit = 4_000_000;
/** One entry larger than this is kept as a stub naming its size (real events are a few kilobytes). */
export const logEntrySizeLimit = 256_000;

export interface LoggedEvent extends RealtimeLogEntry {
  seq: number;
  /** JSON length of `event` as kept. */
  size: number;
}

function toLogged(entry: RealtimeLogEntry, seq: number): LoggedEvent {
  const size = JSON.stringify(entry.event)?.length ?? 0;
  if (size <= logEntrySizeLimit) return { ...entry, seq, size };
  const event = { type: entry.type, omitted: `${size} characters: too large to keep in the event log` };
  return { ...entry, event, seq, size: JSON.stringify(event).length };
}

export function useRealtimeLog(open: boolean): { entries: readonly LoggedEvent[]; clear: () => void } {
  const client = useClient();
  const [log, setLog] = useState<CappedList<LoggedEvent>>(emptyCapped);

  useEffect(() => {
    let seq = 0;
    return client.on('realtimeLog', (entry) => {
      const logged = toLogged(entry, seq++);
      setLog((current) => appendCapped(current, [logged], { count: logLimit, size: logSizeLimit }));
    });
  }, [client]);

  // Sent on load too: a reloaded window starts closed, whatever the one before it had open.
  useEffect(() => {
    client.setRealtimeLog({ on: open }).catch(() => {
      // A core without the command, or gone: the panel still shows whatever arrives.
    });
  }, [client, open]);

  const clear = useCallback(() => setLog(emptyCapped()), []);
  return { entries: log.items, clear };
}
