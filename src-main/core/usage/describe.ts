// Usage in words, for the places that show text rather than a meter: the tray tooltip and Markdown exports.
import {
  cachedTokensOf,
  costText,
  formatUsd,
  inputTokensOf,
  outputTokensOf,
  type UsageRecord,
  type UsageSnapshot,
  type UsageTotals,
} from '../../../src-preload/contract';
import { usdOf } from './cost';

const n = (value: number) => value.toLocaleString('en-US');

/** "1,234 in (1,024 cached) · 210 out · $0.0420" */
export function totalsLine(totals: UsageTotals): string {
  const t = totals.tokens;
  const cached = cachedTokensOf(t);
  const parts = [
    `${n(inputTokensOf(t))} in${cached ? ` (${n(cached)} cached)` : ''}`,
    `${n(outputTokensOf(t))} out`,
    costText(totals),
  ];
  if (totals.unknown) parts.push(`${totals.unknown} without usage`);
  return parts.join(' · ');
}

/** One Markdown table row per record. */
export function usageTable(records: readonly UsageRecord[]): string[] {
  const rows = [
    '| turn | what | model | input (cached) | output | cost |',
    '| ---: | --- | --- | ---: | ---: | ---: |',
  ];
  for (const r of records) {
    const t = r.tokens;
    const input = t
      ? `${n(inputTokensOf(t))} (${n(cachedTokensOf(t))})`
      : r.seconds !== undefined
        ? `${r.seconds.toFixed(1)} s`
        : 'unknown';
    const output = t ? n(outputTokensOf(t)) : '';
    const known = t || r.seconds !== undefined;
    const cost = !known ? '' : r.costNanoUsd === null ? 'no price' : formatUsd(usdOf(r.costNanoUsd));
    rows.push(`| ${r.turn} | ${r.kind} | ${r.model} | ${input} | ${output} | ${cost} |`);
  }
  return rows;
}

/**
 * The tray tooltip's usage line: "Today $0.42 · this month $3.10", the budget's state when it matters.
 * Undefined before anything was used this month and with no budget set (the tooltip stays one line).
 */
export function trayUsageLine(snapshot: UsageSnapshot): string | undefined {
  const { today, month, budget } = snapshot;
  const used = month.responses + month.transcription.count > 0;
  if (!used && budget.state === 'off') return undefined;
  const amount = (totals: UsageTotals) =>
    costText(totals) === 'no price' ? `${n(inputTokensOf(totals.tokens))} tokens in` : costText(totals);
  const line = `Today ${amount(today)} · this month ${amount(month)}`;
  if (budget.state === 'blocked') return `${line} — budget reached, answers paused`;
  if (budget.state === 'warning') return `${line} — over 80 % of the budget`;
  return line;
}
