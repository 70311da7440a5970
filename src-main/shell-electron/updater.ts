// electron-updater as the core's update backend: it fetches the feed named in app-update.yml (the GitHub
// releases in electron-builder.yml's `publish`), downloads and verifies, and installs on request. It
// decides nothing: automatic download is off, and when to check, whether the offered version is newer and
// when to install are the core's (core/updates).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { App } from 'electron';
import type * as ElectronUpdater from 'electron-updater';
import type { AppUpdater } from 'electron-updater';
import type { AppLog } from '../core/diagnostics/app-log';
import type { UpdateProvision } from '../core/lifecycle/lifecycle';

/**
 * Development only (an unpackaged app): an update feed description to try updates with, as electron-updater's
 * dev-app-update.yml. A packaged app never reads it: its feed comes from the app-update.yml it was built with.
 */
export const DEV_UPDATE_CONFIG_ENV = 'VOICE_ASSISTANT_DEV_UPDATE_CONFIG';

async function loadUpdater(): Promise<AppUpdater> {
  // A CommonJS package whose autoUpdater is a lazy getter: Node's ESM interop only exposes it on `default`.
  const loaded = (await import('electron-updater')) as typeof ElectronUpdater & {
    default?: typeof ElectronUpdater;
  };
  return (loaded.default ?? loaded).autoUpdater;
}

export async function electronUpdates(app: App, appLog: AppLog): Promise<UpdateProvision> {
  let devConfig: string | undefined;
  if (!app.isPackaged) {
    devConfig = process.env[DEV_UPDATE_CONFIG_ENV] ?? join(app.getAppPath(), 'dev-app-update.yml');
    if (!existsSync(devConfig)) return { unsupportedReason: 'A development build does not update itself.' };
  }
  const updater = await loadUpdater();
  updater.autoDownload = false;
  // A downloaded update is installed when the user quits anyway (never in the middle of a turn: quitting
  // ends the conversation by the user's own choice).
  updater.autoInstallOnAppQuit = true;
  updater.logger = {
    info: (message?: unknown) => appLog.info('updater', { message: String(message) }),
    warn: (message?: unknown) => appLog.warn('updater', { message: String(message) }),
    error: (message?: unknown) => appLog.warn('updater', { message: String(message) }),
  };
  if (devConfig) {
    updater.forceDevUpdateConfig = true;
    updater.updateConfigPath = devConfig;
  }
  return {
    backend: {
      // Null when electron-updater is inactive here (an AppImage run unpacked, a snap): the core says so.
      check: async () => (await updater.checkForUpdates())?.updateInfo,
      async download(onProgress) {
        const progress = (info: { percent: number }) => onProgress(info.percent);
        updater.on('download-progress', progress);
        try {
          await updater.downloadUpdate();
        } finally {
          updater.off('download-progress', progress);
        }
      },
      install: () => updater.quitAndInstall(),
    },
  };
}
