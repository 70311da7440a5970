// The plain-Node store factory: `conf` with an explicit directory (headless shell, tests). The options are
// shared with the Electron shell's electron-store factory so both open the same files the same way.
import Conf from 'conf';
import type { StoreFactory, StoreOptions } from './store-types';

export function confOptions(directory: string, { name, projectVersion, migrations, defaults }: StoreOptions) {
  return {
    cwd: directory,
    configName: name,
    projectVersion,
    // conf hands migrations a Conf instance, which is a MigrationStore.
    migrations: migrations as Record<string, (store: Conf<Record<string, unknown>>) => void>,
    defaults,
    // Our keys never mean paths: profile ids and accelerators may contain dots.
    accessPropertiesByDotNotation: false,
    // Corrupt files are moved aside by open-store before conf sees them; never silently clear one.
    clearInvalidConfig: false,
  };
}

export function confStoreFactory(directory: string): StoreFactory {
  return {
    directory,
    create: (options) => new Conf<Record<string, unknown>>(confOptions(directory, options)),
  };
}
