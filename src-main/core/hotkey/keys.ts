// The key table behind the accelerator parser: names users type, the uiohook keycodes (libuiohook VC_*
// scancodes, identical on X11, Windows and macOS), the Electron accelerator token and the XKB keysym the
// GlobalShortcuts portal wants. Kept here rather than imported from uiohook-napi because importing that
// package loads its native addon, and parsing a setting must work in any process.

export interface KeyDef {
  /** Canonical name, as written back in normalized accelerators. */
  readonly name: string;
  /** Any of these keycodes being held satisfies the key (generic Ctrl = left or right). */
  readonly codes: readonly number[];
  readonly modifier: boolean;
  /** Electron globalShortcut token; null when Electron cannot express the key. */
  readonly electron: string | null;
  /** XKB keysym (portal preferred_trigger); null when there is none worth suggesting. */
  readonly keysym: string | null;
}

const CtrlL = 0x001d;
const CtrlR = 0x0e1d;
const AltL = 0x0038;
const AltR = 0x0e38;
const ShiftL = 0x002a;
const ShiftR = 0x0036;
const MetaL = 0x0e5b;
const MetaR = 0x0e5c;

const defs: KeyDef[] = [];
const aliases = new Map<string, KeyDef>();

function add(def: KeyDef, ...names: string[]): void {
  defs.push(def);
  for (const n of [def.name, ...names]) aliases.set(n.toLowerCase(), def);
}
const key = (name: string, code: number, electron: string | null, keysym: string | null, ...more: string[]) =>
  add({ name, codes: [code], modifier: false, electron, keysym }, ...more);
const mod = (
  name: string,
  codes: number[],
  electron: string | null,
  keysym: string | null,
  ...more: string[]
) => add({ name, codes, modifier: true, electron, keysym }, ...more);

// Modifiers: the generic ones match either side; the sided ones exist for "RightCtrl" style hold keys.
mod('Ctrl', [CtrlL, CtrlR], 'Ctrl', 'CTRL', 'Control');
mod('Alt', [AltL, AltR], 'Alt', 'ALT', 'Option');
mod('Shift', [ShiftL, ShiftR], 'Shift', 'SHIFT');
mod('Meta', [MetaL, MetaR], 'Super', 'LOGO', 'Super', 'Cmd', 'Command', 'Win', 'Windows', 'Logo');
mod('LeftCtrl', [CtrlL], null, 'Control_L', 'LCtrl', 'CtrlLeft', 'LeftControl', 'ControlLeft');
mod('RightCtrl', [CtrlR], null, 'Control_R', 'RCtrl', 'CtrlRight', 'RightControl', 'ControlRight');
mod('LeftAlt', [AltL], null, 'Alt_L', 'LAlt', 'AltLeft');
mod('RightAlt', [AltR], null, 'Alt_R', 'RAlt', 'AltRight', 'AltGr');
mod('LeftShift', [ShiftL], null, 'Shift_L', 'LShift', 'ShiftLeft');
mod('RightShift', [ShiftR], null, 'Shift_R', 'RShift', 'ShiftRight');
mod('LeftMeta', [MetaL], null, 'Super_L', 'LMeta', 'MetaLeft', 'LeftSuper', 'LeftCmd');
mod('RightMeta', [MetaR], null, 'Super_R', 'RMeta', 'MetaRight', 'RightSuper', 'RightCmd');

const letters = 'QWERTYUIOP';
const row2 = 'ASDFGHJKL';
const row3 = 'ZXCVBNM';
letters.split('').forEach((c, i) => key(c, 0x10 + i, c, c.toLowerCase()));
row2.split('').forEach((c, i) => key(c, 0x1e + i, c, c.toLowerCase()));
row3.split('').forEach((c, i) => key(c, 0x2c + i, c, c.toLowerCase()));
for (let d = 1; d <= 9; d++) key(String(d), 0x01 + d, String(d), String(d));
key('0', 0x0b, '0', '0');

const fCodes = [
  59, 60, 61, 62, 63, 64, 65, 66, 67, 68, 87, 88, 91, 92, 93, 99, 100, 101, 102, 103, 104, 105, 106, 107,
];
fCodes.forEach((code, i) => key(`F${i + 1}`, code, `F${i + 1}`, `F${i + 1}`));

key('Space', 0x39, 'Space', 'space');
key('Tab', 0x0f, 'Tab', 'Tab');
key('Enter', 0x1c, 'Enter', 'Return', 'Return');
key('Escape', 0x01, 'Escape', 'Escape', 'Esc');
key('Backspace', 0x0e, 'Backspace', 'BackSpace');
key('Delete', 0x0e53, 'Delete', 'Delete', 'Del');
key('Insert', 0x0e52, 'Insert', 'Insert', 'Ins');
key('Home', 0x0e47, 'Home', 'Home');
key('End', 0x0e4f, 'End', 'End');
key('PageUp', 0x0e49, 'PageUp', 'Page_Up', 'PgUp');
key('PageDown', 0x0e51, 'PageDown', 'Page_Down', 'PgDown', 'PgDn');
key('Up', 0xe048, 'Up', 'Up', 'ArrowUp');
key('Down', 0xe050, 'Down', 'Down', 'ArrowDown');
key('Left', 0xe04b, 'Left', 'Left', 'ArrowLeft');
key('Right', 0xe04d, 'Right', 'Right', 'ArrowRight');
key('CapsLock', 0x3a, 'Capslock', 'Caps_Lock');
key('NumLock', 0x45, 'Numlock', 'Num_Lock');
key('ScrollLock', 0x46, 'Scrolllock', 'Scroll_Lock');
key('PrintScreen', 0x0e37, 'PrintScreen', 'Print', 'PrtSc');
key('Semicolon', 0x27, ';', 'semicolon', ';');
key('Equal', 0x0d, '=', 'equal', '=');
key('Comma', 0x33, ',', 'comma', ',');
key('Minus', 0x0c, '-', 'minus', '-');
key('Period', 0x34, '.', 'period', '.');
key('Slash', 0x35, '/', 'slash', '/');
key('Backquote', 0x29, '`', 'grave', '`');
key('BracketLeft', 0x1a, '[', 'bracketleft', '[');
key('Backslash', 0x2b, '\\', 'backslash', '\\');
key('BracketRight', 0x1b, ']', 'bracketright', ']');
key('Quote', 0x28, "'", 'apostrophe', "'");
const numpad = [0x52, 0x4f, 0x50, 0x51, 0x4b, 0x4c, 0x4d, 0x47, 0x48, 0x49];
numpad.forEach((code, d) => key(`Numpad${d}`, code, `num${d}`, `KP_${d}`, `num${d}`));
key('NumpadAdd', 0x4e, 'numadd', 'KP_Add', 'numadd');
key('NumpadSubtract', 0x4a, 'numsub', 'KP_Subtract', 'numsub');
key('NumpadMultiply', 0x37, 'nummult', 'KP_Multiply', 'nummult');
key('NumpadDivide', 0x0e35, 'numdiv', 'KP_Divide', 'numdiv');
key('NumpadDecimal', 0x53, 'numdec', 'KP_Decimal', 'numdec');

/** Electron's "CommandOrControl" means Cmd on macOS and Ctrl elsewhere. */
export function lookupKey(token: string, platform: NodeJS.Platform): KeyDef | undefined {
  const t = token.toLowerCase();
  if (t === 'commandorcontrol' || t === 'cmdorctrl')
    return aliases.get(platform === 'darwin' ? 'meta' : 'ctrl');
  return aliases.get(t);
}

export const allKeys: readonly KeyDef[] = defs;
