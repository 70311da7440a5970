// Checks a key with GET <baseUrl>/models: cheap, read-only, and answered 401 for a bad key.
// Messages never contain the key (the caller passes them to the renderer).

export interface KeyTestResult {
  works: boolean | null;
  message: string;
}

export async function testApiKey(
  baseUrl: string,
  key: string,
  options: { timeoutMs?: number; fetch?: typeof fetch } = {},
): Promise<KeyTestResult> {
  const url = `${baseUrl.replace(/\/+$/, '')}/models`;
  let response: Response;
  try {
    response = await (options.fetch ?? fetch)(url, {
      headers: { Authorization: `Bearer ${key}` },
      signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
    });
  } catch (error) {
    const reason =
      (error as Error).name === 'TimeoutError' ? 'no answer in time' : describeNetworkError(error);
    return { works: null, message: `Could not reach ${url}: ${reason}. The key was not checked.` };
  }
  // The body is not needed; release the connection.
  await response.body?.cancel().catch(() => {});
  if (response.ok) return { works: true, message: 'The key works.' };
  if (response.status === 401) {
    return {
      works: false,
      message: 'The key was rejected (401 Unauthorized): check that it is complete and not revoked.',
    };
  }
  if (response.status === 403) {
    return {
      works: null,
      message: 'The key is valid but may not list models (403 Forbidden); it may still work for Realtime.',
    };
  }
  if (response.status === 429) {
    return { works: null, message: 'Rate limited or out of quota (429); the key itself was accepted.' };
  }
  return { works: null, message: `Unexpected answer from ${url}: HTTP ${response.status}.` };
}

function describeNetworkError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message ?? 'network error';
}
