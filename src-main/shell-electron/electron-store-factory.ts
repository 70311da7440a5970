// electron-store as core's StoreFactory: the same options core gives conf, under electron-store's names.
import ElectronStore from 'electron-store';
import { confOptions } from '../core/storage/conf-store';
import type { StoreFactory } from '../core/storage/store-types';

export function electronStoreFactory(directory: string): StoreFactory {
  return {
    directory,
    create: (options) => {
      const { configName, ...rest } = confOptions(directory, options);
      return new ElectronStore<Record<string, unknown>>({ ...rest, name: configName });
    },
  };
}

/**
 * Where an encrypted blob is kept: its own small file beside settings.json, one key per secret (the API key;
 * `mcpSecrets`, the MCP servers' env and header values; `profileSecrets`, remote MCP tools' authorizations).
 */
export function electronSecretsFile(
  directory: string,
  key: 'apiKey' | 'mcpSecrets' | 'profileSecrets' = 'apiKey',
) {
  const store = new ElectronStore<{ apiKey?: string; mcpSecrets?: string; profileSecrets?: string }>({
    name: 'secrets',
    cwd: directory,
  });
  return {
    get: () => store.get(key),
    set: (blob: string) => store.set(key, blob),
    delete: () => store.delete(key),
  };
}
