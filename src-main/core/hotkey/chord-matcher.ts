// Raw key-down/key-up events (uiohook) → press/release of named shortcuts. Pure, so every rule is
// unit-tested: auto-repeat ignored, releasing any key of a combination releases it, and key-ups that
// never arrived (screen lock, focus moved to a grabbing window) are detected and repaired.
import type { Binding } from './accelerator';

export interface RawKeyEvent {
  type: 'down' | 'up';
  keycode: number;
  at: number;
  /** Modifier state the OS reports with the event: lets us notice a modifier whose key-up we missed. */
  ctrlKey?: boolean;
  altKey?: boolean;
  shiftKey?: boolean;
  metaKey?: boolean;
}

export interface ShortcutEvent {
  id: string;
  type: 'press' | 'release';
  at: number;
}

/**
 * A key-down for a key we think is held is auto-repeat when it follows that key's previous key-down
 * within this gap. Repeats come every 25-500 ms after an initial delay of at most 1 s on every desktop;
 * anything slower means the key-up was lost and this is a new press.
 */
export const REPEAT_GAP_MS = 1_500;

const modifierMasks: { flag: 'ctrlKey' | 'altKey' | 'shiftKey' | 'metaKey'; codes: number[] }[] = [
  { flag: 'ctrlKey', codes: [0x001d, 0x0e1d] },
  { flag: 'altKey', codes: [0x0038, 0x0e38] },
  { flag: 'shiftKey', codes: [0x002a, 0x0036] },
  { flag: 'metaKey', codes: [0x0e5b, 0x0e5c] },
];
const allModifierCodes = new Set(modifierMasks.flatMap((m) => m.codes));

export interface ChordMatcher {
  setShortcuts(shortcuts: readonly { id: string; binding: Binding }[]): void;
  handle(event: RawKeyEvent): ShortcutEvent[];
  /** Forget every held key, releasing active shortcuts (hook restarted, backend stopped). */
  reset(at: number): ShortcutEvent[];
}

export function createChordMatcher(): ChordMatcher {
  /** keycode → time of its last key-down. */
  const held = new Map<number, number>();
  let shortcuts: { id: string; binding: Binding }[] = [];
  const active = new Set<string>();

  const satisfied = (binding: Binding) => binding.keys.every((k) => k.codes.some((c) => held.has(c)));

  /** Re-evaluate after the held set changed; `pressedCode` is the key that just went down, if any. */
  const evaluate = (at: number, pressedCode?: number): ShortcutEvent[] => {
    const out: ShortcutEvent[] = [];
    for (const { id, binding } of shortcuts) {
      const now = satisfied(binding);
      if (active.has(id) && !now) {
        active.delete(id);
        out.push({ id, type: 'release', at });
      } else if (!active.has(id) && now && pressedCode !== undefined) {
        // Only a key of the combination completes it: holding Ctrl+Space and then pressing X is not a new press.
        if (binding.keys.some((k) => k.codes.includes(pressedCode))) {
          active.add(id);
          out.push({ id, type: 'press', at });
        }
      }
    }
    return out;
  };

  /** Drop modifiers the OS says are not down: their key-up went missing. */
  const reconcileModifiers = (event: RawKeyEvent): boolean => {
    let changed = false;
    for (const { flag, codes } of modifierMasks) {
      if (event[flag] !== false) continue;
      for (const code of codes) {
        if (code !== event.keycode && held.delete(code)) changed = true;
      }
    }
    return changed;
  };

  return {
    setShortcuts(next) {
      shortcuts = [...next];
      for (const id of [...active]) if (!shortcuts.some((s) => s.id === id)) active.delete(id);
    },
    handle(event) {
      const out: ShortcutEvent[] = [];
      // Only trust masks on non-modifier events: some platforms report a modifier's own mask inconsistently.
      if (!allModifierCodes.has(event.keycode) && reconcileModifiers(event)) out.push(...evaluate(event.at));
      if (event.type === 'down') {
        const last = held.get(event.keycode);
        if (last !== undefined && event.at - last < REPEAT_GAP_MS) {
          held.set(event.keycode, event.at); // auto-repeat: keep the gap measured from the latest repeat
          return out;
        }
        if (last !== undefined) {
          // Lost key-up: release what it held before treating this as a fresh press.
          held.delete(event.keycode);
          out.push(...evaluate(event.at));
        }
        held.set(event.keycode, event.at);
        out.push(...evaluate(event.at, event.keycode));
      } else {
        if (!held.delete(event.keycode)) return out;
        out.push(...evaluate(event.at));
      }
      return out;
    },
    reset(at) {
      held.clear();
      return evaluate(at);
    },
  };
}
