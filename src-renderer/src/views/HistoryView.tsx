// Past conversations: search, read, export (Markdown or JSON, downloaded), delete.
import { useDeferredValue, useEffect, useState } from 'react';
import {
  cachedTokensOf,
  costText,
  inputTokensOf,
  outputTokensOf,
  type ConversationSummary,
  type TranscriptItem,
  type UsageTotals,
} from '../../../src-preload/contract';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { InlineMessage } from '../components/InlineMessage';
import { TranscriptList } from '../components/TranscriptList';
import { useClient } from '../hooks/client-context';
import { useAction } from '../hooks/useAction';
import { describeError, type ShownError } from '../lib/errors';
import { downloadText, mimeFor } from '../lib/download';

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const when = (iso: string) => {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : dateFormat.format(d);
};

/** "11 responses · 3,412 tokens in (2,900 cached) · 610 out · $0.037" */
const usageLine = (u: UsageTotals) =>
  `${u.responses} response${u.responses === 1 ? '' : 's'} · ${inputTokensOf(u.tokens).toLocaleString('en-US')} tokens in ` +
  `(${cachedTokensOf(u.tokens).toLocaleString('en-US')} cached) · ${outputTokensOf(u.tokens).toLocaleString('en-US')} out · ` +
  costText(u);

export function HistoryView() {
  const client = useClient();
  const [query, setQuery] = useState('');
  const deferredQuery = useDeferredValue(query.trim());
  const [list, setList] = useState<readonly ConversationSummary[] | null>(null);
  const [listError, setListError] = useState<ShownError | null>(null);
  const [changes, setChanges] = useState(0);
  const [openId, setOpenId] = useState<string | null>(null);
  const [open, setOpen] = useState<{ summary: ConversationSummary; items: TranscriptItem[] } | null>(null);
  const [confirmDelete, setConfirmDelete] = useState<ConversationSummary | null>(null);

  useEffect(() => client.on('historyChanged', () => setChanges((n) => n + 1)), [client]);

  useEffect(() => {
    let live = true;
    // Typing fast sends one search per pause, not one per key.
    const timer = setTimeout(() => {
      client.listConversations(deferredQuery ? { query: deferredQuery } : {}).then(
        (value) => {
          if (!live) return;
          setList(value);
          setListError(null);
        },
        (e: unknown) => live && setListError(describeError(e)),
      );
    }, 150);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [client, deferredQuery, changes]);

  const load = useAction(async (id: string) => {
    setOpenId(id);
    setOpen(await client.getConversation({ id }));
  });
  const exportAs = useAction(async (id: string, format: 'markdown' | 'json') => {
    const { text, fileName } = await client.exportConversation({ id, format });
    downloadText(fileName, text, mimeFor(fileName));
  });
  const remove = useAction(async (id: string) => {
    await client.deleteConversation({ id });
    if (openId === id) {
      setOpenId(null);
      setOpen(null);
    }
    setChanges((n) => n + 1);
  });

  return (
    <section className="history-view" aria-label="History">
      <div className="history-list-pane">
        <div className="pane-header">
          <h2>History</h2>
        </div>
        <label className="visually-hidden" htmlFor="history-search">
          Search conversations
        </label>
        <input
          id="history-search"
          type="search"
          placeholder="Search conversations…"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        <InlineMessage error={listError} />
        {list && list.length === 0 && (
          <p className="hint">{deferredQuery ? 'No conversation matches.' : 'No conversations yet.'}</p>
        )}
        <ul className="history-list" aria-label="Conversations">
          {list?.map((c) => (
            <li key={c.id}>
              <button
                type="button"
                className={`history-item${c.id === openId ? ' selected' : ''}`}
                aria-current={c.id === openId ? 'true' : undefined}
                onClick={() => void load.run(c.id)}
              >
                <span className="history-title">{c.title || 'Untitled conversation'}</span>
                <span className="history-meta">
                  {when(c.updatedAt)} · {c.profileName} · {c.messageCount} messages
                  {c.usage && ` · ${costText(c.usage)}`}
                </span>
                {c.snippet && <span className="history-snippet">{c.snippet}</span>}
              </button>
            </li>
          ))}
        </ul>
      </div>
      <div className="history-detail-pane">
        <InlineMessage error={load.error ?? exportAs.error ?? remove.error} />
        {open ? (
          <>
            <div className="pane-header">
              <div>
                <h2>{open.summary.title || 'Untitled conversation'}</h2>
                <p className="hint">
                  {when(open.summary.startedAt)} · {open.summary.profileName}
                </p>
                {open.summary.usage && (
                  <p className="hint" data-testid="history-usage">
                    {usageLine(open.summary.usage)}
                  </p>
                )}
              </div>
              <div className="button-row">
                <button
                  type="button"
                  className="button small"
                  onClick={() => void exportAs.run(open.summary.id, 'markdown')}
                >
                  Export Markdown
                </button>
                <button
                  type="button"
                  className="button small"
                  onClick={() => void exportAs.run(open.summary.id, 'json')}
                >
                  Export JSON
                </button>
                <button
                  type="button"
                  className="button small danger"
                  onClick={() => setConfirmDelete(open.summary)}
                >
                  Delete
                </button>
              </div>
            </div>
            <TranscriptList items={open.items} label={`Conversation ${open.summary.title}`} />
          </>
        ) : (
          <p className="hint">{load.busy ? 'Opening…' : 'Choose a conversation to read it.'}</p>
        )}
      </div>
      {confirmDelete && (
        <ConfirmDialog
          title={`Delete “${confirmDelete.title || 'Untitled conversation'}”?`}
          message="Its transcript is removed for good."
          choices={[
            { label: 'Keep it', value: 'keep' },
            { label: 'Delete', value: 'delete', tone: 'danger' },
          ]}
          onChoose={(choice) => {
            const target = confirmDelete;
            setConfirmDelete(null);
            if (choice === 'delete') void remove.run(target.id);
          }}
        />
      )}
    </section>
  );
}
