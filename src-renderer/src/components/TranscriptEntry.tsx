// One turn of the conversation. Tool calls are one compact line that opens to show arguments and output.
import { memo } from 'react';
import type { CallApproval, TranscriptItem } from '../../../src-preload/contract';

const roleNames: Record<TranscriptItem['role'], string> = {
  user: 'You',
  assistant: 'Assistant',
  tool: 'Tool',
  system: 'System',
};

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

function timeOf(at: string): string {
  const date = new Date(at);
  return Number.isNaN(date.getTime()) ? '' : timeFormat.format(date);
}

/** How an MCP call was approved, in words. */
const approvalNames: Record<CallApproval, string> = {
  asking: 'waiting for your answer',
  once: 'allowed once',
  always: 'always allowed',
  denied: 'denied',
  timeout: 'denied (no answer in time)',
  never: 'never allowed',
  'auto-allowed': 'allowed (--approve-tools all)',
  'auto-denied': 'denied (--approve-tools none)',
};
const refused = new Set<CallApproval>(['denied', 'timeout', 'never', 'auto-denied']);

function ToolCall({ item }: { item: TranscriptItem }) {
  const tool = item.tool!;
  const state = tool.error
    ? 'failed'
    : tool.approval && refused.has(tool.approval)
      ? 'denied'
      : tool.output !== undefined
        ? 'done'
        : 'running';
  const shown =
    tool.approval === 'asking' ? 'waiting for approval…' : state === 'running' ? 'running…' : state;
  return (
    <details className={`tool-call tool-${state}`}>
      <summary>
        {tool.server && <span className="tool-server">{tool.server} ›</span>}
        <span className="tool-name">{tool.name}</span>
        <span className="tool-args">({tool.arguments})</span>
        <span className="tool-state">{shown}</span>
      </summary>
      <dl>
        {tool.server && (
          <>
            <dt>Server</dt>
            <dd>{tool.server}</dd>
          </>
        )}
        {tool.approval && (
          <>
            <dt>Approval</dt>
            <dd>{approvalNames[tool.approval]}</dd>
          </>
        )}
        <dt>Arguments</dt>
        <dd>
          <pre>{tool.arguments}</pre>
        </dd>
        {tool.output !== undefined && (
          <>
            <dt>Output</dt>
            <dd>
              <pre>{tool.output}</pre>
            </dd>
          </>
        )}
        {tool.error && (
          <>
            <dt>Error</dt>
            <dd>
              <pre>{tool.error}</pre>
            </dd>
          </>
        )}
      </dl>
    </details>
  );
}

export const TranscriptEntry = memo(function TranscriptEntry({ item }: { item: TranscriptItem }) {
  const streaming = !item.final;
  return (
    <article
      className={`turn turn-${item.role}${streaming ? ' streaming' : ''}${item.interrupted ? ' interrupted' : ''}`}
      aria-label={`${roleNames[item.role]}${item.interrupted ? ' (interrupted)' : ''}`}
      data-testid={`turn-${item.role}`}
    >
      <header className="turn-meta">
        <span className="turn-role">{roleNames[item.role]}</span>
        <time dateTime={item.at}>{timeOf(item.at)}</time>
        {item.interrupted && <span className="badge badge-interrupted">interrupted</span>}
      </header>
      {item.tool ? (
        <ToolCall item={item} />
      ) : (
        <div className="turn-text">
          {item.text || (streaming ? <span className="placeholder">…</span> : null)}
          {streaming && item.text && <span className="caret" aria-hidden="true" />}
        </div>
      )}
      {item.images?.length ? (
        <ul className="turn-images" aria-label="Images with this turn">
          {item.images.map((image) => (
            <li key={image.id}>
              {image.thumbnail ? (
                <img src={image.thumbnail} alt={`Image (${image.width}×${image.height})`} />
              ) : (
                <span className="placeholder">(image no longer stored)</span>
              )}
            </li>
          ))}
        </ul>
      ) : null}
    </article>
  );
});
