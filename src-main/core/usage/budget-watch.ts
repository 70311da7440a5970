// The budgets over time: the notices (once at 80 %, once at 100 %, per limit and period), the user's
// confirmations to go on past a limit (for the rest of that day or month), and the gate the engine asks
// before every response.create — which opens again when a limit is raised, confirmed, or its day or month
// ends (looked at again just after midnight while blocked).
import { formatUsd, type Budgets, type BudgetStatus, type Notice } from '../../../src-preload/contract';
import type { ResponseGate } from '../realtime/engine-types';
import { budgetStatus, WARN_AT, type Spent } from './budget';
import { dayKey, monthKey, msUntilNextDay } from './periods';

export interface BudgetWatchOptions {
  budgets: () => Budgets;
  spent: () => Spent;
  now: () => Date;
  notify: (notice: Notice) => void;
}

export function createBudgetWatch(options: BudgetWatchOptions) {
  const { now } = options;
  /** The day / month a reached limit was confirmed for. */
  let confirmed: { daily?: string; monthly?: string } = {};
  /** Notices already given, keyed by limit, level, period and amount: each is said once. */
  const noticed = new Set<string>();
  const openListeners = new Set<() => void>();
  let midnight: NodeJS.Timeout | undefined;

  const status = (): BudgetStatus => {
    const date = now();
    return budgetStatus(options.budgets(), options.spent(), {
      daily: confirmed.daily === dayKey(date),
      monthly: confirmed.monthly === monthKey(date),
    });
  };
  let blocked = status().state === 'blocked';

  const once = (key: string, message: string) => {
    if (noticed.has(key)) return;
    noticed.add(key);
    options.notify({ level: 'warning', message });
  };

  /** After anything that can change the state: notices, the gate, the midnight look. */
  const check = (): BudgetStatus => {
    const current = status();
    const date = now();
    for (const which of ['daily', 'monthly'] as const) {
      const { fraction, limitUsd } = current[which];
      if (fraction === null) continue;
      const period = which === 'daily' ? dayKey(date) : monthKey(date);
      const limit = formatUsd(limitUsd ?? 0);
      if (fraction >= 1)
        once(`${which}:100:${period}:${limit}`, `You have reached your ${which} budget of ${limit}.`);
      else if (fraction >= WARN_AT)
        once(
          `${which}:80:${period}:${limit}`,
          `You have used ${Math.floor(fraction * 100)} % of your ${which} budget of ${limit}.`,
        );
    }
    const wasBlocked = blocked;
    blocked = current.state === 'blocked';
    clearTimeout(midnight);
    midnight = blocked ? setTimeout(check, msUntilNextDay(date) + 1_000).unref() : undefined;
    if (wasBlocked && !blocked) for (const listener of [...openListeners]) listener();
    return current;
  };

  const gate: ResponseGate = {
    refusal: () => {
      const current = status();
      return current.state === 'blocked' ? current.message : undefined;
    },
    onOpen: (listener) => {
      openListeners.add(listener);
      return () => openListeners.delete(listener);
    },
  };

  return {
    gate,
    status,
    check,
    /** Go on past every limit reached now, for the rest of its day or month. */
    confirm(): void {
      const date = now();
      const current = status();
      if ((current.daily.fraction ?? 0) >= 1) confirmed.daily = dayKey(date);
      if ((current.monthly.fraction ?? 0) >= 1) confirmed.monthly = monthKey(date);
      check();
    },
    /** New limits are checked afresh: going past one needs its own confirmation. */
    limitsChanged(): void {
      confirmed = {};
      check();
    },
    dispose(): void {
      clearTimeout(midnight);
      openListeners.clear();
    },
  };
}
