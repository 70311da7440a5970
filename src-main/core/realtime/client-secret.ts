// Pre-configured sessions: POST <base>/realtime/client_secrets with the profile's session returns an
// ephemeral key; a socket opened with it starts with that configuration, so session.created already holds
// the profile (no window where the server's defaults apply).
import type { ClientSecretCreateResponse } from 'openai/resources/realtime/client-secrets';
import type { RealtimeSessionCreateRequest } from 'openai/resources/realtime/realtime';
import { clientSecretsUrl } from './urls';
import { ConnectError } from './connection';
import { describeHttpFailure } from './errors';

export async function createClientSecret(
  baseUrl: string,
  apiKey: string,
  session: RealtimeSessionCreateRequest,
  timeoutMs = 10_000,
): Promise<string> {
  const response = await fetch(clientSecretsUrl(baseUrl), {
    method: 'POST',
    headers: { Authorization: `Bearer ${apiKey}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ expires_after: { anchor: 'created_at', seconds: 600 }, session }),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await response.text();
  if (!response.ok) throw new ConnectError(describeHttpFailure(response.status, text));
  const secret = JSON.parse(text) as ClientSecretCreateResponse;
  if (typeof secret.value !== 'string') throw new Error('client_secrets answered without a value');
  return secret.value;
}
