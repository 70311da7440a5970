// Hold-to-talk through uiohook-napi: a native hook thread reporting every key-down and key-up (X11 via
// XRecord, Windows low-level hook, macOS event tap). Raw events go through the chord matcher.
import { createRequire } from 'node:module';
import { BackendUnavailableError, type HotkeyBackend, type Shortcut } from './backend';
import { createChordMatcher, type RawKeyEvent, type ShortcutEvent } from './chord-matcher';
import { createEventClock } from './event-clock';
import { nodeProbe, PROBE_TIMEOUT_MS, type UiohookProbe } from './uiohook-probe';

interface UiohookKeyEvent {
  keycode: number;
  time: number;
  ctrlKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
  metaKey: boolean;
}
interface UiohookApi {
  on(event: 'keydown' | 'keyup', listener: (e: UiohookKeyEvent) => void): unknown;
  off(event: 'keydown' | 'keyup', listener: (e: UiohookKeyEvent) => void): unknown;
  start(): void;
  stop(): void;
}

// Not named `require`: the ESM main bundle declares its own top-level `require` (electron-vite shim).
const nodeRequire = createRequire(import.meta.url);
let inUse = false;

export interface UiohookBackendOptions {
  platform?: NodeJS.Platform;
  /** Skip the child-process probe (tests that already know the display works). */
  skipProbe?: boolean;
  /** How the display probe's child is started; default plain Node (the Electron shell passes its own). */
  probe?: UiohookProbe;
}

/** On Linux the display is tried in a throwaway child first: libuiohook aborts the process it fails in. */
async function probeX11(env: NodeJS.ProcessEnv, probe: UiohookProbe): Promise<void> {
  const outcome = await probe({ env, timeoutMs: PROBE_TIMEOUT_MS });
  if (!outcome.ok) {
    throw new BackendUnavailableError(
      'uiohook',
      `the key hook could not open the X display ${env.DISPLAY}: ${outcome.detail}`,
    );
  }
}

export async function createUiohookBackend(options: UiohookBackendOptions = {}): Promise<HotkeyBackend> {
  // libuiohook calls XOpenDisplay(NULL): it reads this process's DISPLAY, so that is what we check.
  const env = process.env;
  const platform = options.platform ?? process.platform;
  if (inUse) throw new BackendUnavailableError('uiohook', 'the key hook is already in use in this process');
  if (platform === 'linux') {
    if (!env.DISPLAY) {
      throw new BackendUnavailableError(
        'uiohook',
        'no X11 display (DISPLAY is not set), so keys cannot be hooked',
      );
    }
    if (!options.skipProbe) await probeX11(env, options.probe ?? nodeProbe);
  }

  let hook: UiohookApi;
  try {
    hook = (nodeRequire('uiohook-napi') as { uIOhook: UiohookApi }).uIOhook;
  } catch (error) {
    throw new BackendUnavailableError(
      'uiohook',
      `uiohook-napi could not be loaded: ${(error as Error).message}`,
    );
  }

  const matcher = createChordMatcher();
  const toLocalTime = createEventClock();
  let listener: (event: ShortcutEvent) => void = () => {};
  const feed = (type: RawKeyEvent['type']) => (e: UiohookKeyEvent) => {
    const events = matcher.handle({
      type,
      keycode: e.keycode,
      at: toLocalTime(e.time),
      ctrlKey: e.ctrlKey,
      altKey: e.altKey,
      shiftKey: e.shiftKey,
      metaKey: e.metaKey,
    });
    for (const event of events) listener(event);
  };
  const onDown = feed('down');
  const onUp = feed('up');
  hook.on('keydown', onDown);
  hook.on('keyup', onUp);
  try {
    hook.start();
  } catch (error) {
    hook.off('keydown', onDown);
    hook.off('keyup', onUp);
    const hint =
      platform === 'darwin'
        ? ' (allow the app under System Settings → Privacy & Security → Accessibility)'
        : '';
    throw new BackendUnavailableError(
      'uiohook',
      `the key hook did not start: ${(error as Error).message}${hint}`,
    );
  }
  inUse = true;
  let disposed = false;

  return {
    kind: 'uiohook',
    reportsRelease: true,
    async register(shortcuts: readonly Shortcut[], next) {
      listener = next;
      matcher.setShortcuts(shortcuts.map(({ id, binding }) => ({ id, binding })));
      return { failed: [] };
    },
    async dispose() {
      if (disposed) return;
      disposed = true;
      hook.off('keydown', onDown);
      hook.off('keyup', onUp);
      // stop() joins the hook thread and releases the threadsafe function, so the process can exit.
      hook.stop();
      inUse = false;
      listener = () => {};
    },
  };
}
