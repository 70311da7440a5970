// The API key reaches the log's scrubber where main holds it: every key the secret store hands out or is
// given is registered before anything can log it. The store itself stays as it is.
import { unsealKey } from '../secrets/key-binding';
import type { SecretStore } from '../secrets/secret-store';

export function watchSecrets(store: SecretStore, onSecret: (secret: string) => void): SecretStore {
  // The store holds a sealed key ({key, origin} as JSON) or a bare one: the key itself is what matters.
  const seen = (stored: string | undefined) => {
    if (stored === undefined) return;
    onSecret(unsealKey(stored).key);
    onSecret(stored);
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
