// Opens one JSON store file defensively. conf alone would throw on a corrupt file (or clear it), and would
// happily overwrite a file a newer app version wrote. So before conf touches the file we read it ourselves:
//  - unreadable JSON, a failing migration, or data the zod schema rejects → the file is moved aside as
//    `<name>.corrupt-<timestamp>.json`, defaults are restored, and the user gets a notice;
//  - a file whose recorded schema version is newer than ours → read-only: nothing is ever written to it.
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import type { Notice } from '../../../src-preload/contract';
import { CommandError } from '../ipc/command-error';
import type { StoreFactory, StoreOptions } from './store-types';
import { isNewerVersion } from './version';

export interface OpenedStore<T> {
  /** The validated data (defaults when the file was missing, corrupt, or unreadable in read-only mode). */
  readonly data: T;
  readonly readOnly: boolean;
  readonly path: string;
  /** Replaces the file's data atomically; throws CommandError('conflict') in read-only mode. */
  write(data: T): void;
}

export interface OpenStoreOptions<T> extends StoreOptions {
  /** Label for notices: "settings", "profiles". */
  label: string;
  schema: z.ZodType<T>;
  /** Fills what an older or hand-edited file lacks before validation (e.g. settings added later). */
  normalize?: (raw: Record<string, unknown>) => unknown;
  notify: (notice: Notice) => void;
  now?: () => Date;
}

const INTERNAL_KEY = '__internal__';

const recordedVersion = (raw: Record<string, unknown>): string | undefined => {
  const internal = raw[INTERNAL_KEY] as { migrations?: { version?: unknown } } | undefined;
  const version = internal?.migrations?.version;
  return typeof version === 'string' ? version : undefined;
};

const withoutInternal = (raw: Record<string, unknown>): Record<string, unknown> => {
  const { [INTERNAL_KEY]: _internal, ...rest } = raw;
  return rest;
};

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

type ReadResult =
  | { kind: 'missing' }
  | { kind: 'corrupt'; reason: string; bytes: Buffer }
  | { kind: 'ok'; raw: Record<string, unknown>; bytes: Buffer };

function readRaw(path: string): ReadResult {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
    throw error;
  }
  try {
    const raw: unknown = JSON.parse(bytes.toString('utf8'));
    return isPlainObject(raw)
      ? { kind: 'ok', raw, bytes }
      : { kind: 'corrupt', reason: 'it does not hold a JSON object', bytes };
  } catch {
    return { kind: 'corrupt', reason: 'it is not valid JSON', bytes };
  }
}

const stamp = (date: Date) => date.toISOString().replace(/[:.]/g, '-');

export function openStore<T>(factory: StoreFactory, options: OpenStoreOptions<T>): OpenedStore<T> {
  const { label, schema, notify, name } = options;
  const now = options.now ?? (() => new Date());
  const path = join(factory.directory, `${name}.json`);
  const validate = (raw: Record<string, unknown>) =>
    schema.safeParse(options.normalize ? options.normalize(withoutInternal(raw)) : withoutInternal(raw));
  const defaults = (): T =>
    schema.parse(options.normalize ? options.normalize(options.defaults) : options.defaults);

  const first = readRaw(path);
  const moveAside = (reason: string) => {
    const aside = join(factory.directory, `${name}.corrupt-${stamp(now())}.json`);
    // conf may have rewritten the file by now (it merges in defaults and runs migrations as it opens):
    // what is set aside is the file as it was found, byte for byte.
    if (first.kind === 'missing') renameSync(path, aside);
    else {
      writeFileSync(aside, first.bytes);
      rmSync(path, { force: true });
    }
    notify({
      level: 'warning',
      message: `The ${label} file could not be used (${reason}). It was moved to ${aside} and defaults were restored.`,
    });
  };

  if (first.kind === 'corrupt') moveAside(first.reason);
  if (first.kind === 'ok') {
    const version = recordedVersion(first.raw);
    if (version !== undefined && isNewerVersion(version, options.projectVersion)) {
      const parsed = validate(first.raw);
      notify({
        level: 'warning',
        message:
          `The ${label} file was written by a newer version of the app (${version}); it is read-only here so ` +
          `nothing in it is lost. Changes to ${label} are not saved until you update the app.`,
      });
      return readOnlyStore(parsed.success ? parsed.data : defaults(), path, label);
    }
  }

  const tryOpen = () => {
    const store = factory.create(options);
    const parsed = validate(store.store);
    return { store, parsed };
  };

  let opened: ReturnType<typeof tryOpen>;
  try {
    opened = tryOpen();
  } catch (error) {
    // A migration threw (conf rolls back only the failing step): the file is not one we can trust.
    moveAside(`upgrading it failed: ${(error as Error).message}`);
    opened = tryOpen();
  }
  if (!opened.parsed.success) {
    const problem = opened.parsed.error.issues[0];
    moveAside(`${problem?.path.map(String).join('.') || 'its content'}: ${problem?.message ?? 'invalid'}`);
    opened = tryOpen();
  }
  const { store } = opened;
  const data = opened.parsed.success ? opened.parsed.data : defaults();
  return {
    data,
    readOnly: false,
    path,
    write(next) {
      // Validated before writing so the file never holds something we could not read back.
      store.store = schema.parse(next) as Record<string, unknown>;
    },
  };
}

function readOnlyStore<T>(data: T, path: string, label: string): OpenedStore<T> {
  return {
    data,
    readOnly: true,
    path,
    write() {
      throw new CommandError(
        'conflict',
        `The ${label} file was written by a newer version of the app and is read-only: update the app to change ${label}.`,
      );
    },
  };
}
