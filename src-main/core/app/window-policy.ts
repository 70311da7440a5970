// What the desktop app does when its window closes, all windows are gone, or the user launches it again.
// Pure decisions; the Electron shell only carries them out.
import { wantsToggleTalk } from '../hotkey/argv';

/** Launch switch of the Windows login item and the Linux autostart entry: start in the tray, window hidden. */
export const START_HIDDEN_FLAG = '--hidden';

export interface CloseContext {
  closeToTray: boolean;
  /** The user asked to quit (tray Quit, Cmd+Q, session end): closing must not be turned into hiding. */
  quitting: boolean;
  /** Without a tray icon a hidden window could never be brought back. */
  trayAvailable: boolean;
}

export function windowCloseAction(context: CloseContext): 'hide' | 'close' {
  return context.closeToTray && context.trayAvailable && !context.quitting ? 'hide' : 'close';
}

/** After the last window closed: keep running in the tray, or quit (macOS apps conventionally stay). */
export function allWindowsClosedAction(closeToTray: boolean, platform: NodeJS.Platform): 'quit' | 'stay' {
  return closeToTray || platform === 'darwin' ? 'stay' : 'quit';
}

export interface LaunchAction {
  showWindow: boolean;
  toggleTalk: boolean;
}

export interface Launch {
  argv: readonly string[];
  /**
   * The OS started the app as its login item. Needed because the macOS login item passes no arguments, so
   * `--hidden` cannot say it there (Electron's `args` login-item option is Windows-only); the shell reads it
   * from Electron (`wasOpenedAtLogin`, macOS only) and passes false where the flag does the job.
   */
  openedAtLogin: boolean;
}

/**
 * What a launch asks of the app, for the first launch and for a second one (single-instance lock).
 * A plain launch shows and focuses the window. `--toggle-talk` (bound to a desktop keyboard shortcut where
 * no global key hook works, e.g. Wayland without the portal) toggles talking without stealing focus from
 * the app the user is in. A login start (`--hidden` on Windows and Linux, `openedAtLogin` on macOS) starts
 * in the tray.
 */
export function launchAction(launch: Launch): LaunchAction {
  const toggleTalk = wantsToggleTalk(launch.argv);
  const loginStart = launch.openedAtLogin || launch.argv.includes(START_HIDDEN_FLAG);
  return { showWindow: !toggleTalk && !loginStart, toggleTalk };
}
