// Pre-configured sessions: POST <base>/realtime/client_secrets with the profile's session returns an
// ephemeral key; a socket opened with it starts with that configuration, so session.created already holds
// the profile (no window where the server's defaults apply).
import type { ClientSecretCreateResponse } from 'openai/resources/realtime/client-secrets';
import type { RealtimeSessionCreateRequest } from 'openai/resources/realtime/realtime';
import { clientSecretsUrl } from './urls';
import { ConnectError, maxServerFrameBytes } from './connection';
import { errorBodyCap, readBounded } from './bounded-body';
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
  // Never read more than an answer can need: a failure is a short JSON error; a success echoes the session,
  // which is no bigger than the session.created frame the socket would accept.
  const cap = response.ok ? maxServerFrameBytes : errorBodyCap;
  const { text, truncated } = response.body
    ? await readBounded(response.body, cap)
    : { text: '', truncated: false };
  if (!response.ok) throw new ConnectError(describeHttpFailure(response.status, text));
  if (truncated) throw new Error(`client_secrets answered with more than ${cap} bytes`);
  const secret = JSON.parse(text) as ClientSecretCreateResponse;
  if (typeof secret.value !== 'string') throw new Error('client_secrets answered without a value');
  return secret.value;
}
