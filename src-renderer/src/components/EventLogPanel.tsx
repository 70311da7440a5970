// The raw Realtime protocol events, client → server and server → client, newest last — like the OpenAI
// Realtime Console's log. Filter by direction and by type; open a row to read the event's JSON.
import { useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import type { LoggedEvent } from '../hooks/useRealtimeLog';

/** Rendering thousands of <details> would be slow and unreadable: the panel shows the latest matches. */
export const shownLimit = 300;

export function EventLogPanel({
  entries,
  onClear,
  onClose,
}: {
  entries: readonly LoggedEvent[];
  onClear: () => void;
  onClose: () => void;
}) {
  const [direction, setDirection] = useState<'all' | 'client' | 'server'>('all');
  const [typeFilter, setTypeFilter] = useState('');
  const deferredFilter = useDeferredValue(typeFilter);

  const types = useMemo(() => [...new Set(entries.map((e) => e.type))].sort(), [entries]);
  const matches = useMemo(() => {
    const needle = deferredFilter.trim().toLowerCase();
    return entries.filter(
      (e) =>
        (direction === 'all' || e.direction === direction) &&
        (!needle || e.type.toLowerCase().includes(needle)),
    );
  }, [entries, direction, deferredFilter]);
  const shown = matches.slice(-shownLimit);

  // Newest last, and kept in view while the reader is at the bottom (as a console does).
  const listRef = useRef<HTMLOListElement>(null);
  const atBottom = useRef(true);
  const newest = shown.at(-1)?.seq;
  useEffect(() => {
    const el = listRef.current;
    if (el && atBottom.current) el.scrollTop = el.scrollHeight;
  }, [newest]);

  return (
    <aside className="event-log" aria-label="Event log">
      <header className="panel-header">
        <h2>Event log</h2>
        <div className="panel-actions">
          <button type="button" className="button small" onClick={onClear} disabled={entries.length === 0}>
            Clear
          </button>
          <button type="button" className="button small" onClick={onClose} aria-label="Close event log">
            ×
          </button>
        </div>
      </header>
      <div className="event-log-filters">
        <label>
          <span className="visually-hidden">Direction</span>
          <select
            aria-label="Direction"
            value={direction}
            onChange={(e) => setDirection(e.target.value as typeof direction)}
          >
            <option value="all">All directions</option>
            <option value="client">Client → server</option>
            <option value="server">Server → client</option>
          </select>
        </label>
        <label>
          <span className="visually-hidden">Event type</span>
          <input
            type="search"
            aria-label="Filter by event type"
            placeholder="Filter by type…"
            list="event-log-types"
            value={typeFilter}
            onChange={(e) => setTypeFilter(e.target.value)}
          />
        </label>
        <datalist id="event-log-types">
          {types.map((t) => (
            <option key={t} value={t} />
          ))}
        </datalist>
      </div>
      <p className="hint event-log-count" aria-live="polite">
        {matches.length === entries.length
          ? `${entries.length} events`
          : `${matches.length} of ${entries.length} events`}
        {matches.length > shown.length && ` (latest ${shown.length} shown)`}
      </p>
      <ol
        ref={listRef}
        className="event-log-list"
        data-testid="event-log-list"
        onScroll={(e) => {
          const el = e.currentTarget;
          atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
        }}
      >
        {shown.length === 0 && <li className="empty">No events yet. They appear as the session talks.</li>}
        {shown.map((entry) => (
          <li key={entry.seq} className={`event event-${entry.direction}`}>
            <details>
              <summary>
                <span
                  className="event-direction"
                  aria-label={entry.direction === 'client' ? 'sent' : 'received'}
                >
                  {entry.direction === 'client' ? '↑' : '↓'}
                </span>
                <span className="event-type">{entry.type}</span>
                <time dateTime={entry.at}>{entry.at.slice(11, 23)}</time>
              </summary>
              <pre>{JSON.stringify(entry.event, null, 2)}</pre>
            </details>
          </li>
        ))}
      </ol>
    </aside>
  );
}
