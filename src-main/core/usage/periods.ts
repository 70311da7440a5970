// The user's calendar: budgets and "today" / "this month" follow the local day and month, not UTC's.
const pad = (n: number) => String(n).padStart(2, '0');

export const monthKey = (date: Date): string => `${date.getFullYear()}-${pad(date.getMonth() + 1)}`;
export const dayKey = (date: Date): string => `${monthKey(date)}-${pad(date.getDate())}`;

/** Milliseconds until the next local midnight (when a daily budget starts over). */
export function msUntilNextDay(date: Date): number {
  const next = new Date(date.getFullYear(), date.getMonth(), date.getDate() + 1);
  return next.getTime() - date.getTime();
}
