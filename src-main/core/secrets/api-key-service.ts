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

export function createApiKeyService(options: ApiKeyServiceOptions) {
  const { secrets, events, notify } = options;
  // The last test's verdict, forgotten whenever the key changes.
  let lastTest: KeyTestResult | undefined;
  let warnedBasicText = false;

  const status = async (): Promise<ApiKeyStatus> => {
    const [key, storage] = await Promise.all([secrets.get(), secrets.storageKind()]);
    return {
      set: key !== undefined,
      works: key === undefined ? null : (lastTest?.works ?? null),
      ...(lastTest && key !== undefined ? { message: lastTest.message } : {}),
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
    getKey: () => secrets.get(),
    /** Called once at startup: warns about a weak backend holding a key saved earlier. */
    checkStorage: async (): Promise<void> => warnIfWeak(await status()),
    async set(key: string): Promise<ApiKeyStatus> {
      try {
        await secrets.set(key);
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
      const key = await secrets.get();
      if (key === undefined) throw new CommandError('conflict', 'No API key is set.');
      lastTest = await testApiKey(options.baseUrl(), key, options.fetch ? { fetch: options.fetch } : {});
      return announce();
    },
  };
}
export type ApiKeyService = ReturnType<typeof createApiKeyService>;
