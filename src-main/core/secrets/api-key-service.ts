// The API key commands: set, clear, test, status. The key goes in through setApiKey and out only to the
// realtime engine (getKey); the renderer, events and logs only ever see an ApiKeyStatus.
import type { ApiKeyStatus, Notice } from '../../../src-preload/contract';
import { CommandError } from '../ipc/command-error';
import type { EventBus } from '../ipc/event-bus';
import type { SecretStore } from './secret-store';
import { testApiKey, type KeyTestResult } from './test-api-key';

export interface ApiKeyServiceOptions {
  secrets: SecretStore;
  events: EventBus;
  notify: (notice: Notice) => void;
  baseUrl: () => string;
  fetch?: typeof fetch;
}

const basicTextWarning =
  'No system keychain is available (Linux "basic_text" backend): the API key is stored with a fixed ' +
  'obfuscation key, not real encryption. Install and unlock a keyring (GNOME Keyring, KWallet) to protect it.';

/**
 * A key saved from the window is bound to the API origin it was saved for. Otherwise a compromised
 * renderer could point the base URL at its own server and have main send the key there (the renderer never
 * sees the key, but it could make main disclose it). A bare key (OPENAI_API_KEY, chosen together with
 * OPENAI_BASE_URL by whoever started the process) is bound to nothing.
 */
const seal = (key: string, origin: string): string => JSON.stringify({ key, origin });
function unseal(stored: string): { key: string; origin?: string } {
  try {
    const value = JSON.parse(stored) as { key?: unknown; origin?: unknown };
    if (typeof value.key === 'string' && typeof value.origin === 'string')
      return { key: value.key, origin: value.origin };
  } catch {
    // not JSON: a bare key
  }
  return { key: stored };
}
const originOf = (baseUrl: string): string => new URL(baseUrl).origin;

export function createApiKeyService(options: ApiKeyServiceOptions) {
  const { secrets, events, notify } = options;
  /** The key if it may be used with the current base URL; otherwise why not. */
  const usable = async (): Promise<{ key?: string; refusal?: string } | undefined> => {
    const stored = await secrets.get();
    if (stored === undefined) return undefined;
    const { key, origin } = unseal(stored);
    const current = originOf(options.baseUrl());
    if (origin !== undefined && origin !== current) {
      return { refusal: `The key was saved for ${origin}; save it again to use it with ${current}.` };
    }
    return { key };
  };
  // The last test's verdict, forgotten whenever the key changes.
  let lastTest: KeyTestResult | undefined;
  let warnedBasicText = false;

  const status = async (): Promise<ApiKeyStatus> => {
    const [found, storage] = await Promise.all([usable(), secrets.storageKind()]);
    if (found?.refusal) return { set: true, works: false, message: found.refusal, storage };
    return {
      set: found !== undefined,
      works: found === undefined ? null : (lastTest?.works ?? null),
      ...(lastTest && found !== undefined ? { message: lastTest.message } : {}),
      storage,
    };
  };

  const warnIfWeak = (current: ApiKeyStatus) => {
    if (current.storage === 'basic_text' && current.set && !warnedBasicText) {
      warnedBasicText = true;
      notify({ level: 'warning', message: basicTextWarning });
    }
  };

  const announce = async () => {
    const current = await status();
    warnIfWeak(current);
    events.emit('apiKeyStatusChanged', current);
    return current;
  };

  return {
    status,
    /** For the realtime engine only. */
    getKey: async (): Promise<string | undefined> => (await usable())?.key,
    /** Called once at startup: warns about a weak backend holding a key saved earlier. */
    checkStorage: async (): Promise<void> => warnIfWeak(await status()),
    async set(key: string): Promise<ApiKeyStatus> {
      try {
        await secrets.set(seal(key, originOf(options.baseUrl())));
      } catch (error) {
        // The store's own message may say why (no keychain); it never contains the key.
        throw new CommandError('failed', `The key could not be stored: ${(error as Error).message}`);
      }
      lastTest = undefined;
      return announce();
    },
    async clear(): Promise<ApiKeyStatus> {
      await secrets.clear();
      lastTest = undefined;
      return announce();
    },
    async test(): Promise<ApiKeyStatus> {
      const found = await usable();
      if (found === undefined) throw new CommandError('conflict', 'No API key is set.');
      if (found.key === undefined)
        throw new CommandError('conflict', found.refusal ?? 'The key cannot be used here.');
      lastTest = await testApiKey(
        options.baseUrl(),
        found.key,
        options.fetch ? { fetch: options.fetch } : {},
      );
      return announce();
    },
  };
}
export type ApiKeyService = ReturnType<typeof createApiKeyService>;
