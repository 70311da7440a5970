// The API key commands: set, clear, test, status. The key goes in through setApiKey and out only to the
// realtime engine (getKey); the renderer, events and logs only ever see an ApiKeyStatus.
import type { ApiKeyStatus, Notice } from '../../../src-preload/contract';
import { CommandError } from '../ipc/command-error';
import type { EventBus } from '../ipc/event-bus';
import { originOf, sealKey, unsealKey } from './key-binding';
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
  const currentOrigin = () => originOf(options.baseUrl());
  /**
   * A bare key with no binding from its store was saved before keys were bound to an origin (or handed to
   * a store in-process). It is bound, and re-sealed, where it is first used: when the stored key is
   * checked at startup (a key in the keychain: the saved base URL is the one the user had, and no window
   * exists yet to have moved it), or else the first time it would be sent. Refusing it instead would
   * break every key saved before the upgrade, with nothing the user did wrong; binding it keeps it working
   * exactly where it worked. `pinned` holds the binding for this run even if re-sealing fails (a locked
   * keychain): the store is tried again at the next start.
   */
  let pinned: { stored: string; origin: string } | undefined;
  const bindBare = async (stored: string, key: string, origin: string): Promise<void> => {
    pinned = { stored, origin };
    await secrets.set(sealKey(key, origin)).catch(() => {});
  };

  /**
   * The key if it may be used with the current base URL, and that base URL (read once: the key goes where
   * it was checked); otherwise why not. `bind`: a bare key found now is bound to the current origin (it is
   * about to be used).
   */
  const usable = async (
    bind: boolean,
    forBaseUrl?: string,
  ): Promise<{ key?: string; baseUrl?: string; refusal?: string } | undefined> => {
    const stored = await secrets.get();
    if (stored === undefined) return undefined;
    const baseUrl = forBaseUrl ?? options.baseUrl();
    const current = originOf(baseUrl);
    const { key, origin: sealedTo } = unsealKey(stored);
    const given = sealedTo === undefined ? secrets.givenKeyBinding : undefined;
    let origin = sealedTo ?? given?.origin ?? (pinned?.stored === stored ? pinned.origin : undefined);
    if (origin === undefined && bind) {
      origin = current;
      await bindBare(stored, key, origin);
    }
    if (origin !== undefined && origin !== current) {
      return {
        refusal: given
          ? `The key from ${given.source} is only sent to ${origin}; to use it with ${current}, ${given.hint}, or save a key here.`
          : `The key was saved for ${origin}; save it again to use it with ${current}.`,
      };
    }
    return { key, baseUrl };
  };
  // The last test's verdict, forgotten whenever the key changes.
  let lastTest: KeyTestResult | undefined;
  let warnedBasicText = false;

  const status = async (bind = false): Promise<ApiKeyStatus> => {
    const [found, storage] = await Promise.all([usable(bind), secrets.storageKind()]);
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
    status: () => status(),
    /**
     * For the realtime engine only. `baseUrl`: where the key is about to go (the link reads it once per
     * connect); the key is given only if it may go there, even if the setting has moved since.
     */
    getKey: async (baseUrl?: string): Promise<string | undefined> => (await usable(true, baseUrl))?.key,
    /**
     * Called once at startup: warns about a weak backend holding a key saved earlier, and binds a key the
     * keychain kept from before origin binding (see bindBare).
     */
    checkStorage: async (): Promise<void> => {
      const persistent = ['keychain', 'basic_text'].includes(await secrets.storageKind());
      warnIfWeak(await status(persistent));
    },
    async set(key: string): Promise<ApiKeyStatus> {
      try {
        await secrets.set(sealKey(key, currentOrigin()));
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
      const found = await usable(true);
      if (found === undefined) throw new CommandError('conflict', 'No API key is set.');
      if (found.key === undefined || found.baseUrl === undefined)
        throw new CommandError('conflict', found.refusal ?? 'The key cannot be used here.');
      lastTest = await testApiKey(found.baseUrl, found.key, options.fetch ? { fetch: options.fetch } : {});
      return announce();
    },
  };
}
export type ApiKeyService = ReturnType<typeof createApiKeyService>;
