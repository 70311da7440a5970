// Sums of usage records: what the meter shows for a turn, a conversation, a day and a month.
import type { TokenCounts, UsageRecord, UsageTotals } from '../../../src-preload/contract';
import { usdOf } from './cost';
import { zeroTokens } from './read-usage';

export function emptyTotals(): UsageTotals {
  return {
    responses: 0,
    unknown: 0,
    unpriced: 0,
    tokens: zeroTokens(),
    transcription: { count: 0, tokens: zeroTokens(), seconds: 0 },
    costNanoUsd: 0,
    costUsd: 0,
  };
}

const plus = (a: TokenCounts, b: TokenCounts): TokenCounts => {
  const out = { ...a };
  for (const key of Object.keys(out) as (keyof TokenCounts)[]) out[key] += b[key];
  return out;
};

/** A new total with the record added (totals are values: the meter's snapshots never share one). */
export function addRecord(totals: UsageTotals, record: UsageRecord): UsageTotals {
  const next = structuredClone(totals);
  if (record.kind === 'response') {
    next.responses++;
    if (!record.tokens) next.unknown++;
    else next.tokens = plus(next.tokens, record.tokens);
  } else {
    next.transcription.count++;
    if (record.tokens) next.transcription.tokens = plus(next.transcription.tokens, record.tokens);
    next.transcription.seconds += record.seconds ?? 0;
  }
  if (record.costNanoUsd === null) {
    if (record.tokens || record.seconds !== undefined) next.unpriced++;
  } else next.costNanoUsd += record.costNanoUsd;
  next.costUsd = usdOf(next.costNanoUsd);
  return next;
}

export const totalsOf = (records: Iterable<UsageRecord>): UsageTotals => {
  let totals = emptyTotals();
  for (const record of records) totals = addRecord(totals, record);
  return totals;
};
