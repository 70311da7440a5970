// Reconnect delays: exponential with "full jitter", so many clients dropped together do not return together.

export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
  /** Give up (status error) after this many consecutive failed attempts. */
  maxAttempts: number;
}

export const defaultBackoff: BackoffPolicy = { baseMs: 500, maxMs: 15_000, maxAttempts: 8 };

/** Delay before attempt `attempt` (1-based): uniform in [cap/2, cap], cap = min(max, base·2^(attempt-1)). */
export function backoffDelay(
  policy: BackoffPolicy,
  attempt: number,
  random: () => number = Math.random,
): number {
  const cap = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  // Half fixed, half random: never a 0 ms retry storm, still spread out.
  return Math.round(cap / 2 + random() * (cap / 2));
}
