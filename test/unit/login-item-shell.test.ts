// The Electron half of "start at login" with a mocked `electron`: core's plan becomes
// app.setLoginItemSettings (launch arguments only where Electron honours them, Windows), and a macOS login
// start is read from getLoginItemSettings().wasOpenedAtLogin and keeps the window hidden via core.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { planLoginItem } from '../../src-main/core/app/login-item';
import { launchAction } from '../../src-main/core/app/window-policy';

const app = vi.hoisted(() => ({
  setLoginItemSettings: vi.fn(),
  getLoginItemSettings: vi.fn(() => ({ openAtLogin: true, wasOpenedAtLogin: false })),
}));
vi.mock('electron', () => ({ app }));

const { setOsLoginItem, wasOpenedAtLogin } = await import('../../src-main/shell-electron/login-item');

const osPlan = (platform: NodeJS.Platform, startAtLogin: boolean) => {
  const plan = planLoginItem({ startAtLogin, platform, execPath: '/va', env: {}, homeDir: '/home/me' });
  if (plan.kind !== 'os') throw new Error(`no OS login item on ${platform}`);
  return plan;
};

describe('login item shell', () => {
  beforeEach(() => vi.clearAllMocks());

  it('macOS: registers the login item with no launch arguments', () => {
    setOsLoginItem(osPlan('darwin', true));
    setOsLoginItem(osPlan('darwin', false));
    expect(app.setLoginItemSettings.mock.calls).toEqual([[{ openAtLogin: true }], [{ openAtLogin: false }]]);
  });

  it('Windows: registers the login item with --hidden', () => {
    setOsLoginItem(osPlan('win32', true));
    expect(app.setLoginItemSettings).toHaveBeenCalledWith({ openAtLogin: true, args: ['--hidden'] });
  });

  it('macOS: a launch the OS opened at login stays in the tray, any other shows the window', () => {
    const argv = ['/Applications/Voice Assistant.app/Contents/MacOS/Voice Assistant'];
    app.getLoginItemSettings.mockReturnValueOnce({ openAtLogin: true, wasOpenedAtLogin: true });
    expect(launchAction({ argv, openedAtLogin: wasOpenedAtLogin('darwin') })).toMatchObject({
      showWindow: false,
    });
    expect(launchAction({ argv, openedAtLogin: wasOpenedAtLogin('darwin') })).toMatchObject({
      showWindow: true,
    });
  });

  it('elsewhere the property is not asked for (macOS only); --hidden carries the login start', () => {
    for (const platform of ['win32', 'linux'] as const) expect(wasOpenedAtLogin(platform)).toBe(false);
    expect(app.getLoginItemSettings).not.toHaveBeenCalled();
  });
});
