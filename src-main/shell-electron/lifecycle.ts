// The desktop app's part of the life cycle: the diagnostic log in the user's log folder, electron-updater
// for updates, and the file manager for "Open logs folder". Everything else is core/lifecycle.
import { join } from 'node:path';
import type { App, Clipboard, Shell } from 'electron';
import type { CoreOptions } from '../core/app/create-core';
import type { AppLog } from '../core/diagnostics/app-log';
import { electronUpdates } from './updater';

export async function electronLifecycleOptions(
  app: App,
  shell: Shell,
  clipboard: Clipboard,
  appLog: AppLog,
  log: (message: string, error?: unknown) => void,
): Promise<Pick<CoreOptions, 'appLog' | 'updates' | 'openFolder' | 'copyText'>> {
  // Linux ~/.config/Voice Assistant/logs, macOS ~/Library/Logs/Voice Assistant, Windows …\userData\logs.
  await appLog
    .open(join(app.getPath('logs'), 'main.log'))
    .catch((error: unknown) => log('the log file could not be opened', error));
  return {
    appLog,
    updates: await electronUpdates(app, appLog).catch((error: unknown) => {
      log('the updater could not start', error);
      return { unsupportedReason: `The updater could not start: ${(error as Error).message}` };
    }),
    openFolder: async (path) => {
      // Electron answers with an error message, empty on success.
      const failure = await shell.openPath(path);
      if (failure) throw new Error(failure);
    },
    // The page's own clipboard API would need a permission the app denies every page (security.ts).
    copyText: (text) => clipboard.writeText(text),
  };
}
