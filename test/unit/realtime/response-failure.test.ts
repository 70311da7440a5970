// What a response.done that is not `completed` tells the user, and the wait before a retry, from the payloads
// the real server sends (DESIGN.md: rate limits come as a failed response naming the wait in its message).
import { describe, expect, it } from 'vitest';
import { describeResponseEnd, namedWaitMs } from '../../../src-main/core/realtime/response-failure';

const failed = (error: Record<string, unknown>) =>
  describeResponseEnd({ status: 'failed', status_details: { type: 'failed', error } as never });

describe('response failures', () => {
  it('reads the wait the server names, in seconds or milliseconds, capped at 30 s', () => {
    expect(namedWaitMs('Rate limit reached for gpt-realtime. Please try again in 4.494s. Visit …')).toBe(
      4494,
    );
    expect(namedWaitMs('Please try again in 450ms.')).toBe(450);
    expect(namedWaitMs('Please try again in 120s.')).toBe(30_000);
    expect(namedWaitMs('Something else went wrong.')).toBeUndefined();
  });

  it('a rate limit is retried after the named wait, 1 s when none is named, and never shows JSON', () => {
    const limited = failed({
      type: 'tokens',
      code: 'rate_limit_exceeded',
      message:
        'Rate limit reached for gpt-realtime in organization org-x on tokens per min. Please try again in 2.5s.',
    });
    expect(limited).toEqual({ message: 'rate limited', retryAfterMs: 2_500, failed: true });
    expect(failed({ type: 'tokens', code: 'rate_limit_exceeded' })?.retryAfterMs).toBe(1_000);
  });

  it('a server error is retried; any other failure is shown by its message and not retried', () => {
    expect(failed({ type: 'server_error', message: 'The server had an error.' })).toMatchObject({
      message: 'server error',
      retryAfterMs: 1_000,
    });
    const other = failed({ type: 'invalid_request_error', code: 'bad_thing', message: 'That was wrong.' });
    expect(other).toEqual({ message: 'the answer failed: That was wrong.', failed: true });
    expect(other?.message).not.toContain('{');
  });

  it('incomplete answers say why they stopped; completed and cancelled ones say nothing', () => {
    const incomplete = (reason: string) =>
      describeResponseEnd({ status: 'incomplete', status_details: { type: 'incomplete', reason } as never });
    expect(incomplete('max_output_tokens')?.message).toMatch(/maximum output tokens/);
    expect(incomplete('content_filter')?.message).toMatch(/content filter/);
    expect(incomplete('content_filter')?.failed).toBe(false);
    expect(describeResponseEnd({ status: 'completed' })).toBeUndefined();
    expect(describeResponseEnd({ status: 'cancelled' })).toBeUndefined();
  });
});
