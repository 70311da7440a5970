// The call an MCP tool wants to make, waiting for the user: server, tool and arguments, with Allow once,
// Always allow and Deny (Escape denies), and the seconds left before no answer counts as Deny. It takes focus
// as a whole, not on a button, so a key already held (Space to talk) cannot answer it by accident; Tab
// reaches the three answers.
import { useEffect, useId, useRef, useState } from 'react';
import type { ApprovalDecision, ToolApprovalRequest } from '../../../../src-preload/contract';
import { useClient } from '../../hooks/client-context';
import { useAction } from '../../hooks/useAction';
import { InlineMessage } from '../InlineMessage';

function prettyArguments(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

export function ToolApprovalPrompt() {
  const client = useClient();
  const titleId = useId();
  const box = useRef<HTMLDivElement>(null);
  const [pending, setPending] = useState<ToolApprovalRequest[]>([]);
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    let live = true;
    client.getToolApprovals().then(
      (list) => live && setPending(list),
      () => {},
    );
    const off = client.on('toolApprovalsChanged', setPending);
    return () => {
      live = false;
      off();
    };
  }, [client]);

  const request = pending[0];
  useEffect(() => {
    if (!request) return;
    box.current?.focus();
    const timer = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, [request]);

  const answer = useAction(async (decision: ApprovalDecision) => {
    if (request) setPending(await client.answerToolApproval({ id: request.id, decision }));
  });
  if (!request) return null;
  const secondsLeft = Math.max(0, Math.ceil((Date.parse(request.expiresAt) - now) / 1000));

  return (
    <div
      ref={box}
      className="tool-approval"
      role="alertdialog"
      aria-labelledby={titleId}
      tabIndex={-1}
      data-testid="tool-approval"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          void answer.run('deny');
        }
      }}
    >
      <p id={titleId} className="tool-approval-title">
        Allow <code>{request.tool}</code> on <strong>{request.server}</strong>?
        {pending.length > 1 && <span className="badge">1 of {pending.length}</span>}
      </p>
      <pre className="tool-approval-args" aria-label="Arguments">
        {prettyArguments(request.arguments)}
      </pre>
      <InlineMessage error={answer.error} />
      <div className="button-row">
        <button
          type="button"
          className="button primary"
          onClick={() => void answer.run('once')}
          disabled={answer.busy}
        >
          Allow once
        </button>
        <button
          type="button"
          className="button"
          onClick={() => void answer.run('always')}
          disabled={answer.busy}
        >
          Always allow
        </button>
        <button
          type="button"
          className="button"
          onClick={() => void answer.run('deny')}
          disabled={answer.busy}
        >
          Deny
        </button>
        <span className="hint" aria-live="off">
          Denied in {secondsLeft} s without an answer
        </span>
      </div>
    </div>
  );
}
