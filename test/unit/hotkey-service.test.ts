// The hotkey service inside the core: status and talk-state events, settings changes re-registering,
// profile shortcuts, --toggle-talk, earcons through an injected player, and the contract commands.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Settings } from '../../src-preload/contract';
import { createCore } from '../../src-main/core/app/create-core';
import type { HotkeyBackend, ShortcutEvent } from '../../src-main/core/hotkey/backend';
import { createHotkeyService } from '../../src-main/core/hotkey/hotkey-service';
import { createEventBus } from '../../src-main/core/ipc/event-bus';
import { defaultSettings } from '../../src-main/core/settings/settings-service';

function fakeBackend(reportsRelease = true) {
  let listener: (e: ShortcutEvent) => void = () => {};
  const state = { ids: [] as string[], registrations: 0, disposed: 0 };
  const backend: HotkeyBackend = {
    kind: reportsRelease ? 'uiohook' : 'toggle',
    reportsRelease,
    async register(shortcuts, next) {
      listener = next;
      state.ids = shortcuts.map((s) => s.id);
      if (shortcuts.length) state.registrations++;
      return { failed: [] };
    },
    async dispose() {
      state.disposed++;
    },
  };
  return {
    backend,
    state,
    fire: (id: string, type: ShortcutEvent['type']) => listener({ id, type, at: performance.now() }),
  };
}

function setup(overrides: Partial<Settings> = {}, reportsRelease = true) {
  let settings: Settings = { ...defaultSettings, ...overrides };
  const events = createEventBus();
  const seen: { name: string; payload: unknown }[] = [];
  events.subscribeAll((name, payload) => seen.push({ name, payload }));
  const fake = fakeBackend(reportsRelease);
  const service = createHotkeyService({
    settings: { get: () => settings },
    events,
    factories: { uiohook: async () => fake.backend, toggle: async () => fake.backend },
    session: { platform: 'linux', env: { XDG_SESSION_TYPE: 'x11', DISPLAY: ':0' } },
    earconDir: join(import.meta.dirname, '../../resources/earcons'),
  });
  const change = (patch: Partial<Settings>) => {
    settings = { ...settings, ...patch };
    return service.settingsChanged(settings);
  };
  return { service, seen, fake, change };
}

describe('hotkey service', () => {
  it('announces the backend and mode, and talk state around a held turn', async () => {
    const { service, seen, fake } = setup({
      hotkeys: { pushToTalk: 'F9', nextProfile: 'Alt+F2', captureScreen: null, profiles: { work: 'F10' } },
    });
    await service.start();
    expect(service.status()).toEqual({
      backend: 'uiohook',
      requestedBackend: 'auto',
      mode: 'hold',
      requestedMode: 'hold',
      fallbackMessage: null,
      fieldErrors: {},
    });
    expect(fake.state.ids).toEqual(['pushToTalk', 'nextProfile', 'profile:work']);
    fake.fire('pushToTalk', 'press');
    fake.fire('pushToTalk', 'release');
    expect(seen.filter((e) => e.name === 'talkState').map((e) => e.payload)).toEqual([
      { talking: true, trigger: 'hotkey' },
      { talking: false, reason: 'release', talkedMs: expect.any(Number) },
    ]);
    await service.dispose();
    expect(fake.state.disposed).toBe(1);
  });

  it('hands turns and profile shortcuts to subscribers; toggleTalk() works as --toggle-talk', async () => {
    const { service, fake } = setup({
      hotkeys: { pushToTalk: 'F9', nextProfile: 'Alt+F2', captureScreen: null, profiles: { work: 'F10' } },
    });
    const log: string[] = [];
    service.onTalkStart((s) => log.push(`start:${s.trigger}`));
    service.onTalkEnd((e) => log.push(`end:${e.reason}`));
    service.onProfileShortcut((p) => log.push(p.type === 'next' ? 'next' : `select:${p.profileId}`));
    await service.start();
    fake.fire('nextProfile', 'press');
    fake.fire('profile:work', 'press');
    service.toggleTalk();
    service.toggleTalk();
    expect(log).toEqual(['next', 'select:work', 'start:toggle', 'end:toggle']);
    await service.dispose();
  });

  it('"Talk about my screen" is a shortcut of its own: registered, handed to subscribers, never a talk turn', async () => {
    const { service, fake, seen } = setup({
      hotkeys: { pushToTalk: 'F9', nextProfile: null, captureScreen: 'Alt+Shift+S', profiles: {} },
    });
    let captures = 0;
    service.onCaptureScreen(() => void captures++);
    const profileShortcuts: unknown[] = [];
    service.onProfileShortcut((shortcut) => profileShortcuts.push(shortcut));
    await service.start();
    expect(fake.state.ids).toEqual(['pushToTalk', 'captureScreen']);
    fake.fire('captureScreen', 'press');
    expect(captures).toBe(1);
    expect(profileShortcuts).toEqual([]);
    expect(seen.filter((e) => e.name === 'talkState')).toEqual([]);
    await service.dispose();
  });

  it('reports invalid and conflicting shortcuts per field and registers only the good ones', async () => {
    const { service, fake } = setup({
      hotkeys: {
        pushToTalk: 'Ctrl+Space',
        nextProfile: 'Space+Ctrl',
        captureScreen: null,
        profiles: { a: 'Hyper+Q' },
      },
    });
    await service.start();
    expect(service.status().fieldErrors).toEqual({
      'hotkeys.nextProfile': ['same as push-to-talk (Ctrl+Space)'],
      'hotkeys.profiles.a': ['"Hyper+Q": unknown key "Hyper"'],
    });
    expect(fake.state.ids).toEqual(['pushToTalk']);
    await service.dispose();
  });

  it('a key-down-only backend reports toggle mode with an explanation', async () => {
    const { service } = setup({ pttMode: 'tap-or-hold' }, false);
    await service.start();
    expect(service.status()).toMatchObject({ mode: 'toggle', requestedMode: 'tap-or-hold' });
    expect(service.status().fallbackMessage).toMatch(/toggles talking/);
    await service.dispose();
  });

  it('re-registers only when a hotkey setting changes', async () => {
    const { service, fake, change } = setup();
    await service.start();
    expect(fake.state.registrations).toBe(1);
    await change({ theme: 'dark' });
    expect(fake.state.registrations).toBe(1);
    await change({ hotkeys: { ...defaultSettings.hotkeys, pushToTalk: 'F8' } });
    expect(fake.state.registrations).toBe(2);
    await change({ pttMode: 'toggle' });
    expect(service.status().mode).toBe('toggle');
    await service.dispose();
  });

  it('plays the shipped earcons through the injected player when enabled, and stays silent when not', async () => {
    const { service, fake, change } = setup();
    const played: { name: string; riff: string; bytes: number }[] = [];
    service.setEarconPlayer(
      (wav, name) => void played.push({ name, riff: wav.subarray(0, 4).toString(), bytes: wav.length }),
    );
    await service.start();
    fake.fire('pushToTalk', 'press');
    fake.fire('pushToTalk', 'release');
    await new Promise((r) => setTimeout(r, 50));
    expect(played.map((p) => p.name)).toEqual(['start', 'stop']);
    expect(played.every((p) => p.riff === 'RIFF' && p.bytes < 8_000)).toBe(true);
    await change({ earcons: false });
    fake.fire('pushToTalk', 'press');
    fake.fire('pushToTalk', 'release');
    await new Promise((r) => setTimeout(r, 50));
    expect(played).toHaveLength(2);
    await service.dispose();
  });
});

describe('hotkey commands through the core dispatcher', () => {
  it('validateHotkeys returns field-level conflicts; getHotkeyStatus answers in a shell without backends', async () => {
    const core = createCore({ shell: 'headless', version: '0.0.0' });
    const validation = await core.dispatcher.dispatch('validateHotkeys', {
      pushToTalk: 'Ctrl+Space',
      nextProfile: 'ctrl+space',
      captureScreen: null,
      profiles: {},
    });
    expect(validation).toEqual({
      ok: true,
      value: {
        fieldErrors: { 'hotkeys.nextProfile': ['same as push-to-talk (Ctrl+Space)'] },
        normalized: { 'hotkeys.pushToTalk': 'Ctrl+Space', 'hotkeys.nextProfile': 'Ctrl+Space' },
      },
    });
    await new Promise((r) => setTimeout(r, 20));
    const status = await core.dispatcher.dispatch('getHotkeyStatus', undefined);
    expect(status).toMatchObject({
      ok: true,
      value: { backend: 'none', fallbackMessage: expect.stringMatching(/No global hotkey/) },
    });
    await core.dispose();
  });
});

describe('window turns in the hotkey service', () => {
  it('work before a backend is ready, and share one turn with the talk key', async () => {
    const settings: Settings = { ...defaultSettings, pttMode: 'tap-or-hold' };
    const events = createEventBus();
    const talk: unknown[] = [];
    events.on('talkState', (state) => void talk.push(state));
    const fake = fakeBackend();
    let ready: (backend: HotkeyBackend) => void = () => {};
    const backendReady = new Promise<HotkeyBackend>((resolve) => (ready = resolve));
    const service = createHotkeyService({
      settings: { get: () => settings },
      events,
      // Like the portal waiting for the desktop's confirmation dialog.
      factories: { uiohook: () => backendReady },
      session: { platform: 'linux', env: { XDG_SESSION_TYPE: 'x11', DISPLAY: ':0' } },
    });
    const starting = service.start();
    service.windowTalk('start');
    service.windowTalk('end'); // a click: held, so it ends (tap-or-hold would have latched a key tap)
    expect(talk).toEqual([
      { talking: true, trigger: 'window' },
      { talking: false, reason: 'release', talkedMs: expect.any(Number) },
    ]);
    ready(fake.backend);
    await starting;
    service.windowTalk('start');
    fake.fire('pushToTalk', 'press'); // the key while the button is held: the same turn
    fake.fire('pushToTalk', 'release');
    expect(service.isTalking()).toBe(true);
    service.toggleTalk(); // --toggle-talk stops it
    expect(service.isTalking()).toBe(false);
    expect(talk.slice(2)).toEqual([
      { talking: true, trigger: 'window' },
      { talking: false, reason: 'toggle', talkedMs: expect.any(Number) },
    ]);
    await service.dispose();
  });
});
