// The meter's breakdown: this turn, this conversation, today and this month, by modality with cached input
// apart; the newest response's input (and whether the server dropped context); the budgets, with the way on
// when a limit has paused the answers.
import {
  cachedTokensOf,
  costText,
  formatUsd,
  inputTokensOf,
  type UsageSnapshot,
  type UsageTotals,
} from '../../../../src-preload/contract';
import { useClient } from '../../hooks/client-context';
import { useAction } from '../../hooks/useAction';
import { InlineMessage } from '../InlineMessage';

const n = (v: number) => v.toLocaleString('en-US');

function Row({ name, totals }: { name: string; totals: UsageTotals }) {
  const t = totals.tokens;
  return (
    <tr>
      <th scope="row">{name}</th>
      <td>
        {n(t.inputText)} <span className="hint">({n(t.cachedText)})</span>
      </td>
      <td>
        {n(t.inputAudio)} <span className="hint">({n(t.cachedAudio)})</span>
      </td>
      <td>
        {n(t.inputImage)} <span className="hint">({n(t.cachedImage)})</span>
      </td>
      <td>{n(t.outputText)}</td>
      <td>{n(t.outputAudio)}</td>
      <td className="usage-cost">{costText(totals)}</td>
    </tr>
  );
}

function Budget({ name, limit }: { name: string; limit: UsageSnapshot['budget']['daily'] }) {
  if (limit.limitUsd === null) return <li>{name}: no limit</li>;
  const percent = Math.floor((limit.fraction ?? 0) * 100);
  return (
    <li>
      {name}: {formatUsd(limit.spentUsd)} of {formatUsd(limit.limitUsd)} ({percent} %)
    </li>
  );
}

export function UsageBreakdown({
  usage,
  onConfirmed,
}: {
  usage: UsageSnapshot;
  onConfirmed: (usage: UsageSnapshot) => void;
}) {
  const client = useClient();
  const confirm = useAction(async () => onConfirmed(await client.confirmOverBudget()));
  const { conversation, budget, last } = usage;
  const notes: string[] = [];
  if (!usage.priced)
    notes.push(
      `${usage.model} has no price: tokens are counted, no cost is shown. Add its prices in Settings.`,
    );
  const unknown = conversation.unknown;
  if (unknown)
    notes.push(`${unknown} response${unknown > 1 ? 's' : ''} came without usage the app could read.`);
  if (conversation.unpriced)
    notes.push(
      `${conversation.unpriced} item${conversation.unpriced > 1 ? 's have' : ' has'} no price (cost shown with “+”).`,
    );
  const tx = conversation.transcription;
  return (
    <div className="usage-breakdown" id="usage-breakdown" role="region" aria-label="Usage breakdown">
      <table className="usage-table">
        <caption>Tokens in (cached) and out, and what they cost — {usage.model}</caption>
        <thead>
          <tr>
            <td />
            <th scope="col">text in</th>
            <th scope="col">audio in</th>
            <th scope="col">image in</th>
            <th scope="col">text out</th>
            <th scope="col">audio out</th>
            <th scope="col">cost</th>
          </tr>
        </thead>
        <tbody>
          <Row name="This turn" totals={usage.turn} />
          <Row name="Conversation" totals={conversation} />
          <Row name="Today" totals={usage.today} />
          <Row name="This month" totals={usage.month} />
        </tbody>
      </table>
      {last && (
        <p className="hint" data-testid="usage-last">
          Last response: {n(last.inputTokens)} input tokens, {n(cachedTokensOf(last.record.tokens!))} from the
          cache.
          {last.truncated && (
            <strong className="usage-truncated">
              {' '}
              The server truncated the context: the input dropped, so older turns are no longer read.
            </strong>
          )}
        </p>
      )}
      {tx.count > 0 && (
        <p className="hint">
          Transcription: {tx.count} turn{tx.count > 1 ? 's' : ''}, {n(inputTokensOf(tx.tokens))} tokens in,{' '}
          {n(tx.tokens.outputText)} out{tx.seconds ? `, ${tx.seconds.toFixed(1)} s` : ''}.
        </p>
      )}
      {notes.map((note) => (
        <p key={note} className="hint">
          {note}
        </p>
      ))}
      <ul className="usage-budgets" aria-label="Budgets">
        <Budget name="Daily budget" limit={budget.daily} />
        <Budget name="Monthly budget" limit={budget.monthly} />
      </ul>
      {budget.message && (
        <p className={`inline-message ${budget.state === 'blocked' ? 'error' : 'warning'}`} role="status">
          <span>{budget.message}</span>
        </p>
      )}
      {budget.state === 'blocked' && (
        <div className="button-row">
          <button
            type="button"
            className="button small"
            disabled={confirm.busy}
            onClick={() => void confirm.run()}
          >
            Continue anyway
          </button>
          <span className="hint">or raise the limit in Settings.</span>
        </div>
      )}
      <InlineMessage error={confirm.error} onDismiss={confirm.clearError} />
    </div>
  );
}
