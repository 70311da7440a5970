// The last resort: a key-down-only registrar (Electron's globalShortcut, supplied by the Electron shell).
// It cannot see key-ups, so push-to-talk runs in toggle mode; all the mapping and error handling is here
// so the shell's part stays a two-line adapter.
import { toElectronAccelerator } from './accelerator';
import type { HotkeyBackend, Shortcut } from './backend';
import type { ShortcutEvent } from './chord-matcher';

/** What the Electron shell passes in: `globalShortcut.register` / `unregister`, nothing more. */
export interface GlobalShortcutRegistrar {
  /** False when the accelerator is taken by another application. */
  register(accelerator: string, onPress: () => void): boolean;
  unregister(accelerator: string): void;
}

export function createToggleBackend(registrar: GlobalShortcutRegistrar): HotkeyBackend {
  let registered: string[] = [];
  const unregisterAll = () => {
    for (const accelerator of registered) registrar.unregister(accelerator);
    registered = [];
  };
  return {
    kind: 'toggle',
    reportsRelease: false,
    async register(shortcuts: readonly Shortcut[], listener: (event: ShortcutEvent) => void) {
      unregisterAll();
      const failed: { id: string; message: string }[] = [];
      for (const { id, binding } of shortcuts) {
        let accelerator: string;
        try {
          accelerator = toElectronAccelerator(binding);
        } catch (error) {
          failed.push({ id, message: (error as Error).message });
          continue;
        }
        // Every press is both ends of a "click": push-to-talk sees press+release and, in toggle mode,
        // uses only the press.
        const ok = registrar.register(accelerator, () => {
          const at = performance.now();
          listener({ id, type: 'press', at });
          listener({ id, type: 'release', at });
        });
        if (ok) registered.push(accelerator);
        else failed.push({ id, message: `${accelerator} is already taken by another application` });
      }
      return { failed };
    },
    async dispose() {
      unregisterAll();
    },
  };
}
