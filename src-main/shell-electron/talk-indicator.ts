// A small always-on-top "listening" badge while the microphone is open. It never takes focus (the user is
// typing in another app), holds no script and no preload, and uses the main window's secure preferences.
import { BrowserWindow, screen } from 'electron';
import type { EventBus } from '../core/ipc/event-bus';

const WIDTH = 132;
const HEIGHT = 36;

// Static markup, no script: CSP forbids everything but the inline style.
const html = `<!doctype html><html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<style>html,body{margin:0;height:100%;background:transparent;overflow:hidden;user-select:none}
div{display:flex;align-items:center;justify-content:center;gap:8px;height:100%;border-radius:18px;
background:rgba(24,24,27,.88);color:#fafafa;font:600 13px system-ui,sans-serif}
i{width:10px;height:10px;border-radius:50%;background:#ef4444}</style></head>
<body><div><i></i>Listening</div></body></html>`;

type Log = (message: string, error?: unknown) => void;

function createIndicatorWindow(log: Log): BrowserWindow {
  const { workArea } = screen.getPrimaryDisplay();
  const window = new BrowserWindow({
    width: WIDTH,
    height: HEIGHT,
    x: Math.round(workArea.x + (workArea.width - WIDTH) / 2),
    y: workArea.y + 16,
    frame: false,
    transparent: true,
    resizable: false,
    movable: false,
    focusable: false,
    skipTaskbar: true,
    alwaysOnTop: true,
    show: false,
    hasShadow: false,
    webPreferences: {
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  window.setAlwaysOnTop(true, 'screen-saver');
  window.setIgnoreMouseEvents(true);
  window
    .loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`)
    .catch((error: unknown) => log('the listening badge could not load', error));
  return window;
}

/** Shows the badge on talkState talking, hides it otherwise. Returns an unsubscribe that also closes it. */
export function bindTalkIndicator(events: EventBus, log: Log = console.error): () => void {
  let window: BrowserWindow | undefined;
  const unsubscribe = events.on('talkState', ({ talking }) => {
    if (talking) {
      if (!window || window.isDestroyed()) window = createIndicatorWindow(log);
      window.showInactive();
    } else if (window && !window.isDestroyed()) {
      window.hide();
    }
  });
  return () => {
    unsubscribe();
    if (window && !window.isDestroyed()) window.destroy();
  };
}
