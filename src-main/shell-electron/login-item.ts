// Electron's half of "start at login": registers core's OS login-item plan and reads whether this launch was
// the login item's. What to register and what a login start does are decided in core (core/app/login-item,
// core/app/window-policy `launchAction`).
import { app } from 'electron';
import type { LoginItemPlan } from '../core/app/login-item';

export function setOsLoginItem(plan: Extract<LoginItemPlan, { kind: 'os' }>): void {
  // `args` only where the plan has them (Windows): Electron documents the option as Windows-only.
  app.setLoginItemSettings({ openAtLogin: plan.openAtLogin, ...(plan.args ? { args: plan.args } : {}) });
}

/**
 * Whether the OS opened this launch as the login item. Only macOS needs asking: its login item passes no
 * arguments, and Electron reports the start as `wasOpenedAtLogin` (macOS only; set at launch, read after
 * 'ready'). On Windows and Linux the login item's own `--hidden` argument says it.
 */
export function wasOpenedAtLogin(platform: NodeJS.Platform = process.platform): boolean {
  return platform === 'darwin' && app.getLoginItemSettings().wasOpenedAtLogin === true;
}
