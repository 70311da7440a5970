// The main window, created with the secure settings the boot test checks.
import { BrowserWindow } from 'electron';

/** `showWhenReady: false` keeps it hidden (a login start, a --toggle-talk launch): the tray shows it later. */
export function createMainWindow(
  preloadPath: string,
  rendererUrl: string,
  showWhenReady = true,
  log: (message: string, error?: unknown) => void = console.error,
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
  // A failed load (the dev server gone, a missing file) rejects; the window stays, blank, and it is logged.
  window
    .loadURL(rendererUrl)
    .catch((error: unknown) => log(`the window could not load ${rendererUrl}`, error));
  return window;
}
