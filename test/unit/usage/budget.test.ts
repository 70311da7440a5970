// Budgets at their edges: off by default, a warning from 80 %, blocked at 100 % until confirmed, exact in
// nano-dollars (a hair under the limit is not the limit).
import { describe, expect, it } from 'vitest';
import { budgetStatus } from '../../../src-main/core/usage/budget';

const none = { daily: false, monthly: false };
const nano = (usd: number) => Math.round(usd * 1e9);

describe('budget status', () => {
  it('off without limits, whatever was spent', () => {
    const s = budgetStatus(
      { dailyUsd: null, monthlyUsd: null },
      { todayNano: nano(99), monthNano: nano(999) },
      none,
    );
    expect(s.state).toBe('off');
    expect(s.daily.fraction).toBeNull();
  });

  it('ok under 80 %, a warning at exactly 80 %', () => {
    const budgets = { dailyUsd: 5, monthlyUsd: null };
    expect(budgetStatus(budgets, { todayNano: nano(4) - 1, monthNano: nano(4) - 1 }, none).state).toBe('ok');
    const at80 = budgetStatus(budgets, { todayNano: nano(4), monthNano: nano(4) }, none);
    expect(at80.state).toBe('warning');
    expect(at80.daily.fraction).toBe(0.8);
    expect(at80.message).toBe('Daily budget: $4.00 of $5.00 spent today (80 % or more).');
  });

  it('blocked at exactly 100 %, not a nano-dollar before', () => {
    const budgets = { dailyUsd: 5, monthlyUsd: null };
    expect(budgetStatus(budgets, { todayNano: nano(5) - 1, monthNano: 0 }, none).state).toBe('warning');
    const reached = budgetStatus(budgets, { todayNano: nano(5), monthNano: nano(5) }, none);
    expect(reached.state).toBe('blocked');
    expect(reached.message).toMatch(/^Daily budget: \$5\.00 of \$5\.00 spent today\. No new answer starts/);
  });

  it('the monthly limit blocks on its own; a confirmation lifts only the limit it confirms', () => {
    const budgets = { dailyUsd: 10, monthlyUsd: 20 };
    const spent = { todayNano: nano(10), monthNano: nano(20) };
    expect(budgetStatus(budgets, spent, none).state).toBe('blocked');
    expect(budgetStatus(budgets, spent, { daily: true, monthly: false }).message).toMatch(/^Monthly budget/);
    expect(budgetStatus(budgets, spent, { daily: true, monthly: true }).state).toBe('confirmed');
  });
});
