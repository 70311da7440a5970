// Realtime endpoints derived from a base URL in the OPENAI_BASE_URL convention (https://host/v1).

const trimBase = (baseUrl: string): string => baseUrl.replace(/\/+$/, '');

/** `https://api.openai.com/v1` → `wss://api.openai.com/v1/realtime?model=…` (http → ws for local servers). */
export function realtimeSocketUrl(baseUrl: string, model: string): string {
  const url = new URL(`${trimBase(baseUrl)}/realtime`);
  if (url.protocol === 'https:') url.protocol = 'wss:';
  else if (url.protocol === 'http:') url.protocol = 'ws:';
  else if (url.protocol !== 'ws:' && url.protocol !== 'wss:')
    throw new Error(`base URL must be http(s): ${baseUrl}`);
  url.searchParams.set('model', model);
  return url.toString();
}

/** `POST <base>/realtime/client_secrets`: an ephemeral key for a session created already configured. */
export function clientSecretsUrl(baseUrl: string): string {
  const url = new URL(`${trimBase(baseUrl)}/realtime/client_secrets`);
  if (url.protocol === 'wss:') url.protocol = 'https:';
  else if (url.protocol === 'ws:') url.protocol = 'http:';
  return url.toString();
}
