// Electron's part of the global hotkeys: the key-down-only globalShortcut as the toggle backend, and the
// core's own uiohook/portal backends. All choosing, parsing and state lives in core/hotkey.
import { join } from 'node:path';
import type { App, GlobalShortcut } from 'electron';
import type { BackendFactories } from '../core/hotkey/choose-backend';
import { createPortalBackend } from '../core/hotkey/portal-backend';
import { createToggleBackend } from '../core/hotkey/toggle-backend';
import { createUiohookBackend } from '../core/hotkey/uiohook-backend';
import { utilityProcessProbe } from './uiohook-probe-runner';

// Built beside this bundle from uiohook-probe.ts (a main-build entry of its own, electron.vite.config.ts).
const probeModule = join(import.meta.dirname, 'uiohook-probe.js');

export function electronHotkeyOptions(
  app: App,
  globalShortcut: GlobalShortcut,
): { hotkeyBackends: BackendFactories; earconDir: string } {
  return {
    hotkeyBackends: {
      uiohook: () => createUiohookBackend({ probe: utilityProcessProbe(probeModule) }),
      portal: () => createPortalBackend({ appId: 'voice-assistant' }),
      toggle: async () =>
        createToggleBackend({
          register: (accelerator, onPress) => globalShortcut.register(accelerator, onPress),
          unregister: (accelerator) => globalShortcut.unregister(accelerator),
        }),
    },
    earconDir: join(app.getAppPath(), 'resources', 'earcons'),
  };
}
