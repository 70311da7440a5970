// The main window, created with the secure settings the boot test checks.
import { BrowserWindow } from 'electron';

/** `showWhenReady: false` keeps it hidden (a login start, a --toggle-talk launch): the tray shows it later. */
export function createMainWindow(
  preloadPath: string,
  rendererUrl: string,
  showWhenReady = true,
): BrowserWindow {
  const window = new BrowserWindow({
    width: 960,
    height: 720,
    minWidth: 420,
    minHeight: 480,
    show: false,
    title: 'Voice Assistant',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  if (showWhenReady) window.once('ready-to-show', () => window.show());
  void window.loadURL(rendererUrl);
  return window;
}
