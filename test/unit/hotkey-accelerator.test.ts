// The accelerator parser: every form the settings accept, the errors for the ones they do not, and the
// mappings to uiohook keycodes, Electron accelerators and portal triggers.
import { UiohookKey } from 'uiohook-napi';
import { describe, expect, it } from 'vitest';
import {
  parseAccelerator,
  toElectronAccelerator,
  toPortalTrigger,
  tryParseAccelerator,
} from '../../src-main/core/hotkey/accelerator';
import { allKeys } from '../../src-main/core/hotkey/keys';

const codes = (accelerator: string) => parseAccelerator(accelerator, 'linux').keys.map((k) => [...k.codes]);

describe('parseAccelerator', () => {
  it.each([
    ['Ctrl+Space', 'Ctrl+Space', [[UiohookKey.Ctrl, UiohookKey.CtrlRight], [UiohookKey.Space]]],
    ['F9', 'F9', [[UiohookKey.F9]]],
    ['RightCtrl', 'RightCtrl', [[UiohookKey.CtrlRight]]],
    [
      'shift+ctrl',
      'Ctrl+Shift',
      [
        [UiohookKey.Ctrl, UiohookKey.CtrlRight],
        [UiohookKey.Shift, UiohookKey.ShiftRight],
      ],
    ],
    ['Alt+F2', 'Alt+F2', [[UiohookKey.Alt, UiohookKey.AltRight], [UiohookKey.F2]]],
    [' control + K ', 'Ctrl+K', [[UiohookKey.Ctrl, UiohookKey.CtrlRight], [UiohookKey.K]]],
    ['Super+Enter', 'Meta+Enter', [[UiohookKey.Meta, UiohookKey.MetaRight], [UiohookKey.Enter]]],
    ['AltGr', 'RightAlt', [[UiohookKey.AltRight]]],
  ])('%s → %s', (input, normalized, expected) => {
    const binding = parseAccelerator(input, 'linux');
    expect(binding.accelerator).toBe(normalized);
    expect(codes(input)).toEqual(expected);
  });

  it('knows modifier-only combinations', () => {
    expect(parseAccelerator('RightCtrl').modifierOnly).toBe(true);
    expect(parseAccelerator('Ctrl+Shift').modifierOnly).toBe(true);
    expect(parseAccelerator('Ctrl+Space').modifierOnly).toBe(false);
  });

  it('maps CommandOrControl per platform', () => {
    expect(parseAccelerator('CmdOrCtrl+K', 'darwin').accelerator).toBe('Meta+K');
    expect(parseAccelerator('CommandOrControl+K', 'win32').accelerator).toBe('Ctrl+K');
  });

  it.each([
    ['', 'empty shortcut'],
    ['Ctrl+', "empty key between '+' signs"],
    ['Ctrl+Foo', 'unknown key "Foo"'],
    ['Ctrl+Ctrl', 'Ctrl appears twice'],
    ['Ctrl+RightCtrl', 'Ctrl and RightCtrl name the same key'],
    ['A+B', 'only one non-modifier key is allowed (got A and B)'],
  ])('rejects %j with a clear message', (input, message) => {
    const result = tryParseAccelerator(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toContain(message);
  });

  it('agrees with uiohook-napi on every keycode it also names', () => {
    const theirs = UiohookKey as Record<string, number>;
    const alias: Record<string, string> = {
      LeftCtrl: 'Ctrl',
      RightCtrl: 'CtrlRight',
      LeftAlt: 'Alt',
      RightAlt: 'AltRight',
      LeftShift: 'Shift',
      RightShift: 'ShiftRight',
      LeftMeta: 'Meta',
      RightMeta: 'MetaRight',
      Up: 'ArrowUp',
      Down: 'ArrowDown',
      Left: 'ArrowLeft',
      Right: 'ArrowRight',
    };
    let compared = 0;
    for (const key of allKeys) {
      if (key.codes.length !== 1) continue;
      const name = alias[key.name] ?? key.name;
      if (theirs[name] === undefined) continue;
      expect([key.name, key.codes[0]]).toEqual([key.name, theirs[name]]);
      compared++;
    }
    expect(compared).toBeGreaterThan(90);
  });
});

describe('toElectronAccelerator', () => {
  it.each([
    ['Ctrl+Space', 'Ctrl+Space'],
    ['F9', 'F9'],
    ['Alt+F2', 'Alt+F2'],
    ['RightCtrl+Shift+K', 'Ctrl+Shift+K'],
    ['Meta+Semicolon', 'Super+;'],
    ['Numpad5', 'num5'],
  ])('%s → %s', (input, expected) => {
    expect(toElectronAccelerator(parseAccelerator(input))).toBe(expected);
  });

  it('explains why a modifier-only shortcut cannot be an Electron accelerator', () => {
    expect(() => toElectronAccelerator(parseAccelerator('RightCtrl'))).toThrow(/needs a non-modifier key/);
  });
});

describe('toPortalTrigger', () => {
  it.each([
    ['Ctrl+Space', 'CTRL+space'],
    ['Meta+Shift+A', 'SHIFT+LOGO+a'],
    ['F9', 'F9'],
    ['RightCtrl', 'Control_R'],
  ])('%s → %s', (input, expected) => {
    expect(toPortalTrigger(parseAccelerator(input))).toBe(expected);
  });

  it('suggests nothing for modifier-only combinations the spec cannot express', () => {
    expect(toPortalTrigger(parseAccelerator('Ctrl+Shift'))).toBeUndefined();
  });
});
