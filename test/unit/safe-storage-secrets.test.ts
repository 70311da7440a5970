// The Electron shell's safeStorage-backed secret store, against a mocked `electron`.
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => {
  // A reversible stand-in for OS encryption, so the test can tell ciphertext from the key.
  const encrypt = (text: string) => Buffer.from(`enc:${Buffer.from(text).toString('hex')}`);
  return {
    safeStorage: {
      isAsyncEncryptionAvailable: vi.fn(async () => true),
      encryptStringAsync: vi.fn(async (text: string) => encrypt(text)),
      decryptStringAsync: vi.fn(async (buffer: Buffer) => ({
        result: Buffer.from(buffer.toString().slice(4), 'hex').toString(),
        shouldReEncrypt: false,
      })),
      getSelectedStorageBackend: vi.fn(() => 'gnome_libsecret'),
    },
  };
});

const { safeStorage } = await import('electron');
const { safeStorageSecrets } = await import('../../src-main/shell-electron/safe-storage-secrets');

const memoryFile = () => {
  let blob: string | undefined;
  return {
    get: () => blob,
    set: (b: string) => void (blob = b),
    delete: () => void (blob = undefined),
    peek: () => blob,
  };
};

beforeEach(() => vi.clearAllMocks());

describe('safeStorage secrets', () => {
  it('stores only the encrypted blob and reads the key back', async () => {
    const file = memoryFile();
    const secrets = safeStorageSecrets(safeStorage, file, 'linux');
    await secrets.set('sk-secret');
    expect(file.peek()).toBeDefined();
    expect(Buffer.from(file.peek() ?? '', 'base64').toString()).not.toContain('sk-secret');
    expect(await secrets.get()).toBe('sk-secret');
    expect(await secrets.storageKind()).toBe('keychain');
    await secrets.clear();
    expect(file.peek()).toBeUndefined();
    expect(await secrets.get()).toBeUndefined();
  });

  it('reports the Linux basic_text fallback so the UI can warn', async () => {
    vi.mocked(safeStorage.getSelectedStorageBackend).mockReturnValue('basic_text');
    expect(await safeStorageSecrets(safeStorage, memoryFile(), 'linux').storageKind()).toBe('basic_text');
    expect(await safeStorageSecrets(safeStorage, memoryFile(), 'darwin').storageKind()).toBe('keychain');
  });

  it('re-encrypts when Electron asks to, and treats an undecryptable blob as no key', async () => {
    const file = memoryFile();
    const secrets = safeStorageSecrets(safeStorage, file, 'win32');
    await secrets.set('sk-secret');
    vi.mocked(safeStorage.decryptStringAsync).mockResolvedValueOnce({
      result: 'sk-secret',
      shouldReEncrypt: true,
    });
    expect(await secrets.get()).toBe('sk-secret');
    expect(safeStorage.encryptStringAsync).toHaveBeenCalledTimes(2);
    vi.mocked(safeStorage.decryptStringAsync).mockRejectedValueOnce(new Error('bad key'));
    expect(await secrets.get()).toBeUndefined();
  });

  it('keeps the key in memory for this run when no encryption is available', async () => {
    vi.mocked(safeStorage.isAsyncEncryptionAvailable).mockResolvedValue(false);
    const file = memoryFile();
    const secrets = safeStorageSecrets(safeStorage, file, 'linux');
    await secrets.set('sk-secret');
    expect(file.peek()).toBeUndefined();
    expect([await secrets.get(), await secrets.storageKind()]).toEqual(['sk-secret', 'memory']);
  });
});
