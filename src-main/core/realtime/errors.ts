// Server faults → one clear human line, and what the engine should do about them.
import type { RealtimeError } from 'openai/resources/realtime/realtime';

export type FaultAction =
  /** Show it as a notice; the session goes on. */
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

/**
 * What each error code the Realtime API documents or the real server sends (DESIGN.md) means for the user.
 * Fatal only where the user must act (the key, the quota, the model, the interface); everything else is a
 * notice and the session goes on. An unknown code is a notice too.
 */
const serverErrorCodes: Record<string, { action: FaultAction; say: (detail: string) => string }> = {
  invalid_api_key: {
    action: 'fatal',
    say: (d) => `authentication failed — check the API key: ${d}`,
  },
  insufficient_quota: { action: 'fatal', say: (d) => `quota exceeded — check your plan and billing: ${d}` },
  invalid_model: { action: 'fatal', say: (d) => `unknown model — choose another in the profile: ${d}` },
  model_not_found: { action: 'fatal', say: (d) => `unknown model — choose another in the profile: ${d}` },
  missing_model: { action: 'fatal', say: (d) => `no model was named — set one in the profile: ${d}` },
  beta_api_shape_disabled: {
    action: 'fatal',
    say: (d) => `the server refused the beta Realtime interface (this app speaks GA only): ${d}`,
  },
  session_expired: { action: 'renew', say: () => 'session expired (60-minute limit): starting a new one' },
  response_cancel_not_active: { action: 'ignore', say: (d) => d },
  rate_limit_exceeded: { action: 'report', say: (d) => `rate limited — wait a moment and try again: ${d}` },
  input_audio_buffer_commit_empty: { action: 'report', say: () => 'too short: hold the key while you speak' },
  conversation_already_has_active_response: {
    action: 'report',
    say: (d) => `the server was still answering: ${d}`,
  },
  invalid_json: { action: 'report', say: (d) => `the server could not read an event: ${d}` },
  invalid_event: { action: 'report', say: (d) => `the server refused an event: ${d}` },
};

/** A server `error` event. */
export function describeServerError(error: RealtimeError): Fault {
  const code = error.code ?? undefined;
  const param = error.param ?? undefined;
  const detail = error.message;
  const known = code ? serverErrorCodes[code] : undefined;
  if (known) return { message: known.say(detail), action: known.action, code };
  // The real server names no code when the key is missing ("Missing bearer or basic authentication…").
  if (!code && /bearer|authentication/i.test(detail))
    return { message: `authentication failed — set an API key: ${detail}`, action: 'fatal' };
  if (param) return { message: `invalid parameter ${param}: ${detail}`, action: 'report', code, param };
  if (error.type === 'server_error') return { message: `server error: ${detail}`, action: 'report', code };
  return { message: detail, action: 'report', code };
}

/**
 * A close the server started. The real server checks the key and the model after the upgrade, then closes with
 * 3000 (authentication) or 4000 (request shape), the reason being `<error type>.<code>`: nothing to reconnect
 * for. It ends sessions at their 60-minute limit with a bare 1001. Anything else is a lost connection.
 */
export function describeClose(code: number, reason: string): Fault {
  if (code === 3000 || code === 4000) {
    const [type = 'invalid_request_error', errorCode] = reason.split('.', 2);
    const named = describeServerError({
      type,
      code: errorCode || null,
      message: `closed with ${code} ${reason}`,
    });
    if (named.action === 'fatal') return named;
    const what =
      code === 3000 ? 'authentication failed — check the API key' : 'the server refused the session';
    return { message: `${what} (closed with ${code} ${reason})`, action: 'fatal', code: errorCode };
  }
  if (code === 1001 && /maximum duration/i.test(reason))
    return { message: 'the session reached its 60-minute limit: starting a new one', action: 'renew' };
  return { message: `closed (${code}${reason ? ` ${reason}` : ''})`, action: 'report' };
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
