// Server faults → one clear human line, and what the engine should do about them.
import type { RealtimeError } from 'openai/resources/realtime/realtime';

export type FaultAction =
  /** Show it; the session goes on. */
  | 'report'
  /** Show it as the session's error state; do not reconnect (the user must fix something). */
  | 'fatal'
  /** The session ended on the server side: start a new one, keeping the conversation. */
  | 'renew'
  /** A harmless race (cancel after the response already ended): log only. */
  | 'ignore';

export interface Fault {
  message: string;
  action: FaultAction;
  code?: string;
  param?: string;
  /** HTTP status, for refusals before the socket opened. */
  status?: number;
}

/** A server `error` event. */
export function describeServerError(error: RealtimeError): Fault {
  const code = error.code ?? undefined;
  const param = error.param ?? undefined;
  const detail = error.message;
  switch (code) {
    case 'invalid_api_key':
      return { message: `authentication failed: ${detail}`, action: 'fatal', code };
    case 'insufficient_quota':
      return { message: `quota exceeded — check your plan and billing: ${detail}`, action: 'fatal', code };
    case 'rate_limit_exceeded':
      return { message: `rate limited — wait a moment and try again: ${detail}`, action: 'report', code };
    case 'session_expired':
      return { message: 'session expired (60-minute limit): starting a new one', action: 'renew', code };
    case 'response_cancel_not_active':
      return { message: detail, action: 'ignore', code };
    case 'input_audio_buffer_commit_empty':
      return { message: 'too short: hold the key while you speak', action: 'report', code };
  }
  if (param) return { message: `invalid parameter ${param}: ${detail}`, action: 'report', code, param };
  if (error.type === 'server_error') return { message: `server error: ${detail}`, action: 'report', code };
  return { message: detail, action: 'report', code };
}

/** An HTTP refusal of the WebSocket upgrade or of POST /realtime/client_secrets. */
export function describeHttpFailure(status: number, body: string): Fault {
  return { ...describeHttpStatus(status, body), status };
}

function describeHttpStatus(status: number, body: string): Fault {
  let detail = body.trim().slice(0, 300);
  try {
    const parsed = JSON.parse(body) as { error?: { message?: string } };
    if (parsed.error?.message) detail = parsed.error.message;
  } catch {
    // Not JSON: keep the raw text.
  }
  if (status === 401 || status === 403)
    return { message: `authentication failed (${status}): ${detail}`, action: 'fatal' };
  if (status === 429) {
    const quota = /quota|billing/i.test(detail);
    return {
      message: `${quota ? 'quota exceeded' : 'rate limited'} (429): ${detail}`,
      action: quota ? 'fatal' : 'report',
    };
  }
  if (status === 404)
    return { message: `not found (404) — check the base URL and model: ${detail}`, action: 'fatal' };
  return { message: `connection refused (${status}): ${detail}`, action: 'report' };
}
