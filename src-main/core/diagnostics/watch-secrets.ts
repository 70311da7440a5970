// Secrets reach the log's scrubber where main holds them: every value a secret store hands out or is given
// is registered before anything can log it. The stores themselves stay as they are.
import { unsealKey } from '../secrets/key-binding';
import type { SecretStore } from '../secrets/secret-store';

/** The API key store holds a sealed key ({key, origin} as JSON) or a bare one: the key itself matters. */
export const apiKeyValues = (stored: string): string[] => [unsealKey(stored).key, stored];

/** The MCP store holds one JSON blob of `{server: {NAME: value}}`: every value is a secret. */
export function jsonStringValues(stored: string): string[] {
  const values: string[] = [];
  const walk = (value: unknown) => {
    if (typeof value === 'string') values.push(value);
    else if (value && typeof value === 'object') for (const entry of Object.values(value)) walk(entry);
  };
  try {
    walk(JSON.parse(stored));
  } catch {
    values.push(stored);
  }
  return values;
}

export function watchSecrets(
  store: SecretStore,
  onSecret: (secret: string) => void,
  valuesOf: (stored: string) => string[] = apiKeyValues,
): SecretStore {
  const seen = (stored: string | undefined) => {
    if (stored === undefined) return;
    for (const value of valuesOf(stored)) onSecret(value);
  };
  const watched: SecretStore = {
    get: async () => {
      const stored = await store.get();
      seen(stored);
      return stored;
    },
    set: async (stored) => {
      seen(stored);
      await store.set(stored);
    },
    clear: () => store.clear(),
    storageKind: () => store.storageKind(),
  };
  if (store.givenKeyBinding) return { ...watched, givenKeyBinding: store.givenKeyBinding };
  return watched;
}
