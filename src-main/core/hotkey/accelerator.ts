// Accelerator strings ("Ctrl+Space", "F9", "RightCtrl", "Ctrl+Shift", "Alt+F2") → a binding every backend
// can use: uiohook keycodes for hold-to-talk, an Electron accelerator for the toggle backend, an XKB
// trigger suggestion for the Wayland portal. Invalid strings give one clear message.
import { lookupKey, type KeyDef } from './keys';

export interface Binding {
  /** Normalized form: modifiers first in a fixed order, then the key ("Ctrl+Shift+K"). */
  readonly accelerator: string;
  /** Every key that must be held; each is satisfied by any of its codes. */
  readonly keys: readonly KeyDef[];
  /** Only modifiers (RightCtrl, Ctrl+Shift): fine for uiohook, impossible for Electron's globalShortcut. */
  readonly modifierOnly: boolean;
}

export class AcceleratorError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AcceleratorError';
  }
}

const modifierOrder = [
  'Ctrl',
  'LeftCtrl',
  'RightCtrl',
  'Alt',
  'LeftAlt',
  'RightAlt',
  'Shift',
  'LeftShift',
  'RightShift',
  'Meta',
  'LeftMeta',
  'RightMeta',
];

export function parseAccelerator(input: string, platform: NodeJS.Platform = process.platform): Binding {
  const text = input.trim();
  if (!text) throw new AcceleratorError('empty shortcut');
  // "Ctrl++" would otherwise split into an empty token; the '+' key is written "Shift+Equal".
  const tokens = text.split('+').map((t) => t.trim());
  if (tokens.some((t) => t === '')) {
    throw new AcceleratorError(`"${text}": empty key between '+' signs (write the + key as Shift+Equal)`);
  }
  const keys: KeyDef[] = [];
  for (const token of tokens) {
    const def = lookupKey(token, platform);
    if (!def) throw new AcceleratorError(`"${text}": unknown key "${token}"`);
    const overlap = keys.find((k) => k.codes.some((c) => def.codes.includes(c)));
    if (overlap) {
      throw new AcceleratorError(
        overlap.name === def.name
          ? `"${text}": ${def.name} appears twice`
          : `"${text}": ${overlap.name} and ${def.name} name the same key`,
      );
    }
    keys.push(def);
  }
  const plain = keys.filter((k) => !k.modifier);
  if (plain.length > 1) {
    throw new AcceleratorError(
      `"${text}": only one non-modifier key is allowed (got ${plain.map((k) => k.name).join(' and ')})`,
    );
  }
  const mods = keys
    .filter((k) => k.modifier)
    .sort((a, b) => modifierOrder.indexOf(a.name) - modifierOrder.indexOf(b.name));
  const ordered = [...mods, ...plain];
  return {
    accelerator: ordered.map((k) => k.name).join('+'),
    keys: ordered,
    modifierOnly: plain.length === 0,
  };
}

/** Never throws: the error message for a field, or the binding. */
export function tryParseAccelerator(
  input: string,
  platform: NodeJS.Platform = process.platform,
): { ok: true; binding: Binding } | { ok: false; error: string } {
  try {
    return { ok: true, binding: parseAccelerator(input, platform) };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * The accelerator Electron's globalShortcut accepts. Side-specific modifiers widen to either side
 * (Electron cannot tell them apart); a modifier-only binding cannot be registered at all.
 */
export function toElectronAccelerator(binding: Binding): string {
  if (binding.modifierOnly) {
    throw new AcceleratorError(
      `${binding.accelerator}: Electron's globalShortcut needs a non-modifier key, so a modifier-only ` +
        'shortcut works only with the uiohook backend',
    );
  }
  const generic = new Map([
    ['Ctrl', 'Ctrl'],
    ['Alt', 'Alt'],
    ['Shift', 'Shift'],
    ['Meta', 'Super'],
  ]);
  const parts: string[] = [];
  for (const k of binding.keys) {
    if (!k.modifier) continue;
    const side = k.name.replace(/^(Left|Right)/, '');
    const token = generic.get(side);
    if (token && !parts.includes(token)) parts.push(token);
  }
  const main = binding.keys.find((k) => !k.modifier)!;
  return [...parts, main.electron!].join('+');
}

/**
 * The XDG shortcuts-spec trigger suggested to the GlobalShortcuts portal ("CTRL+space", "F9"). Only a
 * suggestion: the user confirms or changes it in the desktop's dialog. Undefined for modifier-only
 * combinations, which the spec cannot express.
 */
export function toPortalTrigger(binding: Binding): string | undefined {
  if (binding.modifierOnly)
    return binding.keys.length === 1 ? (binding.keys[0]!.keysym ?? undefined) : undefined;
  const mods: string[] = [];
  for (const k of binding.keys) {
    if (!k.modifier) continue;
    const side = k.name.replace(/^(Left|Right)/, '');
    const token = { Ctrl: 'CTRL', Alt: 'ALT', Shift: 'SHIFT', Meta: 'LOGO' }[side];
    if (token && !mods.includes(token)) mods.push(token);
  }
  const main = binding.keys.find((k) => !k.modifier)!;
  return [...mods, main.keysym!].join('+');
}
