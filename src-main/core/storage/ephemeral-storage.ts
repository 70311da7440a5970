// Storage for a core nobody asked to persist (tests, a throwaway dev run): conf in a fresh temp directory,
// removed when the core is disposed or the process exits. Same code path as the real thing.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { confStoreFactory } from './conf-store';
import type { StoreFactory } from './store-types';

export function ephemeralStorage(): { factory: StoreFactory; remove(): void } {
  const directory = mkdtempSync(join(tmpdir(), 'voice-assistant-'));
  const remove = () => rmSync(directory, { recursive: true, force: true });
  process.once('exit', remove);
  return { factory: confStoreFactory(directory), remove };
}
