// The Electron tray shell with a mocked `electron`: it renders core's model onto Tray/Menu, changes the
// icon with the session, and routes clicks to the contract (profile, mute) or to the shell (window, quit).
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { createEventBus } from '../../src-main/core/ipc/event-bus';

const trays: FakeTray[] = [];
class FakeTray {
  image: { path: string };
  tooltip = '';
  template: MenuItemConstructorOptions[] = [];
  listeners = new Map<string, () => void>();
  destroyed = false;
  constructor(image: { path: string }) {
    this.image = image;
    trays.push(this);
  }
  setImage = vi.fn((image: { path: string }) => void (this.image = image));
  setToolTip = (text: string) => void (this.tooltip = text);
  setContextMenu = (menu: { template: MenuItemConstructorOptions[] }) => void (this.template = menu.template);
  on = (event: string, listener: () => void) => void this.listeners.set(event, listener);
  destroy = () => void (this.destroyed = true);
}

vi.mock('electron', () => ({
  Tray: FakeTray,
  Menu: { buildFromTemplate: (template: MenuItemConstructorOptions[]) => ({ template }) },
  nativeImage: { createFromPath: (path: string) => ({ path, setTemplateImage: vi.fn() }) },
}));

const { createAppTray, menuTemplate } = await import('../../src-main/shell-electron/tray');

const profilesState = {
  activeId: 'a',
  profiles: [
    { id: 'a', name: 'Assistant', model: '', session: { type: 'realtime' }, builtIn: true, updatedAt: '' },
    { id: 'b', name: 'Translator', model: '', session: { type: 'realtime' }, builtIn: false, updatedAt: '' },
  ],
};

const find = (items: MenuItemConstructorOptions[], label: string): MenuItemConstructorOptions => {
  for (const item of items) {
    if (item.label === label) return item;
    if (Array.isArray(item.submenu)) {
      const inner = item.submenu.find((child) => child.label === label);
      if (inner) return inner;
    }
  }
  throw new Error(`no menu item ${label}`);
};
const click = (item: MenuItemConstructorOptions) => (item.click as unknown as () => void)();

describe('tray shell', () => {
  beforeEach(() => void (trays.length = 0));

  const setUp = () => {
    const events = createEventBus();
    const dispatch = vi.fn(async (name: string, payload: unknown) => {
      if (name === 'listProfiles') return { ok: true as const, value: profilesState };
      if (name === 'getSessionState') return { ok: true as const, value: { status: 'ready', muted: false } };
      return { ok: true as const, value: payload };
    });
    const shellAction = vi.fn();
    const onClick = vi.fn();
    const tray = createAppTray({ iconDir: '/icons', events, dispatcher: { dispatch }, shellAction, onClick });
    return { events, dispatch, shellAction, onClick, tray };
  };

  it('creates one tray with the idle icon, then catches up with profiles and session', async () => {
    const { dispatch } = setUp();
    expect(trays).toHaveLength(1);
    expect(trays[0]!.image.path).toBe(
      `/icons/${process.platform === 'darwin' ? 'idleTemplate' : 'idle'}.png`,
    );
    await vi.waitFor(() => expect(trays[0]!.tooltip).toBe('Voice Assistant — Ready — Assistant'));
    expect(dispatch).toHaveBeenCalledWith('listProfiles', undefined);
    const profile = find(trays[0]!.template, 'Profile: Assistant');
    expect(
      (profile.submenu as MenuItemConstructorOptions[]).map((i) => [i.label, i.type, i.checked]),
    ).toEqual([
      ['Assistant', 'radio', true],
      ['Translator', 'radio', false],
    ]);
  });

  it('swaps the icon when the session listens or speaks, and only then', async () => {
    const { events } = setUp();
    await vi.waitFor(() => expect(trays[0]!.tooltip).toContain('Ready'));
    events.emit('sessionState', { status: 'listening', muted: false });
    expect(trays[0]!.image.path).toMatch(/listening(Template)?\.png$/);
    events.emit('sessionState', { status: 'speaking', muted: false });
    expect(trays[0]!.image.path).toMatch(/speaking(Template)?\.png$/);
    const swaps = trays[0]!.setImage.mock.calls.length;
    events.emit('sessionState', { status: 'speaking', muted: true });
    expect(trays[0]!.setImage.mock.calls.length).toBe(swaps);
    expect(find(trays[0]!.template, 'Mute microphone').checked).toBe(true);
  });

  it('profile and mute clicks go through the contract; show/hide/quit go to the shell', async () => {
    const { dispatch, shellAction, tray } = setUp();
    await vi.waitFor(() => expect(trays[0]!.tooltip).toContain('Assistant'));
    click(find(trays[0]!.template, 'Translator'));
    click(find(trays[0]!.template, 'Mute microphone'));
    click(find(trays[0]!.template, 'Show window'));
    tray.controller.setWindowVisible(true);
    click(find(trays[0]!.template, 'Hide window'));
    click(find(trays[0]!.template, 'Quit Voice Assistant'));
    await vi.waitFor(() => expect(dispatch).toHaveBeenCalledWith('setMuted', { muted: true }));
    expect(dispatch).toHaveBeenCalledWith('setActiveProfile', { id: 'b' });
    expect(shellAction.mock.calls.map(([action]) => action.type)).toEqual([
      'showWindow',
      'hideWindow',
      'quit',
    ]);
  });

  it('"Talk about my screen" asks the contract to capture; a refusal is told to the user', async () => {
    const events = createEventBus();
    const refusal = 'Screen recording is not allowed for Voice Assistant.';
    const dispatch = vi.fn(async (name: string) => {
      if (name === 'captureScreen')
        return { ok: false as const, error: { code: 'unavailable' as const, message: refusal } };
      if (name === 'listProfiles') return { ok: true as const, value: profilesState };
      if (name === 'getSessionState') return { ok: true as const, value: { status: 'ready', muted: false } };
      return { ok: true as const, value: undefined };
    });
    const told: string[] = [];
    createAppTray({
      iconDir: '/icons',
      events,
      dispatcher: { dispatch },
      shellAction: vi.fn(),
      onClick: vi.fn(),
      notify: (message) => told.push(message),
    });
    click(find(trays[0]!.template, 'Talk about my screen'));
    await vi.waitFor(() => expect(told).toEqual([refusal]));
    expect(dispatch).toHaveBeenCalledWith('captureScreen', undefined);
  });

  it('a click on the icon goes to the shell; destroy removes the tray and stops listening', async () => {
    const { onClick, tray, events } = setUp();
    trays[0]!.listeners.get('click')!();
    expect(onClick).toHaveBeenCalledOnce();
    tray.destroy();
    expect(trays[0]!.destroyed).toBe(true);
    const before = trays[0]!.tooltip;
    events.emit('sessionState', { status: 'listening', muted: false });
    expect(trays[0]!.tooltip).toBe(before);
  });

  it('menuTemplate maps every kind of model item', () => {
    const perform = vi.fn();
    const template = menuTemplate(
      [
        { kind: 'label', label: 'Ready' },
        { kind: 'separator' },
        { kind: 'item', label: 'Quit', action: { type: 'quit' }, enabled: true },
        { kind: 'checkbox', label: 'Mute', checked: false, action: { type: 'setMuted', muted: true } },
        { kind: 'submenu', label: 'Profile', enabled: false, items: [] },
      ],
      perform,
    );
    expect(template.map((i) => [i.label, i.type, i.enabled])).toEqual([
      ['Ready', undefined, false],
      [undefined, 'separator', undefined],
      ['Quit', undefined, true],
      ['Mute', 'checkbox', undefined],
      ['Profile', undefined, false],
    ]);
    click(template[2]!);
    expect(perform).toHaveBeenCalledWith({ type: 'quit' });
  });
});
