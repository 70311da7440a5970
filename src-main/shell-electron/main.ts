// Electron main entry: wires the core to Electron. Everything that decides anything lives in core.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  app,
  BrowserWindow,
  clipboard,
  desktopCapturer,
  globalShortcut,
  ipcMain,
  safeStorage,
  screen,
  session,
  shell,
  systemPreferences,
} from 'electron';
import { closeWithin, QUIT_CLOSE_MS } from '../core/app/close-within';
import { createCore } from '../core/app/create-core';
import { createFaultGuard } from '../core/app/fault-guard';
import { alsoToAppLog, createAppLog } from '../core/diagnostics/app-log';
import { launchAction } from '../core/app/window-policy';
import { setUpDesktop } from './desktop';
import { electronSecretsFile, electronStoreFactory } from './electron-store-factory';
import { electronHotkeyOptions } from './hotkeys';
import { bindContract, forwardEvents, rendererSenderCheck } from './ipc-binding';
import { wasOpenedAtLogin } from './login-item';
import { safeStorageSecrets } from './safe-storage-secrets';
import { electronScreenCapture } from './screen-capture';
import { denyPermissions, lockDownContents } from './security';
import { electronLifecycleOptions } from './lifecycle';
import { bindTalkIndicator } from './talk-indicator';
import { bindToolApprovalNotifications } from './tool-approval-notifications';
import { createMainWindow } from './window';

// The dev server URL (electron-vite sets it for `npm run dev`) only in development: the window, the one
// origin allowed to navigate and the IPC sender check all follow this URL, so a packaged app must never
// take it from its environment.
const devRendererUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;
const rendererUrl = devRendererUrl ?? pathToFileURL(join(import.meta.dirname, '../renderer/index.html')).href;
const preloadPath = join(import.meta.dirname, '../preload/index.js');

const trayIconDir = join(import.meta.dirname, '../../resources/tray');

let mainWindow: BrowserWindow | undefined;
// The diagnostic log exists from the first line on; its file opens once the app is ready (./lifecycle.ts).
const appLog = createAppLog();
const log = alsoToAppLog(
  (message: string, error?: unknown) =>
    error === undefined ? console.error(message) : console.error(message, error),
  appLog,
);

// Installed first, so a fault anywhere in startup is caught too; its notices reach the window once the core
// exists. Without these, Electron shows a raw error dialog or Node ends the process.
const faults = createFaultGuard({ log, exit: (code) => app.exit(code) });
process.on('uncaughtException', faults.uncaughtException);
process.on('unhandledRejection', faults.unhandledRejection);

// One running app: a second launch hands its argv to this one ('second-instance') and exits.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  lockDownContents(app, rendererUrl);
  void app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      console.error('Voice Assistant could not start', error);
      app.exit(1);
    });
}

async function start(): Promise<void> {
  denyPermissions(session.defaultSession);
  const core = createCore({
    shell: 'electron',
    version: app.getVersion(),
    storage: electronStoreFactory(app.getPath('userData')),
    secrets: safeStorageSecrets(safeStorage, electronSecretsFile(app.getPath('userData'))),
    mcpSecrets: safeStorageSecrets(safeStorage, electronSecretsFile(app.getPath('userData'), 'mcpSecrets')),
    profileSecrets: safeStorageSecrets(
      safeStorage,
      electronSecretsFile(app.getPath('userData'), 'profileSecrets'),
    ),
    screenCapture: electronScreenCapture(desktopCapturer, screen, systemPreferences),
    log,
    ...electronHotkeyOptions(app, globalShortcut),
    ...(await electronLifecycleOptions(app, shell, clipboard, appLog, log)),
  });
  faults.attach(core.notify);
  bindTalkIndicator(core.events, log);
  bindContract(ipcMain, core.dispatcher, rendererSenderCheck(rendererUrl));
  forwardEvents(core.events, () => mainWindow?.webContents);

  const settings = await core.dispatcher.dispatch('getSettings', undefined);
  if (!settings.ok) throw new Error(`settings unavailable: ${settings.error.message}`);
  const first = launchAction({ argv: process.argv, openedAtLogin: wasOpenedAtLogin() });
  const desktop = setUpDesktop({
    app,
    core,
    settings: settings.value,
    iconDir: trayIconDir,
    window: () => (mainWindow && !mainWindow.isDestroyed() ? mainWindow : openWindow(true)),
    openWindows: () => BrowserWindow.getAllWindows().length,
    log,
  });
  const openWindow = (show: boolean) => {
    mainWindow = createMainWindow(preloadPath, rendererUrl, show, log);
    desktop.manage(mainWindow);
    return mainWindow;
  };
  openWindow(first.showWindow);
  bindToolApprovalNotifications(core.events, () => desktop.launch({ showWindow: true, toggleTalk: false }));
  desktop.launch({ ...first, showWindow: false });

  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openWindow(true);
  });
  // History and the session must be closed before the process ends, so the quit waits for the core (at most
  // QUIT_CLOSE_MS), then exits: app.exit emits 'quit' but not 'will-quit' again.
  let closing = false;
  app.on('will-quit', (event) => {
    if (closing) return;
    closing = true;
    event.preventDefault();
    void closeWithin(() => core.dispose(), QUIT_CLOSE_MS, log).then(() => app.exit(0));
  });
}
