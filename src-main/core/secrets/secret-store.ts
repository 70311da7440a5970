// Where the API key lives, as core sees it. The Electron shell implements it with safeStorage (an OS
// keychain-derived key), the headless shell with OPENAI_API_KEY. Implementations never log the key.
import type { ApiKeyStatus } from '../../../src-preload/contract';

export type SecretStorageKind = ApiKeyStatus['storage'];

export interface SecretStore {
  get(): Promise<string | undefined>;
  set(key: string): Promise<void>;
  clear(): Promise<void>;
  /** Where a key set now would be kept; `basic_text` means no real keychain (the UI warns). */
  storageKind(): Promise<SecretStorageKind>;
}

/** Kept for this run only. */
export function memorySecrets(initial?: string): SecretStore {
  let key = initial;
  return {
    get: async () => key,
    set: async (value) => void (key = value),
    clear: async () => void (key = undefined),
    storageKind: async () => 'memory',
  };
}

/**
 * Headless: the key comes from the environment (OPENAI_API_KEY). Setting one from the UI keeps it in memory
 * for this run; clearing it hides the environment's key too, so "clear" means what it says.
 */
export function environmentSecrets(
  env: NodeJS.ProcessEnv = process.env,
  name = 'OPENAI_API_KEY',
): SecretStore {
  const fromEnv = env[name]?.trim() || undefined;
  let override: { key: string | undefined } | undefined;
  return {
    get: async () => (override ? override.key : fromEnv),
    set: async (key) => void (override = { key }),
    clear: async () => void (override = { key: undefined }),
    storageKind: async () => (override || !fromEnv ? 'memory' : 'environment'),
  };
}
