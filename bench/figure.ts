// Shape of one benchmark figure and helpers every suite uses.
export interface BenchFigure {
  name: string;
  value: number;
  unit: string;
  /** How many runs the median was taken over. */
  runs?: number;
  /** Optional: the goal this figure is held to, e.g. ">= 2000" or "<= 1". */
  goal?: string;
  [extra: string]: unknown;
}

export const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

export const percentile = (values: readonly number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
};
