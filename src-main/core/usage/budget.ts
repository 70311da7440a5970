// Budgets as a pure function of what was spent: off, under 80 %, a warning from 80 %, blocked at 100 %
// (no new response starts) unless the user confirmed going on for that day or month. Compared in whole
// nano-dollars, so "reached" is exact.
import { formatUsd, type BudgetStatus, type Budgets } from '../../../src-preload/contract';
import { usdOf } from './cost';

export const WARN_AT = 0.8;

export interface Spent {
  todayNano: number;
  monthNano: number;
}
/** Which reached limits the user chose to go past (for the current day / month). */
export interface Confirmed {
  daily: boolean;
  monthly: boolean;
}

type Which = 'daily' | 'monthly';
const names: Record<Which, { budget: string; period: string }> = {
  daily: { budget: 'Daily budget', period: 'today' },
  monthly: { budget: 'Monthly budget', period: 'this month' },
};

// At least one nano-dollar: a limit that rounds to zero would make the used fraction 0/0.
const limitNano = (usd: number | null) => (usd === null ? null : Math.max(1, Math.round(usd * 1e9)));

function limitStatus(limitUsd: number | null, spentNano: number) {
  const limit = limitNano(limitUsd);
  return {
    limitUsd,
    spentUsd: usdOf(spentNano),
    fraction: limit === null ? null : spentNano / limit,
    reached: limit !== null && spentNano >= limit,
  };
}

export function budgetStatus(budgets: Budgets, spent: Spent, confirmed: Confirmed): BudgetStatus {
  const daily = limitStatus(budgets.dailyUsd, spent.todayNano);
  const monthly = limitStatus(budgets.monthlyUsd, spent.monthNano);
  const all = { daily, monthly };
  const line = (which: Which) =>
    `${names[which].budget}: ${formatUsd(all[which].spentUsd)} of ${formatUsd(all[which].limitUsd ?? 0)} spent ${names[which].period}`;
  const reached = (['daily', 'monthly'] as const).filter((w) => all[w].reached);
  const blocking = reached.filter((w) => !confirmed[w]);
  const warned = (['daily', 'monthly'] as const).filter((w) => (all[w].fraction ?? 0) >= WARN_AT);
  const strip = ({ limitUsd, spentUsd, fraction }: ReturnType<typeof limitStatus>) => ({
    limitUsd,
    spentUsd,
    fraction,
  });
  const base = { daily: strip(daily), monthly: strip(monthly) };
  if (budgets.dailyUsd === null && budgets.monthlyUsd === null) return { state: 'off', ...base };
  if (blocking.length)
    return {
      state: 'blocked',
      ...base,
      message: `${line(blocking[0]!)}. No new answer starts until you raise the limit or continue anyway.`,
    };
  if (reached.length)
    return { state: 'confirmed', ...base, message: `${line(reached[0]!)}; going on as you confirmed.` };
  if (warned.length) return { state: 'warning', ...base, message: `${line(warned[0]!)} (80 % or more).` };
  return { state: 'ok', ...base };
}
