// The API key encrypted with Electron's safeStorage (async API): Keychain on macOS, DPAPI on Windows,
// libsecret/KWallet on Linux, or the weak `basic_text` fallback the UI warns about. Only the encrypted
// blob (base64) is written to disk. Never logs the key or the blob.
import type { SafeStorage } from 'electron';
import type { SecretStorageKind, SecretStore } from '../core/secrets/secret-store';

export interface BlobFile {
  get(): string | undefined;
  set(blob: string): void;
  delete(): void;
}

type SafeStorageApi = Pick<
  SafeStorage,
  'isAsyncEncryptionAvailable' | 'encryptStringAsync' | 'decryptStringAsync' | 'getSelectedStorageBackend'
>;

export function safeStorageSecrets(
  safeStorage: SafeStorageApi,
  file: BlobFile,
  platform: NodeJS.Platform = process.platform,
): SecretStore {
  // Without any encryption (rare: no keyring daemon reachable at all) the key lives for this run only.
  let memoryOnly: string | undefined;

  const encryptAndSave = async (key: string) => {
    file.set((await safeStorage.encryptStringAsync(key)).toString('base64'));
  };

  return {
    async get() {
      if (memoryOnly !== undefined) return memoryOnly;
      const blob = file.get();
      if (blob === undefined) return undefined;
      try {
        const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(Buffer.from(blob, 'base64'));
        if (shouldReEncrypt) await encryptAndSave(result);
        return result;
      } catch {
        // Encrypted under another user's or a reset keychain: unreadable, so treat it as not set.
        return undefined;
      }
    },
    async set(key) {
      if (await safeStorage.isAsyncEncryptionAvailable()) {
        await encryptAndSave(key);
        memoryOnly = undefined;
      } else {
        memoryOnly = key;
      }
    },
    async clear() {
      memoryOnly = undefined;
      file.delete();
    },
    async storageKind(): Promise<SecretStorageKind> {
      if (memoryOnly !== undefined || !(await safeStorage.isAsyncEncryptionAvailable())) return 'memory';
      if (platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text')
        return 'basic_text';
      return 'keychain';
    },
  };
}
