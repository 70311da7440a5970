// Desktop integration of the running app: tray, close-to-tray, second launches, start at login, and the
// unsaved-edits question on close.
// Each decision is a core function (core/app/window-policy, core/app/login-item, core/tray); this file
// only listens to Electron and carries out what they return.
import { homedir } from 'node:os';
import type { App, BrowserWindow } from 'electron';
import type { Settings } from '../../src-preload/contract';
import type { Core } from '../core/app/create-core';
import { applyXdgAutostart, planLoginItem } from '../core/app/login-item';
import {
  allWindowsClosedAction,
  launchAction,
  windowCloseAction,
  type LaunchAction,
} from '../core/app/window-policy';
import { setOsLoginItem } from './login-item';
import { createAppTray, type AppTray } from './tray';
import { guardUnsavedEdits } from './unload-guard';

export interface DesktopOptions {
  app: App;
  core: Core;
  settings: Settings;
  iconDir: string;
  /** The main window, created on demand (it may have been closed for good when closeToTray is off). */
  window(): BrowserWindow;
  /** How many windows exist (BrowserWindow.getAllWindows().length): a closed one is no longer counted. */
  openWindows(): number;
  log: (message: string, error?: unknown) => void;
}

export interface Desktop {
  /** Carries out a launch's request (first launch or a second instance). */
  launch(action: LaunchAction): void;
  /** Every new main window goes through here so that closing it follows the setting. */
  manage(window: BrowserWindow): void;
}

export function setUpDesktop(options: DesktopOptions): Desktop {
  const { app, core, log } = options;
  let settings = options.settings;
  let quitting = false;
  let tray: AppTray | undefined;

  const show = () => {
    const window = options.window();
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  };
  const toggleWindow = () => {
    const window = options.window();
    if (window.isVisible() && window.isFocused()) window.hide();
    else show();
  };

  const applyLoginItem = () => {
    const plan = planLoginItem({
      startAtLogin: settings.startAtLogin,
      platform: process.platform,
      execPath: process.execPath,
      env: process.env,
      homeDir: homedir(),
    });
    try {
      if (plan.kind === 'os') setOsLoginItem(plan);
      else applyXdgAutostart(plan);
    } catch (error) {
      log('could not change the login item', error);
    }
  };

  tray = createAppTray({
    iconDir: options.iconDir,
    events: core.events,
    dispatcher: core.dispatcher,
    onClick: toggleWindow,
    log,
    notify: (message) => core.notify({ level: 'warning', message }),
    shellAction: (action) => {
      if (action.type === 'showWindow') show();
      else if (action.type === 'hideWindow') options.window().hide();
      else app.quit();
    },
  });

  // Only touch the OS login item when the setting differs from what is registered, so a development run
  // (where startAtLogin is false and nothing is registered) does not write anything.
  if (settings.startAtLogin) applyLoginItem();
  const offSettings = core.events.on('settingsChanged', (next) => {
    const loginChanged = next.startAtLogin !== settings.startAtLogin;
    settings = next;
    if (loginChanged) applyLoginItem();
  });

  // A second launch is the user's (or --toggle-talk's), never the login item's: that one started this app.
  app.on('second-instance', (_event, argv) => desktop.launch(launchAction({ argv, openedAtLogin: false })));
  app.on('before-quit', () => {
    quitting = true;
  });
  app.on('window-all-closed', () => {
    // During a quit that waits for the core to close (main.ts), the last window going away must not start
    // a second quit.
    if (!quitting && allWindowsClosedAction(settings.closeToTray, process.platform) === 'quit') app.quit();
  });
  app.on('will-quit', () => {
    app.releaseSingleInstanceLock();
    offSettings();
    tray?.destroy();
    tray = undefined;
  });

  const desktop: Desktop = {
    launch: (action) => {
      if (action.toggleTalk) core.hotkeys.toggleTalk();
      if (action.showWindow) show();
    },
    manage: (window) => {
      guardUnsavedEdits(window, {
        quitting: () => quitting,
        // Staying cancels a quit in Electron, so the next close must follow closeToTray again.
        onStay: () => void (quitting = false),
      });
      window.on('close', (event) => {
        if (
          windowCloseAction({ closeToTray: settings.closeToTray, quitting, trayAvailable: !!tray }) === 'hide'
        ) {
          event.preventDefault();
          window.hide();
        }
      });
      window.on('show', () => tray?.controller.setWindowVisible(true));
      window.on('hide', () => tray?.controller.setWindowVisible(false));
      window.on('closed', () => {
        tray?.controller.setWindowVisible(false);
        // Other windows (the listening badge) may still exist, and then 'window-all-closed' never comes.
        // When none is left it does come, and quits from there: quitting here as well would start a second
        // quit while the first one waits for the core to close (main.ts, 'will-quit').
        if (
          !quitting &&
          options.openWindows() > 0 &&
          allWindowsClosedAction(settings.closeToTray, process.platform) === 'quit'
        )
          app.quit();
      });
    },
  };
  return desktop;
}
