// A response that ended without its whole answer (response.done with status `failed` or `incomplete`): what to
// tell the user, and whether to ask again. The real server reports rate limits this way: status `failed`,
// `error.code: "rate_limit_exceeded"`, a message saying "Please try again in 4.494s", no output, zero usage.
import type { RealtimeResponse } from 'openai/resources/realtime/realtime';

export interface ResponseFailure {
  /** One human line, never JSON. */
  message: string;
  /** Worth one automatic retry after this wait (rate limits, server errors). */
  retryAfterMs?: number;
  /** The turn has no answer (failed), rather than a partial one (incomplete). */
  failed: boolean;
}

/** The wait when the server names none, and the most we wait before asking again. */
export const defaultRetryMs = 1_000;
export const maxRetryMs = 30_000;

/** "Please try again in 2.5s" / "in 450ms" → milliseconds, capped; undefined when no wait is named. */
export function namedWaitMs(message: string): number | undefined {
  const match = /try again in\s+(\d+(?:\.\d+)?)\s*(ms|s)\b/i.exec(message);
  if (!match) return undefined;
  const ms = Number(match[1]) * ((match[2] ?? 's').toLowerCase() === 'ms' ? 1 : 1000);
  return Math.min(maxRetryMs, Math.max(0, Math.round(ms)));
}

/** Undefined for a response that completed or was cancelled. */
export function describeResponseEnd(response: Pick<RealtimeResponse, 'status' | 'status_details'>) {
  const details = response.status_details;
  if (response.status === 'incomplete') {
    const message =
      details?.reason === 'max_output_tokens'
        ? "the answer was cut short: it reached the profile's maximum output tokens"
        : details?.reason === 'content_filter'
          ? 'the answer was stopped by the content filter'
          : 'the answer is incomplete';
    return { message, failed: false } satisfies ResponseFailure;
  }
  if (response.status !== 'failed') return undefined;
  const error = details?.error;
  const said = ((error as { message?: string } | undefined)?.message ?? '').trim();
  if (error?.code === 'rate_limit_exceeded')
    return { message: 'rate limited', retryAfterMs: namedWaitMs(said) ?? defaultRetryMs, failed: true };
  if (error?.type === 'server_error' || error?.code === 'server_error')
    return { message: 'server error', retryAfterMs: namedWaitMs(said) ?? defaultRetryMs, failed: true };
  const reason = said || error?.code || error?.type || 'no reason given';
  return { message: `the answer failed: ${reason}`, failed: true } satisfies ResponseFailure;
}
