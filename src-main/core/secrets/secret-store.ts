// Where the API key lives, as core sees it. The Electron shell implements it with safeStorage (an OS
// keychain-derived key), the headless shell with OPENAI_API_KEY. Implementations never log the key.
import type { ApiKeyStatus } from '../../../src-preload/contract';
import { defaultSettings } from '../settings/settings-service';
import { originOf, type GivenKeyBinding } from './key-binding';

export type SecretStorageKind = ApiKeyStatus['storage'];

export interface SecretStore {
  get(): Promise<string | undefined>;
  set(key: string): Promise<void>;
  clear(): Promise<void>;
  /** Where a key set now would be kept; `basic_text` means no real keychain (the UI warns). */
  storageKind(): Promise<SecretStorageKind>;
  /**
   * The API origin a bare key this store was given (not one saved through the API key service, which is
   * sealed with its origin) may be sent to. Without it, a bare key is bound where it is first used (see
   * api-key-service.ts).
   */
  readonly givenKeyBinding?: GivenKeyBinding;
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
 * The environment's key is bound to OPENAI_BASE_URL's origin (OpenAI's by default): whoever started the
 * process chose the two together, while the base URL in settings can be moved by any client of the
 * contract (dev:web's socket), which must not be able to send the key elsewhere.
 */
export function environmentSecrets(
  env: NodeJS.ProcessEnv = process.env,
  name = 'OPENAI_API_KEY',
): SecretStore {
  const fromEnv = env[name]?.trim() || undefined;
  const baseUrl = env.OPENAI_BASE_URL?.trim() || defaultSettings.baseUrl;
  let origin: string;
  try {
    origin = originOf(baseUrl);
  } catch {
    throw new Error(`OPENAI_BASE_URL is not a URL: ${baseUrl}`);
  }
  let override: { key: string | undefined } | undefined;
  return {
    givenKeyBinding: {
      origin,
      source: name,
      hint: 'start with OPENAI_BASE_URL set to that API',
    },
    get: async () => (override ? override.key : fromEnv),
    set: async (key) => void (override = { key }),
    clear: async () => void (override = { key: undefined }),
    storageKind: async () => (override || !fromEnv ? 'memory' : 'environment'),
  };
}
