// Core's desktop decisions: the tray menu as data, what closing a window does, what a launch asks for,
// and the login item per platform.
import { mkdtempSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { applyXdgAutostart, planLoginItem } from '../../src-main/core/app/login-item';
import {
  allWindowsClosedAction,
  launchAction,
  windowCloseAction,
} from '../../src-main/core/app/window-policy';
import {
  initialTrayState,
  trayActivity,
  trayIconFile,
  trayMenuModel,
  type TrayMenuItem,
} from '../../src-main/core/tray/tray-model';

const profiles = [
  { id: 'a', name: 'Assistant' },
  { id: 'b', name: 'Translator' },
];
const labels = (items: TrayMenuItem[]) => items.map((item) => ('label' in item ? item.label : '—'));

describe('trayMenuModel', () => {
  it('shows status, a profile submenu with the active one checked, mute, show/hide and quit', () => {
    const model = trayMenuModel({ ...initialTrayState, status: 'ready', profiles, activeProfileId: 'b' });
    expect(labels(model.menu)).toEqual([
      'Ready',
      '—',
      'Profile: Translator',
      'Mute microphone',
      'Talk about my screen',
      '—',
      'Show window',
      '—',
      'Quit Voice Assistant',
    ]);
    const submenu = model.menu[2] as Extract<TrayMenuItem, { kind: 'submenu' }>;
    expect(submenu.items).toEqual([
      { kind: 'radio', label: 'Assistant', checked: false, action: { type: 'selectProfile', id: 'a' } },
      { kind: 'radio', label: 'Translator', checked: true, action: { type: 'selectProfile', id: 'b' } },
    ]);
    expect(model.tooltip).toBe('Voice Assistant — Ready — Translator');
  });

  it('mute toggles, the window item follows visibility, no profiles disables the submenu', () => {
    const muted = trayMenuModel({ ...initialTrayState, muted: true, windowVisible: true });
    expect(muted.menu[3]).toMatchObject({
      kind: 'checkbox',
      checked: true,
      action: { type: 'setMuted', muted: false },
    });
    expect(muted.menu[6]).toMatchObject({ label: 'Hide window', action: { type: 'hideWindow' } });
    expect(muted.menu[4]).toMatchObject({ label: 'Talk about my screen', action: { type: 'captureScreen' } });
    expect(muted.menu[2]).toMatchObject({ kind: 'submenu', enabled: false, items: [] });
    expect(muted.menu[0]).toEqual({ kind: 'label', label: 'Not connected (muted)' });
  });

  it('a hands-free profile gets a Listen checkbox before mute, which switches listening', () => {
    const off = trayMenuModel({ ...initialTrayState, handsFree: true, listening: false });
    expect(off.menu[3]).toEqual({
      kind: 'checkbox',
      label: 'Listen (hands-free)',
      checked: false,
      action: { type: 'setListening', on: true },
    });
    const on = trayMenuModel({ ...initialTrayState, handsFree: true, listening: true, status: 'hearing' });
    expect(on.menu[3]).toMatchObject({ checked: true, action: { type: 'setListening', on: false } });
    expect(on.menu[0]).toEqual({ kind: 'label', label: 'Hearing you…' });
    expect(labels(trayMenuModel(initialTrayState).menu)).not.toContain('Listen (hands-free)');
  });

  it('three icon states: listening, speaking, otherwise idle; template images on macOS', () => {
    expect(trayActivity('listening')).toBe('listening');
    expect(trayActivity('speaking')).toBe('speaking');
    for (const status of ['disconnected', 'connecting', 'ready', 'thinking', 'error'] as const) {
      expect(trayActivity(status)).toBe('idle');
    }
    expect(trayMenuModel({ ...initialTrayState, status: 'speaking' }).activity).toBe('speaking');
    expect(trayIconFile('listening', 'darwin')).toBe('listeningTemplate.png');
    expect(trayIconFile('listening', 'win32')).toBe('listening.png');
    for (const activity of ['idle', 'listening', 'speaking'] as const) {
      for (const platform of ['darwin', 'linux'] as const) {
        expect(
          existsSync(join(import.meta.dirname, '../../resources/tray', trayIconFile(activity, platform))),
        ).toBe(true);
      }
    }
  });
});

describe('window policy', () => {
  it('close hides into the tray only when the setting says so, a tray exists and the app is not quitting', () => {
    expect(windowCloseAction({ closeToTray: true, quitting: false, trayAvailable: true })).toBe('hide');
    expect(windowCloseAction({ closeToTray: false, quitting: false, trayAvailable: true })).toBe('close');
    expect(windowCloseAction({ closeToTray: true, quitting: true, trayAvailable: true })).toBe('close');
    expect(windowCloseAction({ closeToTray: true, quitting: false, trayAvailable: false })).toBe('close');
  });

  it('all windows closed: quit unless close-to-tray or macOS', () => {
    expect(allWindowsClosedAction(false, 'linux')).toBe('quit');
    expect(allWindowsClosedAction(false, 'win32')).toBe('quit');
    expect(allWindowsClosedAction(false, 'darwin')).toBe('stay');
    expect(allWindowsClosedAction(true, 'linux')).toBe('stay');
  });

  it('a launch shows the window, --toggle-talk toggles without stealing focus, --hidden stays in the tray', () => {
    const launch = (argv: string[]) => launchAction({ argv, openedAtLogin: false });
    expect(launch(['/opt/va/voice-assistant'])).toEqual({ showWindow: true, toggleTalk: false });
    expect(launch(['/opt/va/voice-assistant', '--no-sandbox', '--toggle-talk'])).toEqual({
      showWindow: false,
      toggleTalk: true,
    });
    expect(launch(['/opt/va/voice-assistant', '--hidden'])).toEqual({ showWindow: false, toggleTalk: false });
  });

  it('a macOS login start (no arguments, opened at login) stays in the tray', () => {
    const mac = '/Applications/Voice Assistant.app/Contents/MacOS/Voice Assistant';
    expect(launchAction({ argv: [mac], openedAtLogin: true })).toEqual({
      showWindow: false,
      toggleTalk: false,
    });
    expect(launchAction({ argv: [mac], openedAtLogin: false })).toEqual({
      showWindow: true,
      toggleTalk: false,
    });
  });
});

describe('login item', () => {
  const home = mkdtempSync(join(tmpdir(), 'va-login-'));
  afterAll(() => rmSync(home, { recursive: true, force: true }));
  const base = { execPath: '/opt/Voice Assistant/voice-assistant', env: {}, homeDir: home };

  it('Windows: the OS login item, started with --hidden', () => {
    expect(planLoginItem({ ...base, platform: 'win32', startAtLogin: true })).toEqual({
      kind: 'os',
      openAtLogin: true,
      args: ['--hidden'],
    });
    expect(planLoginItem({ ...base, platform: 'win32', startAtLogin: false })).toMatchObject({
      openAtLogin: false,
    });
  });

  it('macOS: the OS login item without arguments (macOS ignores them; wasOpenedAtLogin tells the start)', () => {
    expect(planLoginItem({ ...base, platform: 'darwin', startAtLogin: true })).toEqual({
      kind: 'os',
      openAtLogin: true,
    });
    expect(planLoginItem({ ...base, platform: 'darwin', startAtLogin: false })).toEqual({
      kind: 'os',
      openAtLogin: false,
    });
  });

  it('Linux: an XDG autostart entry (quoted Exec, the AppImage file rather than its mount), removed when off', () => {
    const on = planLoginItem({ ...base, platform: 'linux', startAtLogin: true });
    expect(on).toMatchObject({
      kind: 'xdg-autostart',
      path: join(home, '.config/autostart/voice-assistant.desktop'),
    });
    if (on.kind !== 'xdg-autostart') throw new Error('unreachable');
    expect(on.contents).toContain('Exec="/opt/Voice Assistant/voice-assistant" --hidden\n');
    applyXdgAutostart(on);
    expect(readFileSync(on.path, 'utf8')).toMatch(/^\[Desktop Entry\]\nType=Application\n/);

    const appImage = planLoginItem({
      ...base,
      platform: 'linux',
      startAtLogin: true,
      env: { APPIMAGE: '/home/me/Voice.AppImage', XDG_CONFIG_HOME: join(home, 'cfg') },
    });
    expect(appImage).toMatchObject({ path: join(home, 'cfg/autostart/voice-assistant.desktop') });
    expect(appImage.kind === 'xdg-autostart' && appImage.contents).toContain(
      'Exec=/home/me/Voice.AppImage --hidden',
    );

    const off = planLoginItem({ ...base, platform: 'linux', startAtLogin: false });
    if (off.kind !== 'xdg-autostart') throw new Error('unreachable');
    applyXdgAutostart(off);
    expect(existsSync(on.path)).toBe(false);
  });
});
