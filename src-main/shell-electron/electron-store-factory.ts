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

/** Where the encrypted API key blob is kept: its own small file beside settings.json. */
export function electronSecretsFile(directory: string) {
  const store = new ElectronStore<{ apiKey?: string }>({ name: 'secrets', cwd: directory });
  return {
    get: () => store.get('apiKey'),
    set: (blob: string) => store.set('apiKey', blob),
    delete: () => store.delete('apiKey'),
  };
}
