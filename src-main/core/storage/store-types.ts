// The seam between core and the key-value store library. The Electron shell supplies electron-store, the
// headless shell and tests supply `conf` (which electron-store wraps): same files, same migrations.

/** What a migration may touch: the subset of the conf/electron-store API both classes share. */
export interface MigrationStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  delete(key: string): void;
  readonly store: Record<string, unknown>;
}

export interface PersistentStore {
  /** The whole file's user data (conf keeps its bookkeeping out of it). Assigning writes atomically. */
  store: Record<string, unknown>;
  readonly path: string;
}

export interface StoreOptions {
  /** File name without extension: `<directory>/<name>.json`. */
  name: string;
  /** The schema version of this file (x.y.z), recorded by conf after migrations. */
  projectVersion: string;
  migrations: Record<string, (store: MigrationStore) => void>;
  defaults: Record<string, unknown>;
}

export interface StoreFactory {
  /** Where the files live; core reads a file here before opening it, to catch corrupt or newer ones. */
  readonly directory: string;
  create(options: StoreOptions): PersistentStore;
}
