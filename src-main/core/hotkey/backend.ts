// The seam between key sources and push-to-talk. A backend turns OS input into press/release events of
// named shortcuts. Implementations: uiohook (X11, Windows, macOS: real key-up), the xdg-desktop-portal
// GlobalShortcuts (Wayland: Activated/Deactivated), and a toggle backend over a key-down-only registrar
// (Electron's globalShortcut, supplied by the Electron shell).
import type { Binding } from './accelerator';
import type { ShortcutEvent } from './chord-matcher';

export type { ShortcutEvent } from './chord-matcher';

export type BackendKind = 'uiohook' | 'portal' | 'toggle';

export interface Shortcut {
  /** 'pushToTalk', 'nextProfile', 'captureScreen', 'profile:<id>'. */
  id: string;
  binding: Binding;
  /** Shown by the desktop where it lists shortcuts (portal). */
  description: string;
}

export interface RegisterResult {
  /** Shortcuts the backend could not take, with a message for the user (taken by another app…). */
  failed: { id: string; message: string }[];
}

export interface HotkeyBackend {
  readonly kind: BackendKind;
  /** False for key-down-only backends: hold and tap-or-hold then behave as toggle. */
  readonly reportsRelease: boolean;
  /** Replaces the whole set of shortcuts; events for them go to `listener` (timestamps: performance.now()). */
  register(shortcuts: readonly Shortcut[], listener: (event: ShortcutEvent) => void): Promise<RegisterResult>;
  /** Stops listening and releases OS resources (hook thread, D-Bus connection, registrations). */
  dispose(): Promise<void>;
}

/** A backend that cannot run here (no display, no portal…): the message says why, for the status line. */
export class BackendUnavailableError extends Error {
  constructor(
    readonly kind: BackendKind,
    message: string,
  ) {
    super(message);
    this.name = 'BackendUnavailableError';
  }
}
