// The Electron hotkey adapters against a mocked electron: globalShortcut passes straight through, and the
// listening badge is a secure, focus-less, always-on-top window that follows talkState.
import { beforeEach, describe, expect, it, vi } from 'vitest';

const windows: MockWindow[] = [];
class MockWindow {
  options: Record<string, unknown>;
  visible = false;
  destroyed = false;
  url = '';
  constructor(options: Record<string, unknown>) {
    this.options = options;
    windows.push(this);
  }
  setAlwaysOnTop = vi.fn();
  setIgnoreMouseEvents = vi.fn();
  loadURL = vi.fn(async (url: string) => void (this.url = url));
  showInactive = vi.fn(() => void (this.visible = true));
  hide = vi.fn(() => void (this.visible = false));
  isDestroyed = () => this.destroyed;
  destroy = vi.fn(() => void (this.destroyed = true));
}

vi.mock('electron', () => ({
  BrowserWindow: MockWindow,
  screen: { getPrimaryDisplay: () => ({ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }) },
}));

const { bindTalkIndicator } = await import('../../src-main/shell-electron/talk-indicator');
const { electronHotkeyOptions } = await import('../../src-main/shell-electron/hotkeys');
const { createEventBus } = await import('../../src-main/core/ipc/event-bus');
const { parseAccelerator } = await import('../../src-main/core/hotkey/accelerator');

beforeEach(() => void (windows.length = 0));

describe('talk indicator', () => {
  it('appears without taking focus while talking and hides after', () => {
    const events = createEventBus();
    const unbind = bindTalkIndicator(events);
    expect(windows).toHaveLength(0);
    events.emit('talkState', { talking: true, trigger: 'hotkey' });
    const [window] = windows;
    expect(window!.options).toMatchObject({
      focusable: false,
      alwaysOnTop: true,
      frame: false,
      skipTaskbar: true,
      webPreferences: { contextIsolation: true, sandbox: true, nodeIntegration: false },
    });
    expect(window!.options.webPreferences).not.toHaveProperty('preload');
    expect(window!.showInactive).toHaveBeenCalled();
    expect(window!.url).toMatch(/^data:text\/html/);
    expect(decodeURIComponent(window!.url)).not.toMatch(/<script/i);
    events.emit('talkState', { talking: false, reason: 'release', talkedMs: 900 });
    expect(window!.visible).toBe(false);
    events.emit('talkState', { talking: true, trigger: 'toggle' });
    expect(windows).toHaveLength(1); // reused, not recreated
    unbind();
    expect(window!.destroyed).toBe(true);
  });
});

describe('electron hotkey options', () => {
  it('the toggle backend registers through globalShortcut with Electron accelerators', async () => {
    const globalShortcut = { register: vi.fn(() => true), unregister: vi.fn() };
    const app = { getAppPath: () => '/app' };
    const options = electronHotkeyOptions(app as never, globalShortcut as never);
    expect(options.earconDir).toBe('/app/resources/earcons');
    const backend = await options.hotkeyBackends.toggle!();
    await backend.register(
      [{ id: 'pushToTalk', binding: parseAccelerator('Meta+Shift+K'), description: '' }],
      () => {},
    );
    expect(globalShortcut.register).toHaveBeenCalledWith('Shift+Super+K', expect.any(Function));
    await backend.dispose();
    expect(globalShortcut.unregister).toHaveBeenCalledWith('Shift+Super+K');
  });
});
