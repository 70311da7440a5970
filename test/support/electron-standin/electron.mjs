// @ts-check
// A recording stand-in for the `electron` module, for the boot test only (never shipped, not Electron):
// the built main bundle and the preload run in plain Node with `electron` resolved here. Each API the app
// uses exists with Electron's shape and records its calls in `calls`; a test drives it through `control`.
// Behaviour is the minimum the app depends on (events, handlers, window lifecycle), nothing more.
import { fork } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { constants } from 'node:os';
import { join } from 'node:path';

/** @type {{ api: string; args: unknown[] }[]} */
export const calls = [];

/** @param {string} api @param {unknown[]} args */
const record = (api, ...args) => void calls.push({ api, args });

const config = {
  userData: process.env.STANDIN_USER_DATA ?? join(process.cwd(), '.tmp', 'standin-user-data'),
  singleInstance: process.env.STANDIN_SINGLE_INSTANCE !== 'secondary',
  /** `app.isPackaged`: false like `electron .` in development, true for STANDIN_PACKAGED=1. */
  packaged: process.env.STANDIN_PACKAGED === '1',
  platform: process.platform,
  /** The button showMessageBoxSync answers with. */
  messageBoxResponse: 0,
  /** STANDIN_LOAD_FAILS=1: every loadURL rejects, as Electron's does when a page cannot load. */
  loadFails: process.env.STANDIN_LOAD_FAILS === '1',
};

/** An Electron event: `preventDefault()` is all the app uses. */
const electronEvent = () => {
  const event = { defaultPrevented: false, preventDefault: () => void (event.defaultPrevented = true) };
  return event;
};

// ---------------------------------------------------------------------------------------------- app
/** App events a test counts (a quit must run 'will-quit' once); recorded as `app.emit` calls. */
const lifecycleEvents = new Set(['ready', 'before-quit', 'window-all-closed', 'will-quit', 'quit']);

class App extends EventEmitter {
  isPackaged = config.packaged;
  #ready = false;
  /** Electron's Browser::is_quitting_: set once 'before-quit' passed, cleared when the quit is cancelled. */
  #quitting = false;
  /** Electron's Browser::is_exiting_: app.exit() under way ('will-quit' is not emitted). */
  #exiting = false;
  /** @type {() => void} */
  #resolveReady = () => {};
  #readyPromise = new Promise((resolve) => (this.#resolveReady = () => resolve(undefined)));
  quitRequested = false;
  exited = /** @type {number | undefined} */ (undefined);
  commandLine = {
    appendSwitch: (/** @type {unknown[]} */ ...a) => record('app.commandLine.appendSwitch', ...a),
  };

  /** @param {string | symbol} name @param {unknown[]} args */
  emit(name, ...args) {
    if (typeof name === 'string' && lifecycleEvents.has(name)) record('app.emit', name);
    return super.emit(name, ...args);
  }
  whenReady() {
    record('app.whenReady');
    return this.#readyPromise;
  }
  isReady() {
    return this.#ready;
  }
  /** Test control: what Electron does once Chromium is up. */
  emitReady() {
    this.#ready = true;
    this.emit('will-finish-launching');
    this.emit('ready', electronEvent(), {});
    this.#resolveReady();
  }
  getVersion() {
    return JSON.parse(readFileSync(join(process.cwd(), 'package.json'), 'utf8')).version;
  }
  getName() {
    return 'Voice Assistant';
  }
  getAppPath() {
    return process.cwd();
  }
  getLocale() {
    return 'en-US';
  }
  /** @param {string} name */
  getPath(name) {
    record('app.getPath', name);
    return name === 'userData' ? config.userData : join(config.userData, `..${name}`);
  }
  /** @param {string} name @param {string} path */
  setPath(name, path) {
    record('app.setPath', name, path);
    if (name === 'userData') config.userData = path;
  }
  requestSingleInstanceLock() {
    record('app.requestSingleInstanceLock');
    return config.singleInstance;
  }
  hasSingleInstanceLock() {
    return config.singleInstance;
  }
  releaseSingleInstanceLock() {
    record('app.releaseSingleInstanceLock');
  }
  /** @param {unknown} settings */
  setLoginItemSettings(settings) {
    record('app.setLoginItemSettings', settings);
  }
  getLoginItemSettings() {
    return { openAtLogin: false };
  }
  /** @param {string} id */
  setAppUserModelId(id) {
    record('app.setAppUserModelId', id);
  }
  /**
   * Electron's Browser::Quit: 'before-quit', then every window is asked to close ('close', 'closed'); once the
   * last one is gone 'will-quit' and 'quit' follow. 'window-all-closed' is NOT emitted while quitting (see
   * electron.d.ts), and a quit already under way is not started again. A window that stays (a prevented
   * 'close') or a prevented 'will-quit' cancels the quit.
   */
  quit() {
    record('app.quit');
    if (!this.#ready) {
      this.quitRequested = true;
      return;
    }
    if (this.#quitting || this.quitRequested) return;
    const before = electronEvent();
    this.emit('before-quit', before);
    if (before.defaultPrevented) return;
    this.#quitting = true;
    if (windows.size === 0) {
      this.#notifyAndShutdown();
      return;
    }
    // Electron asks every window, even after one refused.
    for (const window of BrowserWindow.getAllWindows()) window.close();
    if (windows.size > 0) this.#quitting = false;
  }
  /** BrowserWindow.destroy calls this when the last window is gone: Electron's Browser::OnWindowAllClosed. */
  lastWindowClosed() {
    if (this.quitRequested) return;
    if (this.#exiting) this.#shutdown();
    else if (this.#quitting) this.#notifyAndShutdown();
    else this.emit('window-all-closed');
  }
  #notifyAndShutdown() {
    const will = electronEvent();
    this.emit('will-quit', will);
    if (will.defaultPrevented) {
      this.#quitting = false;
      return;
    }
    this.#shutdown();
  }
  /** Electron's Browser::Shutdown: 'quit', once. */
  #shutdown() {
    if (this.quitRequested) return;
    this.quitRequested = true;
    this.emit('quit', electronEvent(), 0);
  }
  /**
   * Electron's Browser::Exit: every window destroyed without asking, no 'before-quit' or 'will-quit', then
   * 'quit' (Shutdown). Before 'ready' the process just ends; here it is only recorded.
   * @param {number} [code]
   */
  exit(code = 0) {
    record('app.exit', code);
    this.exited = code;
    if (!this.#ready) return;
    this.#quitting = true;
    this.#exiting = true;
    for (const window of BrowserWindow.getAllWindows()) window.destroy();
    if (windows.size === 0) this.#shutdown();
  }
  focus() {
    record('app.focus');
  }
}
export const app = new App();

// -------------------------------------------------------------------------------------- webContents
let nextId = 1;
class WebContents extends EventEmitter {
  id = nextId++;
  #destroyed = false;
  /** @type {unknown} */
  windowOpenHandler = undefined;
  url = '';
  /** @param {string} channel @param {unknown[]} args */
  send(channel, ...args) {
    record('webContents.send', channel, ...args);
  }
  /** @param {unknown} handler */
  setWindowOpenHandler(handler) {
    record('webContents.setWindowOpenHandler');
    this.windowOpenHandler = handler;
  }
  /** @param {string} url */
  async loadURL(url) {
    record('webContents.loadURL', url);
    if (config.loadFails) throw new Error(`ERR_FAILED (-2) loading '${url}'`);
    this.url = url;
  }
  getURL() {
    return this.url;
  }
  isDestroyed() {
    return this.#destroyed;
  }
  destroy() {
    this.#destroyed = true;
    this.emit('destroyed');
  }
  openDevTools() {
    record('webContents.openDevTools');
  }
  /** The main frame, as ipc-binding's sender check sees it. */
  get mainFrame() {
    return { url: this.url, parent: null };
  }
}

// ------------------------------------------------------------------------------------ BrowserWindow
/** @type {Set<BrowserWindow>} */
const windows = new Set();

export class BrowserWindow extends EventEmitter {
  static getAllWindows() {
    return [...windows];
  }
  static getFocusedWindow() {
    return [...windows].find((w) => w.isFocused()) ?? null;
  }
  /** @param {WebContents} contents */
  static fromWebContents(contents) {
    return [...windows].find((w) => w.webContents === contents) ?? null;
  }

  #visible = false;
  #focused = false;
  #destroyed = false;

  /** @param {Record<string, unknown>} [options] */
  constructor(options = {}) {
    super();
    record('new BrowserWindow', options);
    this.options = options;
    this.#visible = options.show !== false;
    this.webContents = new WebContents();
    windows.add(this);
    app.emit('web-contents-created', electronEvent(), this.webContents);
    app.emit('browser-window-created', electronEvent(), this);
  }
  /** @param {string} url */
  loadURL(url) {
    record('BrowserWindow.loadURL', url);
    const loading = this.webContents.loadURL(url);
    // Electron fires ready-to-show once the first paint is ready; here, once loading "finished".
    loading.then(
      () => setImmediate(() => !this.#destroyed && this.emit('ready-to-show')),
      () => {}, // the caller gets the rejection through the returned promise
    );
    return loading;
  }
  /** @param {string} file */
  loadFile(file) {
    return this.loadURL(`file://${file}`);
  }
  show() {
    record('BrowserWindow.show');
    const was = this.#visible;
    this.#visible = true;
    this.#focused = true;
    if (!was) this.emit('show');
  }
  hide() {
    record('BrowserWindow.hide');
    const was = this.#visible;
    this.#visible = false;
    this.#focused = false;
    if (was) this.emit('hide');
  }
  focus() {
    record('BrowserWindow.focus');
    this.#focused = true;
  }
  restore() {
    record('BrowserWindow.restore');
  }
  isVisible() {
    return this.#visible;
  }
  isFocused() {
    return this.#focused;
  }
  isMinimized() {
    return false;
  }
  isDestroyed() {
    return this.#destroyed;
  }
  /** A user or app close: 'close' may be prevented; otherwise the window goes away. */
  close() {
    record('BrowserWindow.close');
    if (this.#destroyed) return;
    const event = electronEvent();
    this.emit('close', event);
    if (event.defaultPrevented) return;
    this.destroy();
  }
  destroy() {
    if (this.#destroyed) return;
    this.#destroyed = true;
    this.#visible = false;
    windows.delete(this);
    this.webContents.destroy();
    this.emit('closed');
    if (windows.size === 0) app.lastWindowClosed();
  }
  showInactive() {
    record('BrowserWindow.showInactive');
    const was = this.#visible;
    this.#visible = true;
    if (!was) this.emit('show');
  }
  /** @param {unknown[]} args */
  setAlwaysOnTop(...args) {
    record('BrowserWindow.setAlwaysOnTop', ...args);
  }
  /** @param {unknown[]} args */
  setIgnoreMouseEvents(...args) {
    record('BrowserWindow.setIgnoreMouseEvents', ...args);
  }
  /** @param {unknown} menu */
  setMenu(menu) {
    record('BrowserWindow.setMenu', menu);
  }
  /** @param {boolean} visible */
  setMenuBarVisibility(visible) {
    record('BrowserWindow.setMenuBarVisibility', visible);
  }
}

// ------------------------------------------------------------------------------------------ ipcMain
class IpcMain extends EventEmitter {
  /** @type {Map<string, (event: unknown, ...args: unknown[]) => unknown>} */
  handlers = new Map();
  /** @param {string} channel @param {(event: unknown, ...args: unknown[]) => unknown} handler */
  handle(channel, handler) {
    record('ipcMain.handle', channel);
    // Electron throws on a second handler for a channel; so does the stand-in.
    if (this.handlers.has(channel))
      throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  }
  /** @param {string} channel @param {(event: unknown, ...args: unknown[]) => unknown} handler */
  handleOnce(channel, handler) {
    this.handle(channel, handler);
  }
  /** @param {string} channel */
  removeHandler(channel) {
    record('ipcMain.removeHandler', channel);
    this.handlers.delete(channel);
  }
}
export const ipcMain = new IpcMain();

// ------------------------------------------------------------------------------------------ session
const defaultSession = {
  /** @type {unknown} */
  permissionRequestHandler: undefined,
  /** @type {unknown} */
  permissionCheckHandler: undefined,
  /** @param {unknown} handler */
  setPermissionRequestHandler(handler) {
    record('session.setPermissionRequestHandler');
    this.permissionRequestHandler = handler;
  },
  /** @param {unknown} handler */
  setPermissionCheckHandler(handler) {
    record('session.setPermissionCheckHandler');
    this.permissionCheckHandler = handler;
  },
  /** @param {unknown} handler */
  setDevicePermissionHandler(handler) {
    record('session.setDevicePermissionHandler', typeof handler);
  },
};
export const session = {
  defaultSession,
  /**
   * electron-updater asks for a session of its own for its requests; the default one does.
   * @param {string} name
   */
  fromPartition: (name) => (record('session.fromPartition', name), defaultSession),
};

// -------------------------------------------------------------------------------------------------- net
/**
 * Electron's net.request speaks Node's ClientRequest/IncomingMessage shapes; here it is Node's http(s), so
 * electron-updater really fetches from the test's feed. Electron-only options (session, redirect) are dropped.
 */
export const net = {
  /** @param {Record<string, any>} options */
  request(options) {
    const { session: _session, redirect: _redirect, ...node } = options;
    record(
      'net.request',
      `${node.protocol}//${node.hostname}${node.port ? `:${node.port}` : ''}${node.path}`,
    );
    return (node.protocol === 'https:' ? https : http).request(node);
  },
};

/** Electron's own autoUpdater (Squirrel): electron-updater only emits 'before-quit-for-update' on it. */
export const autoUpdater = new EventEmitter();

/** The system clipboard: what was written is recorded. */
export const clipboard = {
  /** @param {string} text */
  writeText: (text) => void record('clipboard.writeText', text),
};

// -------------------------------------------------------------------------------------- safeStorage
// Reversible and obviously not encryption: enough for the app's code paths, never for real secrets.
const PREFIX = 'standin-encrypted:';
export const safeStorage = {
  isEncryptionAvailable: () => true,
  isAsyncEncryptionAvailable: async () => true,
  getSelectedStorageBackend: () => 'basic_text',
  /** @param {string} text */
  encryptString: (text) => Buffer.from(PREFIX + text),
  /** @param {Buffer} data */
  decryptString: (data) => data.toString().slice(PREFIX.length),
  /** @param {string} text */
  encryptStringAsync: async (text) => {
    record('safeStorage.encryptStringAsync');
    return Buffer.from(PREFIX + text);
  },
  /** @param {Buffer} data */
  decryptStringAsync: async (data) => ({
    result: data.toString().slice(PREFIX.length),
    shouldReEncrypt: false,
  }),
};

// ----------------------------------------------------------------------------------- globalShortcut
/** @type {Map<string, () => void>} */
const shortcuts = new Map();
export const globalShortcut = {
  /** @param {string} accelerator @param {() => void} callback */
  register(accelerator, callback) {
    record('globalShortcut.register', accelerator);
    if (shortcuts.has(accelerator)) return false;
    shortcuts.set(accelerator, callback);
    return true;
  },
  /** @param {string} accelerator */
  unregister(accelerator) {
    record('globalShortcut.unregister', accelerator);
    shortcuts.delete(accelerator);
  },
  unregisterAll() {
    record('globalShortcut.unregisterAll');
    shortcuts.clear();
  },
  /** @param {string} accelerator */
  isRegistered: (accelerator) => shortcuts.has(accelerator),
  registered: () => [...shortcuts.keys()],
};

// -------------------------------------------------------------------------------- nativeImage, Menu
/** @param {string} path */
const image = (path) => ({
  path,
  template: false,
  isEmpty: () => false,
  /** @param {boolean} value */
  setTemplateImage(value) {
    this.template = value;
  },
});
export const nativeImage = {
  /** @param {string} path */
  createFromPath: (path) => {
    record('nativeImage.createFromPath', path);
    return image(path);
  },
  createEmpty: () => image(''),
};

export class Menu {
  /** @param {unknown[]} template */
  static buildFromTemplate(template) {
    record('Menu.buildFromTemplate');
    const menu = new Menu();
    menu.items = template;
    return menu;
  }
  /** @param {unknown} menu */
  static setApplicationMenu(menu) {
    record('Menu.setApplicationMenu', menu === null ? null : 'menu');
  }
  /** @type {unknown[]} */
  items = [];
}

// -------------------------------------------------------------------------------------------- Tray
/** @type {Set<Tray>} */
const trays = new Set();
export class Tray extends EventEmitter {
  static all = () => [...trays];
  /** @type {Menu | null} */
  menu = null;
  tooltip = '';
  destroyed = false;
  /** @param {{ path: string }} icon */
  constructor(icon) {
    super();
    record('new Tray', icon.path);
    this.image = icon;
    trays.add(this);
  }
  /** @param {{ path: string }} icon */
  setImage(icon) {
    record('Tray.setImage', icon.path);
    this.image = icon;
  }
  /** @param {string} text */
  setToolTip(text) {
    this.tooltip = text;
  }
  /** @param {Menu | null} menu */
  setContextMenu(menu) {
    this.menu = menu;
  }
  destroy() {
    record('Tray.destroy');
    this.destroyed = true;
    trays.delete(this);
  }
  isDestroyed() {
    return this.destroyed;
  }
}

// -------------------------------------------------------------------------------------- Notification
export class Notification extends EventEmitter {
  static isSupported = () => true;
  /** @param {{ title: string; body: string }} options */
  constructor(options) {
    super();
    record('new Notification', options.title, options.body);
  }
  show() {
    record('Notification.show');
  }
  close() {
    record('Notification.close');
  }
}

// ------------------------------------------------------------------------------------- shell, misc
export const shell = {
  /** @param {string} url */
  openExternal: async (url) => void record('shell.openExternal', url),
  /** @param {string} path */
  openPath: async (path) => (record('shell.openPath', path), ''),
  /** @param {string} path */
  showItemInFolder: (path) => void record('shell.showItemInFolder', path),
};

export const dialog = {
  /** @param {unknown[]} args */
  showOpenDialog: async (...args) => (
    record('dialog.showOpenDialog', ...args),
    { canceled: true, filePaths: [] }
  ),
  /** @param {unknown[]} args */
  showSaveDialog: async (...args) => (record('dialog.showSaveDialog', ...args), { canceled: true }),
  /** @param {unknown[]} args */
  showErrorBox: (...args) => void record('dialog.showErrorBox', ...args),
  /**
   * Modal: returns the index of the button "clicked", `control.config.messageBoxResponse` (default 0).
   * @param {unknown} windowOrOptions @param {unknown} [options]
   */
  showMessageBoxSync: (windowOrOptions, options) => {
    const parented = windowOrOptions instanceof BrowserWindow;
    record('dialog.showMessageBoxSync', { parented, ...Object(parented ? options : windowOrOptions) });
    return config.messageBoxResponse;
  },
};

const display = {
  id: 1,
  scaleFactor: 1,
  bounds: { x: 0, y: 0, width: 1920, height: 1080 },
  workArea: { x: 0, y: 0, width: 1920, height: 1040 },
};
export const screen = {
  getPrimaryDisplay: () => display,
  getAllDisplays: () => [display],
  getCursorScreenPoint: () => ({ x: 0, y: 0 }),
  getDisplayNearestPoint: () => display,
};

/**
 * desktopCapturer: one screen, the stand-in's display, whose picture is a real PNG of the size asked for
 * (made with sharp: a grey screen with a dark band, so scaling and encoding have something to do).
 */
export const desktopCapturer = {
  /** @param {{ types: string[], thumbnailSize: { width: number, height: number } }} options */
  async getSources(options) {
    record('desktopCapturer.getSources', options);
    const { default: sharp } = await import('sharp');
    const { width, height } = options.thumbnailSize;
    const png = await sharp({ create: { width, height, channels: 3, background: '#d0d0d0' } })
      .composite([
        {
          input: { create: { width, height: Math.ceil(height / 10), channels: 3, background: '#202020' } },
          top: 0,
          left: 0,
        },
      ])
      .png()
      .toBuffer();
    const thumbnail = { isEmpty: () => false, toPNG: () => png, getSize: () => ({ width, height }) };
    return [{ id: 'screen:1:0', name: 'Entire screen', display_id: String(display.id), thumbnail }];
  },
};
export const systemPreferences = {
  /** @param {string} media */
  getMediaAccessStatus: (media) => {
    record('systemPreferences.getMediaAccessStatus', media);
    return 'granted';
  },
};

// ---------------------------------------------------------------------------------- utilityProcess
/**
 * Electron starts a utility process itself (no ELECTRON_RUN_AS_NODE); here the module really runs, in a
 * Node child started with child_process.fork, so what it does (a key hook probe aborting) really happens.
 * Recorded: the module, its arguments, and the parts of the options the app decides (not the whole env).
 */
export const utilityProcess = {
  /** @param {string} modulePath @param {string[]} [args] @param {Record<string, any>} [options] */
  fork(modulePath, args = [], options = {}) {
    if (!app.isReady()) throw new Error('utilityProcess.fork can only be called after app is ready');
    record('utilityProcess.fork', modulePath, args, {
      stdio: options.stdio,
      serviceName: options.serviceName,
      display: options.env?.DISPLAY,
      runAsNode: options.env ? 'ELECTRON_RUN_AS_NODE' in options.env : undefined,
    });
    const pipes = Array.isArray(options.stdio) ? options.stdio : [options.stdio ?? 'inherit'];
    const child = fork(modulePath, args, {
      env: options.env ?? process.env,
      cwd: options.cwd,
      execArgv: [],
      stdio: ['ignore', pipes[1] ?? pipes[0] ?? 'inherit', pipes[2] ?? pipes[0] ?? 'inherit', 'ipc'],
    });
    const proxy = Object.assign(new EventEmitter(), {
      pid: child.pid,
      stdout: child.stdout,
      stderr: child.stderr,
      kill: () => child.kill(),
      /** @param {unknown} message */
      postMessage: (message) => child.send(/** @type {any} */ (message)),
    });
    child.once('spawn', () => proxy.emit('spawn'));
    child.on('message', (message) => proxy.emit('message', message));
    // Electron reports the waitpid status as a number; a signal shows as 128 + its number, like a shell.
    child.once('exit', (code, signal) =>
      proxy.emit('exit', code ?? 128 + (signal ? constants.signals[signal] : 0)),
    );
    return proxy;
  },
};

// -------------------------------------------------------------------- renderer side, for the preload
/** @type {Map<string, unknown>} */
const exposed = new Map();
export const contextBridge = {
  /** @param {string} key @param {unknown} api */
  exposeInMainWorld(key, api) {
    record('contextBridge.exposeInMainWorld', key);
    exposed.set(key, api);
  },
};

/** The renderer's half of IPC, wired to ipcMain and the window's webContents like Electron does. */
class IpcRenderer extends EventEmitter {
  /** @type {WebContents | undefined} */
  contents = undefined;
  /** @param {string} channel @param {unknown[]} args */
  async invoke(channel, ...args) {
    record('ipcRenderer.invoke', channel);
    const handler = ipcMain.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    const contents = this.contents;
    return handler({ sender: contents, senderFrame: contents?.mainFrame ?? null }, ...args);
  }
}
export const ipcRenderer = new IpcRenderer();

/** Test-side controls; the app never touches these. */
export const control = {
  config,
  exposed,
  trays,
  windows,
  shortcuts,
  defaultSession,
  /** Attach the preload's ipcRenderer to a window: its sends become ipcRenderer events. */
  /** @param {BrowserWindow} window */
  connectRenderer(window) {
    ipcRenderer.contents = window.webContents;
    const send = window.webContents.send.bind(window.webContents);
    window.webContents.send = (channel, ...args) => {
      send(channel, ...args);
      ipcRenderer.emit(channel, { sender: null }, ...args);
    };
  },
};

// `import electron from 'electron'` (electron-store does this) gets the same objects.
export default {
  app,
  BrowserWindow,
  ipcMain,
  session,
  safeStorage,
  globalShortcut,
  net,
  autoUpdater,
  clipboard,
  nativeImage,
  Menu,
  Tray,
  Notification,
  shell,
  dialog,
  screen,
  desktopCapturer,
  systemPreferences,
  utilityProcess,
  contextBridge,
  ipcRenderer,
};
