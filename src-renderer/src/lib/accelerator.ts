// Keyboard events → accelerator strings in the form core/hotkey parses ("Ctrl+Shift+K", "F9", "RightCtrl").
// Keys are named from `KeyboardEvent.code` (the physical key) so the layout does not change the binding.

const modifierCodes: Record<string, string> = {
  ControlLeft: 'LeftCtrl',
  ControlRight: 'RightCtrl',
  AltLeft: 'LeftAlt',
  AltRight: 'RightAlt',
  ShiftLeft: 'LeftShift',
  ShiftRight: 'RightShift',
  MetaLeft: 'LeftMeta',
  MetaRight: 'RightMeta',
};

const renamed: Record<string, string> = {
  ArrowUp: 'Up',
  ArrowDown: 'Down',
  ArrowLeft: 'Left',
  ArrowRight: 'Right',
};

export function isModifierCode(code: string): boolean {
  return code in modifierCodes;
}

/** A lone modifier key (held to talk, e.g. the right Ctrl): its side-specific name. */
export function modifierName(code: string): string | null {
  return modifierCodes[code] ?? null;
}

export function keyName(code: string): string | null {
  if (/^Key[A-Z]$/.test(code)) return code.slice(3);
  if (/^Digit[0-9]$/.test(code)) return code.slice(5);
  if (/^F([1-9]|1[0-9]|2[0-4])$/.test(code)) return code;
  if (code in renamed) return renamed[code]!;
  if (!code || isModifierCode(code)) return null;
  return code;
}

interface KeyLike {
  code: string;
  ctrlKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
  metaKey: boolean;
}

/** A chord ending in a non-modifier key, e.g. Ctrl+Alt+P; null while only modifiers are down. */
export function chordFromEvent(event: KeyLike): string | null {
  const key = keyName(event.code);
  if (!key) return null;
  const parts: string[] = [];
  if (event.ctrlKey) parts.push('Ctrl');
  if (event.altKey) parts.push('Alt');
  if (event.shiftKey) parts.push('Shift');
  if (event.metaKey) parts.push('Meta');
  parts.push(key);
  return parts.join('+');
}
