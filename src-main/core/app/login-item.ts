// "Start at login": what to register, per platform. macOS and Windows have an OS login-item API (Electron's
// app.setLoginItemSettings); Linux has none in Electron, so the freedesktop way is an autostart .desktop
// file in ~/.config/autostart, which this module writes or removes.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { START_HIDDEN_FLAG } from './window-policy';

export type LoginItemPlan =
  | {
      kind: 'os';
      openAtLogin: boolean;
      /** Launch arguments: Windows only. macOS ignores them; there the start is told by wasOpenedAtLogin. */
      args?: string[];
    }
  | { kind: 'xdg-autostart'; path: string; contents: string | null };

export interface LoginItemContext {
  startAtLogin: boolean;
  platform: NodeJS.Platform;
  execPath: string;
  env: NodeJS.ProcessEnv;
  homeDir: string;
}

const AUTOSTART_FILE = 'voice-assistant.desktop';

/** Desktop Entry values may not contain raw newlines; Exec arguments with spaces must be quoted. */
function execField(path: string, args: string[]): string {
  const quote = (value: string) =>
    /[\s"\\`$]/.test(value) ? `"${value.replace(/(["\\`$])/g, '\\$1')}"` : value;
  return [path, ...args].map(quote).join(' ');
}

export function planLoginItem(context: LoginItemContext): LoginItemPlan {
  if (context.platform === 'win32') {
    return { kind: 'os', openAtLogin: context.startAtLogin, args: [START_HIDDEN_FLAG] };
  }
  if (context.platform === 'darwin') return { kind: 'os', openAtLogin: context.startAtLogin };
  const configHome = context.env.XDG_CONFIG_HOME || join(context.homeDir, '.config');
  const path = join(configHome, 'autostart', AUTOSTART_FILE);
  if (!context.startAtLogin) return { kind: 'xdg-autostart', path, contents: null };
  // An AppImage runs from a temporary mount that changes every launch; $APPIMAGE is the file itself.
  const executable = context.env.APPIMAGE || context.execPath;
  const contents = [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Voice Assistant',
    'Comment=Start Voice Assistant in the tray',
    `Exec=${execField(executable, [START_HIDDEN_FLAG])}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
  return { kind: 'xdg-autostart', path, contents };
}

export function applyXdgAutostart(plan: Extract<LoginItemPlan, { kind: 'xdg-autostart' }>): void {
  if (plan.contents === null) {
    rmSync(plan.path, { force: true });
    return;
  }
  mkdirSync(dirname(plan.path), { recursive: true });
  writeFileSync(plan.path, plan.contents);
}
