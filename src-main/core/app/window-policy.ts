// What the desktop app does when its window closes, all windows are gone, or the user launches it again.
// Pure decisions; the Electron shell only carries them out.
import { wantsToggleTalk } from '../hotkey/argv';

/** Launch switch used by the login item: start in the tray without showing the window. */
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

/**
 * What a launch asks of the app, for the first launch and for a second one (single-instance lock).
 * A plain launch shows and focuses the window. `--toggle-talk` (bound to a desktop keyboard shortcut where
 * no global key hook works, e.g. Wayland without the portal) toggles talking without stealing focus from
 * the app the user is in. `--hidden` (the login item) starts in the tray.
 */
export function launchAction(argv: readonly string[]): LaunchAction {
  const toggleTalk = wantsToggleTalk(argv);
  return { showWindow: !toggleTalk && !argv.includes(START_HIDDEN_FLAG), toggleTalk };
}
