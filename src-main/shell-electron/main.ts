// Electron main entry: wires the core to Electron. Everything that decides anything lives in core.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, ipcMain, safeStorage, session } from 'electron';
import { createCore } from '../core/app/create-core';
import { electronSecretsFile, electronStoreFactory } from './electron-store-factory';
import { bindContract, forwardEvents, rendererSenderCheck } from './ipc-binding';
import { safeStorageSecrets } from './safe-storage-secrets';
import { denyPermissions, lockDownContents } from './security';
import { createMainWindow } from './window';

const rendererUrl =
  process.env.ELECTRON_RENDERER_URL ??
  pathToFileURL(join(import.meta.dirname, '../renderer/index.html')).href;
const preloadPath = join(import.meta.dirname, '../preload/index.js');

let mainWindow: BrowserWindow | undefined;

lockDownContents(app, rendererUrl);

void app.whenReady().then(() => {
  denyPermissions(session.defaultSession);
  const core = createCore({
    shell: 'electron',
    version: app.getVersion(),
    storage: electronStoreFactory(app.getPath('userData')),
    secrets: safeStorageSecrets(safeStorage, electronSecretsFile(app.getPath('userData'))),
    log: (message, error) => console.error(message, error),
  });
  bindContract(ipcMain, core.dispatcher, rendererSenderCheck(rendererUrl));
  forwardEvents(core.events, () => mainWindow?.webContents);
  mainWindow = createMainWindow(preloadPath, rendererUrl);

  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) mainWindow = createMainWindow(preloadPath, rendererUrl);
  });
  app.on('will-quit', () => void core.dispose());
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
