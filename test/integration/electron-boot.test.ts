// Boots the BUILT main and preload bundles in plain Node with `electron` resolved to a recording stand-in
// (test/support/electron-standin), one child process per boot. What it proves and what only a machine with
// the real Electron binary can show is listed in README.md, "What the boot test covers".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandChannel, commandNames, eventChannel, talkStateSchema } from '../../src-preload/contract';
import { requireBuiltApp } from '../support/built-app';
import { root } from '../support/packaging';
import { startXvfb, type Xvfb } from '../support/xvfb';

interface Call {
  api: string;
  args: unknown[];
}
interface WindowInfo {
  options: { webPreferences?: Record<string, unknown> };
  visible: boolean;
  url: string;
  hasWindowOpenHandler: boolean;
  willNavigateListeners: number;
  willAttachWebviewListeners: number;
}
interface Snapshot {
  windows: WindowInfo[];
  trays: { image: string; tooltip: string; menu: { label?: string; type: string }[] }[];
  shortcuts: string[];
  handlers: string[];
  permissionHandlers: { request: boolean; check: boolean };
  quit: boolean;
  /** How many calls were recorded when the snapshot was taken: splits `calls` by step. */
  callCount: number;
}
interface Report {
  bootError: string | null;
  errors: string[];
  consoleErrors: string[];
  results: unknown[];
  calls: Call[];
  resolved: { specifier: string; url: string }[];
  addons: string[];
  spawns: { file: string; args: string[]; runAsNode: boolean }[];
  final: Snapshot;
}
type Step = { do: string; [key: string]: unknown };

const work = mkdtempSync(join(tmpdir(), 'va-boot-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
let runs = 0;

/** One app launch. `home` keeps userData and XDG config between launches (a second start, a relaunch). */
function boot(home: string, steps: Step[], env: Record<string, string> = {}): Report {
  const report = join(work, `report-${++runs}.json`);
  const child = spawnSync(
    process.execPath,
    [
      '--experimental-import-meta-resolve',
      join(root, 'test/support/electron-standin/boot.mjs'),
      JSON.stringify({ steps }),
    ],
    {
      cwd: root,
      encoding: 'utf8',
      timeout: 25_000,
      env: {
        // The dev server URL must not leak in from a developer's shell: the built renderer is under test.
        ...Object.fromEntries(Object.entries(process.env).filter(([key]) => key !== 'ELECTRON_RENDERER_URL')),
        HOME: home,
        XDG_CONFIG_HOME: join(home, 'config'),
        STANDIN_USER_DATA: join(home, 'userData'),
        STANDIN_REPORT: report,
        ...env,
      },
    },
  );
  if (!existsSync(report)) throw new Error(`boot produced no report:\n${child.stdout}\n${child.stderr}`);
  return JSON.parse(readFileSync(report, 'utf8')) as Report;
}

const called = (report: Report, api: string) => report.calls.filter((call) => call.api === api);
const apis = (calls: Call[]) => calls.map((call) => call.api);
/** The app lifecycle events the stand-in emitted, in order. */
const lifecycle = (report: Report) => called(report, 'app.emit').map((call) => call.args[0]);
/**
 * A quit that ran once: 'will-quit' (which releases the lock) and 'quit' exactly once, in that order, nothing
 * after. Between them the app closes its core (main.ts); Electron may report the last window gone meanwhile.
 */
const expectQuitOnce = (report: Report) => {
  const events = lifecycle(report);
  expect(events.filter((event) => event === 'will-quit')).toHaveLength(1);
  expect(events.filter((event) => event === 'quit')).toHaveLength(1);
  expect(events.at(-1)).toBe('quit');
  expect(events.indexOf('will-quit')).toBeLessThan(events.indexOf('quit'));
  expect(called(report, 'app.releaseSingleInstanceLock')).toHaveLength(1);
};
/**
 * Every accelerator the app registered is released by the quit: `unregister(accelerator)` or
 * `unregisterAll()` recorded after the quit began and after its last registration, and none is left.
 */
const expectShortcutsReleased = (report: Report) => {
  const quitAt = report.calls.findIndex((call) => call.api === 'app.quit');
  expect(quitAt).toBeGreaterThan(-1);
  const registered = new Set(called(report, 'globalShortcut.register').map((call) => call.args[0] as string));
  for (const accelerator of registered) {
    const lastRegistered = report.calls.findLastIndex(
      (call) => call.api === 'globalShortcut.register' && call.args[0] === accelerator,
    );
    const released = report.calls.findIndex(
      (call, index) =>
        index > Math.max(quitAt, lastRegistered) &&
        (call.api === 'globalShortcut.unregisterAll' ||
          (call.api === 'globalShortcut.unregister' && call.args[0] === accelerator)),
    );
    expect(released, `${accelerator} released after quitting`).toBeGreaterThan(-1);
  }
  expect(report.final.shortcuts).toEqual([]);
};
const envelope = (value: unknown) => value as { ok: boolean; value?: unknown; error?: { code: string } };

/** Bare package names the main bundle imports or requires, statically or lazily. */
const bundlePackages = (): string[] => {
  const code = readFileSync(join(root, 'out/main/index.js'), 'utf8');
  const specifiers = new Set<string>();
  for (const match of code.matchAll(
    /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^import\s+)["']([^"'.][^"']*)["']/gm,
  )) {
    const specifier = match[1]!;
    if (!specifier.startsWith('node:') && specifier !== 'electron') specifiers.add(specifier);
  }
  return [...specifiers].sort();
};

describe('the built app booted on the Electron stand-in', () => {
  const home = join(work, 'first');
  let report: Report;
  let r: unknown[];
  const packages = ['naudiodon2', 'uiohook-napi'];

  beforeAll(() => {
    requireBuiltApp(root);
    report = boot(home, [
      { do: 'snapshot' },
      { do: 'preload' },
      { do: 'bridge', command: 'getAppInfo' },
      { do: 'bridge', command: 'listProfiles' },
      { do: 'subscribe', event: 'settingsChanged' },
      { do: 'bridge', command: 'updateSettings', payload: { theme: 'dark' } },
      { do: 'received', event: 'settingsChanged' },
      { do: 'navigate', url: 'https://example.com/' },
      { do: 'windowOpen', url: 'https://example.com/' },
      { do: 'permission', permission: 'media' },
      { do: 'invoke', channel: commandChannel('getSettings'), frameUrl: 'https://example.com/' },
      { do: 'loadModules', specifiers: [...new Set([...bundlePackages(), ...packages])] },
      { do: 'closeWindow' },
      { do: 'snapshot' },
      { do: 'trayClick', path: ['Show window'] },
      { do: 'snapshot' },
      { do: 'preventUnload', response: 0 },
      { do: 'preventUnload', response: 1 },
      { do: 'bridge', command: 'captureScreen' },
      { do: 'quit' },
    ]);
    r = report.results;
  });

  it('loads and runs the whenReady handlers without an error', () => {
    expect(report.bootError).toBeNull();
    expect(report.errors).toEqual([]);
    expect(report.consoleErrors).toEqual([]);
    expect(called(report, 'app.whenReady')).not.toHaveLength(0);
  });

  it('every package the bundle imports resolves and loads, naudiodon2 without the real segfault-handler', () => {
    const outcome = r[11] as Record<string, string>;
    expect(Object.entries(outcome).filter(([, result]) => result !== 'ok')).toEqual([]);
    expect(Object.keys(outcome)).toEqual(expect.arrayContaining([...packages, 'electron-store']));
    const handler = report.resolved.filter((entry) => entry.specifier === 'segfault-handler');
    expect(handler.length).toBeGreaterThan(0);
    for (const entry of handler) expect(entry.url).toMatch(/packages\/segfault-handler-noop\/index\.js$/);
    expect(report.addons.some((file) => file.endsWith('naudiodon2/build/Release/naudiodon.node'))).toBe(true);
    expect(report.addons.filter((file) => /segfault/i.test(file))).toEqual([]);
  });

  it('binds every contract command exactly once', () => {
    const channels = called(report, 'ipcMain.handle').map((call) => call.args[0] as string);
    expect(channels.filter((c) => c.startsWith('assistant:')).sort()).toEqual(
      commandNames.map(commandChannel).sort(),
    );
    expect(new Set(channels).size).toBe(channels.length);
  });

  it('the preload requires only electron and exposes exactly the contract, nothing named ipcRenderer', () => {
    const preload = r[1] as { required: string[]; exposed: Record<string, { name: string; type: string }[]> };
    expect(preload.required).toEqual(['electron']);
    expect(Object.keys(preload.exposed)).toEqual(['assistant']);
    const members = preload.exposed.assistant!;
    expect(members.map((m) => m.name).sort()).toEqual([...commandNames, 'on'].sort());
    expect(members.every((m) => m.type === 'function')).toBe(true);
    expect(JSON.stringify(preload.exposed)).not.toMatch(/ipcRenderer|invoke"|sendSync/);
  });

  it('every window is isolated and sandboxed; the main one gets the built preload', () => {
    const windows = called(report, 'new BrowserWindow').map((call) => call.args[0] as WindowInfo['options']);
    expect(windows.length).toBeGreaterThan(0);
    for (const options of windows) {
      expect(options.webPreferences).toMatchObject({
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
      });
      const preload = options.webPreferences?.preload as string | undefined;
      if (preload !== undefined) expect(preload).toBe(join(root, 'out/preload/index.js'));
    }
    const main = (r[0] as Snapshot).windows[0]!;
    expect(main.options.webPreferences?.preload).toBe(join(root, 'out/preload/index.js'));
    expect(main.url).toBe(`file://${join(root, 'out/renderer/index.html')}`);
  });

  it('navigation, window.open, webviews and permissions are refused', () => {
    const main = (r[0] as Snapshot).windows[0]!;
    expect(main).toMatchObject({
      hasWindowOpenHandler: true,
      willNavigateListeners: 1,
      willAttachWebviewListeners: 1,
    });
    expect(r[7]).toEqual({ prevented: true });
    expect(r[8]).toEqual({ action: 'deny' });
    expect(r[9]).toEqual({ granted: false, checked: false });
    expect((r[0] as Snapshot).permissionHandlers).toEqual({ request: true, check: true });
    expect(envelope(r[10])).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
  });

  it('a command from the page reaches the real core, and core events reach the page', () => {
    expect(envelope(r[2])).toMatchObject({ ok: true, value: { name: 'Voice Assistant', shell: 'electron' } });
    const profiles = envelope(r[3]).value as { profiles: unknown[]; activeId: string };
    expect(profiles.profiles.length).toBeGreaterThan(0);
    expect(envelope(r[5])).toMatchObject({ ok: true, value: { theme: 'dark' } });
    expect(r[6]).toEqual([expect.objectContaining({ theme: 'dark' })]);
    const sent = called(report, 'webContents.send').filter(
      (c) => c.args[0] === eventChannel('settingsChanged'),
    );
    expect(sent.length).toBeGreaterThan(0);
    // Persisted in the stand-in's userData: the profiles/settings store really wrote there.
    expect(readdirSync(join(home, 'userData')).length).toBeGreaterThan(0);
  });

  it('"Talk about my screen": the display under the pointer, captured at its size, waits for the next turn', () => {
    expect(called(report, 'desktopCapturer.getSources').map((c) => c.args[0])).toEqual([
      { types: ['screen'], thumbnailSize: { width: 1920, height: 1080 } },
    ]);
    expect(envelope(r[18])).toMatchObject({
      ok: true,
      value: {
        images: [
          { width: 1024, height: 576, detail: 'auto', thumbnail: expect.stringMatching(/^data:image\/jpeg/) },
        ],
      },
    });
  });

  it('the single-instance lock and the tray are set up; closing the window keeps the app in the tray', () => {
    expect(called(report, 'app.requestSingleInstanceLock')).toHaveLength(1);
    const tray = (r[0] as Snapshot).trays[0]!;
    expect(existsSync(tray.image)).toBe(true);
    expect(tray.menu.map((item) => item.label)).toEqual(
      expect.arrayContaining(['Hide window', 'Quit Voice Assistant']),
    );
    const afterClose = r[13] as Snapshot;
    expect(afterClose.windows[0]).toMatchObject({ visible: false });
    expect(afterClose.quit).toBe(false);
    expect(afterClose.trays[0]!.menu.map((item) => item.label)).toContain('Show window');
    expect((r[15] as Snapshot).windows[0]).toMatchObject({ visible: true });
  });

  it('unsaved edits: a page that refuses to unload gets a modal question; only "discard" unloads it', () => {
    expect(r[16]).toEqual({ listeners: 1, unloads: false });
    expect(r[17]).toEqual({ listeners: 1, unloads: true });
    const asked = called(report, 'dialog.showMessageBoxSync').map((call) => call.args[0]);
    expect(asked).toEqual([
      expect.objectContaining({
        parented: true,
        buttons: ['Keep editing', 'Discard and close'],
        cancelId: 0,
      }),
      expect.objectContaining({ parented: true }),
    ]);
  });

  it('quitting closes the window for good and releases the tray, the lock and global shortcuts, once', () => {
    expect(report.final.quit).toBe(true);
    expect(report.final.windows).toEqual([]);
    expect(report.final.trays).toEqual([]);
    expectQuitOnce(report);
    expectShortcutsReleased(report);
  });
});

describe('settings shape the next launch', () => {
  const home = join(work, 'settings');
  let first: Report;
  let second: Report;

  beforeAll(() => {
    requireBuiltApp(root);
    first = boot(home, [
      { do: 'preload' },
      {
        do: 'bridge',
        command: 'updateSettings',
        payload: {
          closeToTray: false,
          startAtLogin: true,
          hotkeyBackend: 'toggle',
          hotkeys: { pushToTalk: 'F9' },
        },
      },
      { do: 'quit' },
    ]);
    expect(first.bootError).toBeNull();
    expect(envelope(first.results[1]).ok).toBe(true);
    second = boot(home, [
      { do: 'snapshot' },
      { do: 'secondInstance', argv: ['voice-assistant', '--toggle-talk'] },
      { do: 'snapshot' },
      { do: 'secondInstance', argv: ['voice-assistant'] },
      { do: 'snapshot' },
      { do: 'closeWindow' },
      { do: 'snapshot' },
    ]);
  });
  /** The calls a step caused: from the snapshot before it to the snapshot after it. */
  const between = (report: Report, before: number, after: number) =>
    report.calls.slice(
      (report.results[before] as Snapshot).callCount,
      (report.results[after] as Snapshot).callCount,
    );

  it('start at login is registered (XDG autostart on Linux, the OS login item elsewhere)', () => {
    if (process.platform === 'linux') {
      const entry = readFileSync(join(home, 'config/autostart/voice-assistant.desktop'), 'utf8');
      expect(entry).toMatch(/^Exec=.* --hidden$/m);
    } else {
      expect(called(second, 'app.setLoginItemSettings').at(-1)?.args[0]).toMatchObject({ openAtLogin: true });
    }
  });

  it('global shortcuts follow the hotkey settings and the quit releases every one of them', () => {
    expect(second.bootError).toBeNull();
    expect((second.results[0] as Snapshot).shortcuts).toEqual(expect.arrayContaining(['F9']));
    expectShortcutsReleased(second);
  });

  it('a second launch: --toggle-talk starts talking without raising the window, a plain one raises it', () => {
    const toggle = between(second, 0, 2);
    expect(apis(toggle).filter((api) => /^BrowserWindow\.(show|focus)$/.test(api))).toEqual([]);
    const talkState = toggle
      .filter((call) => call.api === 'webContents.send' && call.args[0] === eventChannel('talkState'))
      .map((call) => call.args[1]);
    // The event the page and the badge get: the contract's shape, a turn opened by the toggle.
    expect(talkState.length).toBeGreaterThan(0);
    expect(talkStateSchema.parse(talkState[0])).toEqual({ talking: true, trigger: 'toggle' });

    const plain = apis(between(second, 2, 4));
    expect(plain).toContain('BrowserWindow.show');
    expect(plain).toContain('BrowserWindow.focus');
  });

  it('with closeToTray off, closing the window quits the app, once', () => {
    expect(called(second, 'app.quit').length).toBeGreaterThan(0);
    expect(second.final.windows.filter((w) => w.options.webPreferences?.preload)).toEqual([]);
    expect(second.final.quit).toBe(true);
    expectQuitOnce(second);
  });

  it('with closeToTray off, quitting from the app runs will-quit once (no window-all-closed re-entry)', () => {
    expect(first.final.quit).toBe(true);
    expect(lifecycle(first)).not.toContain('window-all-closed');
    expectQuitOnce(first);
  });
});

describe('the renderer URL from the environment (the electron-vite dev server)', () => {
  const devUrl = 'http://localhost:5173/';
  const builtRenderer = `file://${join(root, 'out/renderer/index.html')}`;
  const plan: Step[] = [
    { do: 'snapshot' },
    { do: 'invoke', channel: commandChannel('getAppInfo'), frameUrl: devUrl },
    { do: 'invoke', channel: commandChannel('getAppInfo'), frameUrl: builtRenderer },
    { do: 'navigate', url: devUrl },
    { do: 'quit' },
  ];

  it('a packaged app ignores it: the built renderer loads, and only it is trusted', () => {
    requireBuiltApp(root);
    const report = boot(join(work, 'packaged'), plan, {
      STANDIN_PACKAGED: '1',
      ELECTRON_RENDERER_URL: devUrl,
    });
    expect(report.bootError).toBeNull();
    expect((report.results[0] as Snapshot).windows[0]!.url).toBe(builtRenderer);
    expect(called(report, 'webContents.loadURL').map((call) => call.args[0])).not.toContain(devUrl);
    expect(envelope(report.results[1])).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
    expect(envelope(report.results[2])).toMatchObject({ ok: true });
    expect(report.results[3]).toEqual({ prevented: true });
  });

  it('in development (not packaged) it is used, for the window and the sender check', () => {
    requireBuiltApp(root);
    const report = boot(join(work, 'development'), plan, { ELECTRON_RENDERER_URL: devUrl });
    expect(report.bootError).toBeNull();
    expect((report.results[0] as Snapshot).windows[0]!.url).toBe(devUrl);
    expect(envelope(report.results[1])).toMatchObject({ ok: true });
    expect(envelope(report.results[2])).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
  });
});

describe('faults and the quit (issue 17)', () => {
  let report: Report;
  beforeAll(() => {
    requireBuiltApp(root);
    report = boot(join(work, 'faults'), [
      { do: 'preload' },
      { do: 'subscribe', event: 'notice' },
      // A global shortcut, so that closing the core shows in the calls (it unregisters it).
      {
        do: 'bridge',
        command: 'updateSettings',
        payload: { hotkeyBackend: 'toggle', hotkeys: { pushToTalk: 'F9' } },
      },
      { do: 'fault', thrown: 'boom in a callback', rejected: 'nobody awaited this' },
      { do: 'bridge', command: 'getAppInfo' },
      { do: 'received', event: 'notice' },
      { do: 'quit' },
    ]);
  });

  it('an uncaught exception or rejection is shown once in the window and the app keeps running', () => {
    expect(report.bootError).toBeNull();
    // They really were uncaught (the harness sees them too) …
    expect(report.errors).toEqual([
      expect.stringContaining('unhandled rejection: Error: nobody awaited this'),
      expect.stringContaining('uncaught: Error: boom in a callback'),
    ]);
    // … and the app logged them, told the page, and still answers.
    expect(report.consoleErrors.join('\n')).toMatch(
      /uncaught exception \(the app keeps running\).*boom in a callback/s,
    );
    expect((report.results[5] as { message: string }[]).map((notice) => notice.message)).toEqual([
      expect.stringMatching(/keeps running: nobody awaited this/),
      expect.stringMatching(/keeps running: boom in a callback/),
    ]);
    expect(envelope(report.results[4])).toMatchObject({ ok: true });
    expect(called(report, 'app.exit').map((call) => call.args[0])).toEqual([0]);
  });

  it('the quit waits for the core to close (its shortcut released), then exits once', () => {
    const index = (predicate: (call: Call) => boolean) => report.calls.findIndex(predicate);
    const willQuit = index((call) => call.api === 'app.emit' && call.args[0] === 'will-quit');
    const released = report.calls.findLastIndex(
      (call) => call.api === 'globalShortcut.unregister' && call.args[0] === 'F9',
    );
    const exited = index((call) => call.api === 'app.exit');
    const quit = index((call) => call.api === 'app.emit' && call.args[0] === 'quit');
    expect(willQuit).toBeGreaterThan(-1);
    expect(released).toBeGreaterThan(willQuit);
    expect(exited).toBeGreaterThan(released);
    expect(quit).toBeGreaterThan(exited);
    expectQuitOnce(report);
  });

  it('a page that cannot load is logged, never an unhandled rejection', () => {
    const failing = boot(join(work, 'load-fails'), [{ do: 'quit' }], { STANDIN_LOAD_FAILS: '1' });
    expect(failing.bootError).toBeNull();
    expect(failing.errors).toEqual([]);
    expect(failing.consoleErrors.join('\n')).toMatch(/the window could not load file:.*ERR_FAILED/s);
    expectQuitOnce(failing);
  });
});

describe('a second instance', () => {
  it('quits at once without a window, a tray or IPC handlers', () => {
    requireBuiltApp(root);
    const report = boot(join(work, 'secondary'), [{ do: 'snapshot' }], {
      STANDIN_SINGLE_INSTANCE: 'secondary',
    });
    expect(report.bootError).toBeNull();
    expect(called(report, 'app.quit')).toHaveLength(1);
    expect(report.final).toMatchObject({ windows: [], trays: [], handlers: [] });
  });
});

describe('the key hook display probe runs in a utility process, not as a relaunch of the app', () => {
  // In the packaged app the RunAsNode fuse is off: `process.execPath -e …` with ELECTRON_RUN_AS_NODE would
  // start a second instance of the app instead of Node. The stand-in's utilityProcess really runs the
  // built probe entry (with Node), so both outcomes below come from libuiohook itself.
  const probeModule = join(root, 'out/main/uiohook-probe.js');
  let xvfb: Xvfb | undefined;
  let working: Report;
  let broken: Report;
  const plan: Step[] = [
    { do: 'waitForCall', api: 'webContents.send', arg0: eventChannel('hotkeyStatus') },
    { do: 'preload' },
    { do: 'bridge', command: 'getHotkeyStatus' },
    { do: 'quit' },
  ];

  beforeAll(async () => {
    requireBuiltApp(root);
    xvfb = await startXvfb();
    working = boot(join(work, 'probe-ok'), plan, { DISPLAY: xvfb.display });
    broken = boot(join(work, 'probe-broken'), plan, { DISPLAY: ':4097' });
  }, 60_000);
  afterAll(async () => {
    await xvfb?.stop();
  });

  const forks = (report: Report) =>
    called(report, 'utilityProcess.fork').map((call) => ({ module: call.args[0], options: call.args[2] }));
  const status = (report: Report) => envelope(report.results[2]).value as Record<string, unknown>;

  it('an X display that works: the probe passes and hold-to-talk gets the key hook', () => {
    expect(working.bootError).toBeNull();
    expect(working.errors).toEqual([]);
    expect(forks(working)).toEqual([
      { module: probeModule, options: expect.objectContaining({ display: xvfb!.display, runAsNode: false }) },
    ]);
    expect(status(working)).toMatchObject({ backend: 'uiohook', mode: 'hold', fallbackMessage: null });
  });

  it('a display that cannot be opened: the probe child aborts, the app falls back and says why', () => {
    expect(broken.bootError).toBeNull();
    expect(forks(broken)).toEqual([
      { module: probeModule, options: expect.objectContaining({ display: ':4097' }) },
    ]);
    expect(status(broken).backend).not.toBe('uiohook');
    expect(status(broken).fallbackMessage).toMatch(
      /could not open the X display :4097: .*XOpenDisplay failure/,
    );
  });

  it('nothing starts the app binary as Node (ELECTRON_RUN_AS_NODE) or with -e', () => {
    for (const report of [working, broken]) {
      expect(report.spawns.filter((s) => s.runAsNode)).toEqual([]);
      expect(report.spawns.filter((s) => s.file === process.execPath && s.args.includes('-e'))).toEqual([]);
    }
  });
});
