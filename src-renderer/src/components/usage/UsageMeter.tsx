// The small usage meter by the status: this turn's cost and the conversation's, coloured by the budget's
// state. A click opens the breakdown (turn, conversation, today, month by modality; the budget; whether the
// server truncated the context).
import { useEffect, useRef, useState } from 'react';
import { costText, inputTokensOf, type UsageSnapshot } from '../../../../src-preload/contract';
import { useUsage } from '../../hooks/useUsage';
import { UsageBreakdown } from './UsageBreakdown';

const tokens = (n: number) => (n >= 10_000 ? `${Math.round(n / 1000)}k` : n.toLocaleString('en-US'));

/** What the button says: costs when the model is priced, input tokens otherwise. */
function label(usage: UsageSnapshot): string {
  const amount = (t: UsageSnapshot['turn']) =>
    usage.priced || t.costNanoUsd > 0 ? costText(t) : `${tokens(inputTokensOf(t.tokens))} tok`;
  return `${amount(usage.turn)} · ${amount(usage.conversation)}`;
}

export function UsageMeter() {
  const { usage, setUsage } = useUsage();
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);

  // The breakdown closes on Escape and on a click elsewhere, like a menu.
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    const onClick = (e: MouseEvent) => !box.current?.contains(e.target as Node) && setOpen(false);
    document.addEventListener('keydown', onKey);
    document.addEventListener('mousedown', onClick);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('mousedown', onClick);
    };
  }, [open]);

  if (!usage) return null;
  const state = usage.budget.state;
  const truncated = usage.last?.truncated ?? false;
  return (
    <div className="usage-meter" ref={box}>
      <button
        type="button"
        className={`usage-meter-button budget-${state}`}
        data-testid="usage-meter"
        aria-expanded={open}
        aria-controls="usage-breakdown"
        title="This turn · this conversation — click for the breakdown"
        onClick={() => setOpen((o) => !o)}
      >
        <span className="visually-hidden">Usage: this turn, this conversation: </span>
        {label(usage)}
        {truncated && (
          <span className="usage-flag" aria-label="context truncated">
            ✂
          </span>
        )}
        {state === 'blocked' && <span className="usage-flag">paused</span>}
      </button>
      {open && <UsageBreakdown usage={usage} onConfirmed={setUsage} />}
    </div>
  );
}
