// Picks the key backend: the one settings ask for, else the best this desktop offers; every step that
// fails is remembered so the UI can say why the app is in toggle mode.
import { BackendUnavailableError, type BackendKind, type HotkeyBackend } from './backend';

export type BackendPreference = 'auto' | BackendKind;

export type BackendFactories = Partial<Record<BackendKind, () => Promise<HotkeyBackend>>>;

export interface ChosenBackend {
  backend: HotkeyBackend | null;
  /** Null when the preferred (or, for auto, the natural) backend runs; otherwise what happened. */
  fallbackMessage: string | null;
}

export interface SessionInfo {
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
}

export function isWaylandSession({ platform, env }: SessionInfo): boolean {
  if (platform !== 'linux') return false;
  if (env.XDG_SESSION_TYPE) return env.XDG_SESSION_TYPE === 'wayland';
  return Boolean(env.WAYLAND_DISPLAY);
}

/**
 * Auto order. Wayland: the portal (uiohook would only see keys typed into XWayland windows), then toggle.
 * Elsewhere: uiohook, then toggle.
 */
export function autoOrder(info: SessionInfo): BackendKind[] {
  return isWaylandSession(info) ? ['portal', 'toggle'] : ['uiohook', 'toggle'];
}

const label: Record<BackendKind, string> = {
  uiohook: 'the key hook (uiohook)',
  portal: 'the Wayland GlobalShortcuts portal',
  toggle: 'the toggle shortcut',
};

export async function chooseBackend(
  preference: BackendPreference,
  info: SessionInfo,
  factories: BackendFactories,
  log: (message: string, error?: unknown) => void = () => {},
): Promise<ChosenBackend> {
  const order = autoOrder(info);
  const candidates = preference === 'auto' ? order : [preference, ...order.filter((k) => k !== preference)];
  const failures: string[] = [];
  for (const kind of candidates) {
    const factory = factories[kind];
    if (!factory) {
      failures.push(`${label[kind]} is not available in this shell`);
      continue;
    }
    try {
      const backend = await factory();
      const first = candidates[0]!;
      let fallbackMessage: string | null = null;
      if (kind !== first || failures.length > 0) {
        fallbackMessage = `Using ${label[kind]}: ${failures.join('; ')}.`;
      }
      if (!backend.reportsRelease) {
        const note =
          'Hold-to-talk needs key-release events, which this backend cannot see: the hotkey toggles talking (press to start, press again to stop).';
        fallbackMessage = fallbackMessage ? `${fallbackMessage} ${note}` : note;
      }
      return { backend, fallbackMessage };
    } catch (error) {
      if (!(error instanceof BackendUnavailableError)) log(`hotkey backend ${kind} failed`, error);
      failures.push(`${label[kind]} failed: ${(error as Error).message}`);
    }
  }
  return { backend: null, fallbackMessage: `No global hotkey works here: ${failures.join('; ')}.` };
}
