// Backend choice, the toggle backend over a fake globalShortcut, push-to-talk on a fake backend, argv.
import { describe, expect, it, vi } from 'vitest';
import { parseAccelerator } from '../../src-main/core/hotkey/accelerator';
import { hotkeyArg, wantsToggleTalk } from '../../src-main/core/hotkey/argv';
import {
  BackendUnavailableError,
  type HotkeyBackend,
  type ShortcutEvent,
} from '../../src-main/core/hotkey/backend';
import { autoOrder, chooseBackend, isWaylandSession } from '../../src-main/core/hotkey/choose-backend';
import { createPushToTalk } from '../../src-main/core/hotkey/push-to-talk';
import { createToggleBackend, type GlobalShortcutRegistrar } from '../../src-main/core/hotkey/toggle-backend';
import { createUiohookBackend } from '../../src-main/core/hotkey/uiohook-backend';

function fakeBackend(kind: HotkeyBackend['kind'] = 'uiohook', reportsRelease = true) {
  let listener: (e: ShortcutEvent) => void = () => {};
  const backend: HotkeyBackend & {
    fire(id: string, type: ShortcutEvent['type']): void;
    ids: string[];
    disposed: boolean;
  } = {
    kind,
    reportsRelease,
    ids: [],
    disposed: false,
    async register(shortcuts, next) {
      listener = next;
      backend.ids = shortcuts.map((s) => s.id);
      return { failed: [] };
    },
    async dispose() {
      backend.disposed = true;
    },
    fire: (id, type) => listener({ id, type, at: performance.now() }),
  };
  return backend;
}

const linuxX11 = { platform: 'linux' as const, env: { XDG_SESSION_TYPE: 'x11', DISPLAY: ':0' } };
const wayland = {
  platform: 'linux' as const,
  env: { XDG_SESSION_TYPE: 'wayland', WAYLAND_DISPLAY: 'wayland-0' },
};

describe('session detection', () => {
  it('prefers XDG_SESSION_TYPE, then WAYLAND_DISPLAY; never on other platforms', () => {
    expect(isWaylandSession(wayland)).toBe(true);
    expect(isWaylandSession(linuxX11)).toBe(false);
    expect(isWaylandSession({ platform: 'linux', env: { WAYLAND_DISPLAY: 'wayland-0' } })).toBe(true);
    expect(
      isWaylandSession({ platform: 'linux', env: { XDG_SESSION_TYPE: 'x11', WAYLAND_DISPLAY: 'w' } }),
    ).toBe(false);
    expect(isWaylandSession({ platform: 'win32', env: { WAYLAND_DISPLAY: 'w' } })).toBe(false);
    expect(autoOrder(wayland)).toEqual(['portal', 'toggle']);
    expect(autoOrder({ platform: 'darwin', env: {} })).toEqual(['uiohook', 'toggle']);
  });
});

describe('chooseBackend', () => {
  it('auto on X11 takes uiohook with no message', async () => {
    const chosen = await chooseBackend('auto', linuxX11, { uiohook: async () => fakeBackend('uiohook') });
    expect(chosen.backend?.kind).toBe('uiohook');
    expect(chosen.fallbackMessage).toBeNull();
  });

  it('Wayland without the portal falls back to toggle and says so', async () => {
    const chosen = await chooseBackend('auto', wayland, {
      portal: async () => {
        throw new BackendUnavailableError(
          'portal',
          'the desktop has no GlobalShortcuts portal (ServiceUnknown)',
        );
      },
      toggle: async () => fakeBackend('toggle', false),
    });
    expect(chosen.backend?.kind).toBe('toggle');
    expect(chosen.fallbackMessage).toMatch(
      /GlobalShortcuts portal failed: the desktop has no GlobalShortcuts portal/,
    );
    expect(chosen.fallbackMessage).toMatch(/the hotkey toggles talking/);
  });

  it('an explicit preference that fails falls back along the auto order', async () => {
    const chosen = await chooseBackend('portal', linuxX11, {
      portal: async () => {
        throw new BackendUnavailableError('portal', 'no D-Bus session bus');
      },
      uiohook: async () => fakeBackend('uiohook'),
    });
    expect(chosen.backend?.kind).toBe('uiohook');
    expect(chosen.fallbackMessage).toMatch(/portal failed: no D-Bus session bus/);
  });

  it('nothing available: no backend and a message naming every attempt', async () => {
    const chosen = await chooseBackend('auto', linuxX11, {});
    expect(chosen.backend).toBeNull();
    expect(chosen.fallbackMessage).toMatch(/No global hotkey works here/);
  });
});

describe('uiohook backend without a display', () => {
  it('reports a clear error instead of letting libuiohook abort the process', async () => {
    vi.stubEnv('DISPLAY', undefined);
    await expect(createUiohookBackend({ platform: 'linux' })).rejects.toThrow(/DISPLAY is not set/);
    vi.unstubAllEnvs();
  });

  it('a display that cannot be opened is found by the probe, in a child process', async () => {
    vi.stubEnv('DISPLAY', ':4097');
    const error = await createUiohookBackend({ platform: 'linux' }).catch((e: unknown) => e);
    vi.unstubAllEnvs();
    expect(error).toBeInstanceOf(BackendUnavailableError);
    expect((error as Error).message).toMatch(/could not open the X display :4097/);
    // The probe has its own 5 s limit; the test must outlast it on a loaded machine.
  }, 15_000);
});

describe('toggle backend', () => {
  function registrar(taken: string[] = []) {
    const handlers = new Map<string, () => void>();
    const r: GlobalShortcutRegistrar & { handlers: typeof handlers } = {
      handlers,
      register: (accelerator, onPress) => {
        if (taken.includes(accelerator)) return false;
        handlers.set(accelerator, onPress);
        return true;
      },
      unregister: (accelerator) => void handlers.delete(accelerator),
    };
    return r;
  }

  it('registers Electron accelerators and reports what it cannot take', async () => {
    const r = registrar(['Alt+F2']);
    const backend = createToggleBackend(r);
    const events: string[] = [];
    const { failed } = await backend.register(
      [
        { id: 'pushToTalk', binding: parseAccelerator('Ctrl+Space'), description: '' },
        { id: 'nextProfile', binding: parseAccelerator('Alt+F2'), description: '' },
        { id: 'profile:a', binding: parseAccelerator('RightCtrl'), description: '' },
      ],
      (e) => events.push(`${e.type}:${e.id}`),
    );
    expect([...r.handlers.keys()]).toEqual(['Ctrl+Space']);
    expect(failed).toEqual([
      { id: 'nextProfile', message: 'Alt+F2 is already taken by another application' },
      { id: 'profile:a', message: expect.stringMatching(/needs a non-modifier key/) },
    ]);
    r.handlers.get('Ctrl+Space')!();
    expect(events).toEqual(['press:pushToTalk', 'release:pushToTalk']);
    await backend.dispose();
    expect(r.handlers.size).toBe(0);
  });

  it('push-to-talk over it runs in toggle mode whatever the setting says', async () => {
    const r = registrar();
    const log: string[] = [];
    const ptt = await createPushToTalk({
      backend: createToggleBackend(r),
      mode: 'hold',
      binding: parseAccelerator('F9'),
      onTalkStart: () => log.push('start'),
      onTalkEnd: (e) => log.push(`end:${e.reason}`),
    });
    expect(ptt.mode).toBe('toggle');
    r.handlers.get('F9')!();
    expect(ptt.isTalking()).toBe(true);
    r.handlers.get('F9')!();
    expect(log).toEqual(['start', 'end:toggle']);
    await ptt.dispose();
    expect(r.handlers.size).toBe(0);
  });
});

describe('createPushToTalk', () => {
  it('routes the talk key to the state machine and other shortcuts to onShortcut', async () => {
    const backend = fakeBackend();
    const log: string[] = [];
    const ptt = await createPushToTalk({
      backend,
      mode: 'hold',
      binding: parseAccelerator('RightCtrl'),
      shortcuts: [{ id: 'nextProfile', binding: parseAccelerator('Alt+F2'), description: 'next' }],
      onShortcut: (id) => log.push(`shortcut:${id}`),
      onTalkStart: () => log.push('start'),
      onTalkEnd: (e) => log.push(`end:${e.reason}`),
    });
    expect(backend.ids).toEqual(['pushToTalk', 'nextProfile']);
    backend.fire('pushToTalk', 'press');
    backend.fire('nextProfile', 'press');
    backend.fire('nextProfile', 'release');
    backend.fire('pushToTalk', 'release');
    expect(log).toEqual(['start', 'shortcut:nextProfile', 'end:release']);
    backend.fire('pushToTalk', 'press');
    await ptt.dispose();
    expect(log.at(-1)).toBe('end:disposed');
    expect(backend.ids).toEqual([]);
    expect(backend.disposed).toBe(false); // the caller owns the backend
  });

  it('without any backend, toggleTalk() (the --toggle-talk switch) still works', async () => {
    const onTalkStart = vi.fn();
    const ptt = await createPushToTalk({
      backend: null,
      mode: 'hold',
      binding: null,
      onTalkStart,
      onTalkEnd: vi.fn(),
    });
    ptt.toggleTalk();
    expect(onTalkStart).toHaveBeenCalledWith(expect.objectContaining({ trigger: 'toggle' }));
    await ptt.dispose();
  });
});

describe('argv helpers', () => {
  it('finds --toggle-talk anywhere in argv', () => {
    expect(wantsToggleTalk(['/opt/app/voice-assistant', '--no-sandbox', '--toggle-talk'])).toBe(true);
    expect(wantsToggleTalk(['/opt/app/voice-assistant'])).toBe(false);
  });

  it('reads --hotkey ACCEL and --hotkey=ACCEL', () => {
    expect(hotkeyArg(['--hotkey', 'F9'])).toBe('F9');
    expect(hotkeyArg(['--in', 'a.wav', '--hotkey=Ctrl+Space'])).toBe('Ctrl+Space');
    expect(hotkeyArg([])).toBeUndefined();
    expect(() => hotkeyArg(['--hotkey'])).toThrow(/needs an accelerator/);
    expect(() => hotkeyArg(['--hotkey', '--out'])).toThrow(/needs an accelerator/);
  });
});
