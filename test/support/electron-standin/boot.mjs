// @ts-check
// Boots the BUILT app (out/main/index.js, out/preload/index.js) in plain Node with `electron` resolved to
// the recording stand-in, runs a plan of steps against it and writes a JSON report. Spawned by
// test/integration/electron-boot.test.ts, one process per plan, so each boot starts from a clean slate.
//
// usage: STANDIN_REPORT=report.json node boot.mjs '<plan json>'
import { ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { registerHooks } from 'node:module';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import vm from 'node:vm';

const standinUrl = new URL('./electron.mjs', import.meta.url).href;
const outDir = resolve(process.env.STANDIN_OUT_DIR ?? 'out');
const reportPath = process.env.STANDIN_REPORT;
if (!reportPath) throw new Error('STANDIN_REPORT must name the report file');

/** @type {{ specifier: string; url: string }[]} */
const resolved = [];
// In-thread hooks apply to import and require alike, so CommonJS packages that require('electron') get
// the stand-in too. Everything else resolves exactly as Node would.
registerHooks({
  resolve(specifier, context, next) {
    if (specifier === 'electron') return { url: standinUrl, format: 'module', shortCircuit: true };
    const result = next(specifier, context);
    resolved.push({ specifier, url: result.url });
    return result;
  },
});

/** Every native addon loaded, by file: proves which .node files the app really opens. */
/** @type {string[]} */
const addons = [];
const dlopen = process.dlopen;
process.dlopen = function (module, filename, ...rest) {
  addons.push(filename);
  return dlopen.call(this, module, filename, ...rest);
};

/**
 * Every child process the app starts (spawn, execFile, fork all end here), with whether its environment
 * turns an Electron binary into Node: in the packaged app that variable is fused off and the command
 * would launch the app a second time.
 * @type {{ file: string; args: string[]; runAsNode: boolean }[]}
 */
const spawns = [];
const spawnChild = ChildProcess.prototype.spawn;
ChildProcess.prototype.spawn = function (options) {
  spawns.push({
    file: options.file,
    args: (options.args ?? []).map((arg) => (arg.length > 200 ? `${arg.slice(0, 200)}…` : arg)),
    runAsNode: (options.envPairs ?? []).some((pair) => pair.startsWith('ELECTRON_RUN_AS_NODE=')),
  });
  return spawnChild.call(this, options);
};

/** @type {string[]} */
const errors = [];
process.on('uncaughtException', (error) => void errors.push(`uncaught: ${error.stack ?? error}`));
process.on('unhandledRejection', (error) => void errors.push(`unhandled rejection: ${String(error)}`));
const consoleErrors = /** @type {string[]} */ ([]);
const consoleError = console.error;
console.error = (...args) => {
  consoleErrors.push(args.map((a) => (a instanceof Error ? a.stack : String(a))).join(' '));
  consoleError(...args);
};

const electron = await import(standinUrl);
const { app, control, calls, BrowserWindow, ipcMain, globalShortcut } = electron;

/** Let promise chains and timers started by the app run. */
const settle = async (ms = 50) => {
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
  await new Promise((r) => setTimeout(r, ms));
};

/** JSON without functions, cycles or buffers getting in the way. */
const plain = (/** @type {unknown} */ value) => {
  const seen = new WeakSet();
  return JSON.parse(
    JSON.stringify(value, (_key, v) => {
      if (typeof v === 'function') return '[function]';
      if (typeof v === 'bigint') return String(v);
      if (v && typeof v === 'object') {
        if (seen.has(v)) return '[cycle]';
        seen.add(v);
      }
      return v;
    }) ?? 'null',
  );
};

const firstWindow = () => BrowserWindow.getAllWindows()[0];

/** @param {unknown[]} items @returns {unknown[]} */
const describeMenu = (items) =>
  items.map((raw) => {
    const item = /** @type {Record<string, unknown>} */ (raw);
    return {
      label: item.label,
      type: item.type ?? (item.submenu ? 'submenu' : 'normal'),
      enabled: item.enabled !== false,
      checked: item.checked,
      submenu: Array.isArray(item.submenu) ? describeMenu(item.submenu) : undefined,
    };
  });

/** @param {unknown[]} items @param {string[]} labels @returns {Record<string, unknown> | undefined} */
const findItem = (items, [label, ...rest]) => {
  const item = /** @type {Record<string, unknown>[]} */ (items).find((i) => i.label === label);
  if (!item || rest.length === 0) return item;
  return findItem(/** @type {unknown[]} */ (item.submenu), rest);
};

const snapshot = () => ({
  windows: BrowserWindow.getAllWindows().map((/** @type {any} */ w) => ({
    options: w.options,
    visible: w.isVisible(),
    url: w.webContents.getURL(),
    hasWindowOpenHandler: w.webContents.windowOpenHandler !== undefined,
    willNavigateListeners: w.webContents.listenerCount('will-navigate'),
    willAttachWebviewListeners: w.webContents.listenerCount('will-attach-webview'),
  })),
  trays: [...control.trays].map((/** @type {any} */ t) => ({
    image: t.image.path,
    template: t.image.template,
    tooltip: t.tooltip,
    menu: t.menu ? describeMenu(t.menu.items) : null,
  })),
  shortcuts: globalShortcut.registered(),
  handlers: [...ipcMain.handlers.keys()],
  permissionHandlers: {
    request: control.defaultSession.permissionRequestHandler !== undefined,
    check: control.defaultSession.permissionCheckHandler !== undefined,
  },
  quit: app.quitRequested,
  /** Where this snapshot falls in `calls`: a test splits the calls by step with it. */
  callCount: calls.length,
});

/** Evaluates the preload as Electron's sandbox does: a CommonJS function whose require knows `electron`. */
const runPreload = () => {
  const file = join(outDir, 'preload', 'index.js');
  const code = readFileSync(file, 'utf8');
  const world = vm.createContext({ console });
  const fn = vm.compileFunction(code, ['require', 'module', 'exports', 'process', 'Buffer', 'global'], {
    filename: file,
    parsingContext: world,
  });
  /** @type {string[]} */
  const required = [];
  const sandboxRequire = (/** @type {string} */ id) => {
    required.push(id);
    if (id === 'electron')
      return { contextBridge: electron.contextBridge, ipcRenderer: electron.ipcRenderer };
    throw new Error(`Cannot find module '${id}' (a sandboxed preload can only require electron)`);
  };
  const module = { exports: {} };
  const window = firstWindow();
  if (window) control.connectRenderer(window);
  fn(sandboxRequire, module, module.exports, { platform: process.platform, env: {} }, Buffer, world);
  const exposed = Object.fromEntries(
    [...control.exposed].map(([key, api]) => [
      key,
      Object.keys(/** @type {object} */ (api)).map((name) => ({
        name,
        type: typeof (/** @type {Record<string, unknown>} */ (api)[name]),
      })),
    ]),
  );
  return { required, exposed };
};

/** @typedef {{ do: string; [key: string]: any }} Step */

/** @param {Step} step */
async function run(step) {
  switch (step.do) {
    case 'snapshot':
      return snapshot();
    case 'preload':
      return runPreload();
    case 'bridge': {
      // The page's call: window.assistant[command](payload) → preload → ipcRenderer → ipcMain → core.
      const api = /** @type {Record<string, (p: unknown) => Promise<unknown>>} */ (
        control.exposed.get('assistant')
      );
      return api[step.command](step.payload);
    }
    case 'subscribe': {
      const api = /** @type {any} */ (control.exposed.get('assistant'));
      /** @type {unknown[]} */
      const received = [];
      control.received = control.received ?? {};
      control.received[step.event] = received;
      api.on(step.event, (/** @type {unknown} */ payload) => received.push(payload));
      return null;
    }
    case 'received':
      return control.received?.[step.event] ?? [];
    case 'invoke': {
      const handler = ipcMain.handlers.get(step.channel);
      if (!handler) return { missing: step.channel };
      const senderFrame =
        step.frameUrl === null ? null : { url: step.frameUrl, parent: step.child ? {} : null };
      return handler({ senderFrame }, step.payload);
    }
    case 'navigate': {
      const event = { defaultPrevented: false, preventDefault: () => void (event.defaultPrevented = true) };
      firstWindow()?.webContents.emit('will-navigate', event, step.url);
      return { prevented: event.defaultPrevented };
    }
    case 'windowOpen': {
      const window = /** @type {any} */ (firstWindow());
      return window.webContents.windowOpenHandler({
        url: step.url,
        frameName: '',
        features: '',
        disposition: 'new-window',
      });
    }
    case 'permission': {
      const session = control.defaultSession;
      const granted = await new Promise((done) =>
        /** @type {any} */ (session.permissionRequestHandler)(
          firstWindow()?.webContents,
          step.permission,
          done,
          {},
        ),
      );
      const checked = /** @type {any} */ (session.permissionCheckHandler)(null, step.permission, '', {});
      return { granted, checked };
    }
    case 'secondInstance':
      app.emit('second-instance', { preventDefault() {} }, step.argv, process.cwd(), {});
      return null;
    case 'closeWindow':
      firstWindow()?.close();
      return null;
    case 'trayClick': {
      const tray = /** @type {any} */ ([...control.trays][0]);
      const item = findItem(tray.menu.items, step.path);
      if (!item) return { missing: step.path };
      /** @type {any} */ (item).click?.();
      return null;
    }
    case 'trayIconClick':
      /** @type {any} */ ([...control.trays][0]).emit('click');
      return null;
    case 'waitForCall': {
      // Work the app does in the background (the key hook probe): wait until a call shows it finished.
      const deadline = Date.now() + (step.timeoutMs ?? 10_000);
      const seen = () =>
        calls.some(
          (/** @type {{ api: string; args: unknown[] }} */ c) =>
            c.api === step.api && (step.arg0 === undefined || c.args[0] === step.arg0),
        );
      while (!seen() && Date.now() < deadline) await settle(20);
      return { seen: seen() };
    }
    case 'preventUnload': {
      // The page's beforeunload asked to stay: Electron asks the app, which decides with a dialog.
      control.config.messageBoxResponse = step.response;
      const event = { defaultPrevented: false, preventDefault: () => void (event.defaultPrevented = true) };
      const contents = firstWindow()?.webContents;
      const listeners = contents?.listenerCount('will-prevent-unload') ?? 0;
      contents?.emit('will-prevent-unload', event);
      return { listeners, unloads: event.defaultPrevented };
    }
    case 'poll': {
      // Background work the page would watch through events (an update downloading): ask until it shows.
      const api = /** @type {Record<string, (p: unknown) => Promise<any>>} */ (
        control.exposed.get('assistant')
      );
      const deadline = Date.now() + (step.timeoutMs ?? 10_000);
      let reply = await api[step.command](step.payload);
      while (reply?.value?.[step.field] !== step.equals && Date.now() < deadline) {
        await settle(20);
        reply = await api[step.command](step.payload);
      }
      return reply;
    }
    case 'quit':
      app.quit();
      return null;
    case 'fault':
      // A bug in some callback of the app: an exception nobody catches and a rejection nobody handles.
      setTimeout(() => {
        throw new Error(step.thrown);
      });
      void Promise.reject(new Error(step.rejected));
      return null;
    case 'loadModules': {
      // Every bare specifier the bundle imports or requires, loaded from the bundle's own location: the
      // lazily imported ones (audio, hotkeys) must resolve in the package too, not only those loaded at boot.
      /** @type {Record<string, string>} */
      const outcome = {};
      const from = pathToFileURL(join(outDir, 'main', 'index.js')).href;
      for (const specifier of step.specifiers) {
        try {
          await import(import.meta.resolve(specifier, from));
          outcome[specifier] = 'ok';
        } catch (error) {
          outcome[specifier] = String(error);
        }
      }
      return outcome;
    }
    default:
      throw new Error(`unknown step ${step.do}`);
  }
}

const plan = JSON.parse(process.argv[2] ?? '{"steps":[]}');
/** @type {unknown[]} */
const results = [];
let bootError = null;
try {
  await import(pathToFileURL(join(outDir, 'main', 'index.js')).href);
  if (plan.ready !== false) app.emitReady();
  // Startup is asynchronous (stores, hotkey backends): wait until the app shows it is up (a window and a
  // tray), gave up (quit), or failed, rather than guessing a delay that a busy machine would exceed.
  const deadline = Date.now() + 15_000;
  while (
    Date.now() < deadline &&
    !app.quitRequested &&
    calls.every((/** @type {{ api: string }} */ c) => c.api !== 'app.quit' && c.api !== 'app.exit') &&
    errors.length === 0 &&
    (BrowserWindow.getAllWindows().length === 0 || control.trays.size === 0)
  ) {
    await settle(20);
  }
  await settle(plan.settleMs ?? 100);
  for (const step of plan.steps) {
    results.push(plain(await run(step)));
    await settle(step.settleMs ?? 50);
  }
  // A quit past 'will-quit' may finish asynchronously (the app closes its core, then exits): wait for it.
  const quitDeadline = Date.now() + 10_000;
  const willQuitSeen = () =>
    calls.some(
      (/** @type {{ api: string; args: unknown[] }} */ c) =>
        c.api === 'app.emit' && c.args[0] === 'will-quit',
    );
  while (willQuitSeen() && !app.quitRequested && Date.now() < quitDeadline) await settle(20);
} catch (error) {
  bootError = String(/** @type {Error} */ (error).stack ?? error);
}

writeFileSync(
  reportPath,
  JSON.stringify({
    bootError,
    errors,
    consoleErrors,
    results,
    calls: plain(calls),
    resolved,
    addons,
    spawns,
    final: plain(snapshot()),
  }),
);
// The app may keep handles open (stores, timers): the report is written, so end here.
process.exit(0);
