// Raw key events → shortcut press/release: combinations, auto-repeat, and key-ups that never came.
import { describe, expect, it } from 'vitest';
import { parseAccelerator } from '../../src-main/core/hotkey/accelerator';
import {
  createChordMatcher,
  REPEAT_GAP_MS,
  type RawKeyEvent,
} from '../../src-main/core/hotkey/chord-matcher';

const K = { CtrlL: 29, CtrlR: 3613, ShiftL: 42, Space: 57, F9: 67, C: 46, X: 45 };

function setup(...accelerators: string[]) {
  const matcher = createChordMatcher();
  matcher.setShortcuts(accelerators.map((a) => ({ id: a, binding: parseAccelerator(a, 'linux') })));
  const seen: string[] = [];
  const send = (type: RawKeyEvent['type'], keycode: number, at: number, masks: Partial<RawKeyEvent> = {}) => {
    for (const e of matcher.handle({ type, keycode, at, ...masks })) seen.push(`${e.type}:${e.id}@${e.at}`);
  };
  return {
    matcher,
    seen,
    down: (k: number, at: number, m?: Partial<RawKeyEvent>) => send('down', k, at, m),
    up: (k: number, at: number, m?: Partial<RawKeyEvent>) => send('up', k, at, m),
  };
}

describe('chord matcher', () => {
  it('a single key: press on key-down, release on key-up', () => {
    const { seen, down, up } = setup('F9');
    down(K.F9, 0);
    up(K.F9, 500);
    expect(seen).toEqual(['press:F9@0', 'release:F9@500']);
  });

  it('ignores auto-repeat key-downs of a held key', () => {
    const { seen, down, up } = setup('F9');
    down(K.F9, 0);
    for (let t = 660; t < 3_000; t += 40) down(K.F9, t);
    up(K.F9, 3_000);
    expect(seen).toEqual(['press:F9@0', 'release:F9@3000']);
  });

  it('a combination presses when its last key goes down, in any order', () => {
    const { seen, down, up } = setup('Ctrl+Space');
    down(K.Space, 0);
    expect(seen).toEqual([]);
    down(K.CtrlR, 10, { ctrlKey: true });
    up(K.CtrlR, 400);
    up(K.Space, 410);
    expect(seen).toEqual(['press:Ctrl+Space@10', 'release:Ctrl+Space@400']);
  });

  it('releasing any key of the combination ends it, and re-pressing that key starts it again', () => {
    const { seen, down, up } = setup('Ctrl+Space');
    down(K.CtrlL, 0, { ctrlKey: true });
    down(K.Space, 10, { ctrlKey: true });
    up(K.Space, 300, { ctrlKey: true });
    down(K.Space, 600, { ctrlKey: true });
    up(K.CtrlL, 900);
    expect(seen).toEqual([
      'press:Ctrl+Space@10',
      'release:Ctrl+Space@300',
      'press:Ctrl+Space@600',
      'release:Ctrl+Space@900',
    ]);
  });

  it('modifier-only combinations work, and a third key does not re-press them', () => {
    const { seen, down, up } = setup('Ctrl+Shift');
    down(K.CtrlL, 0, { ctrlKey: true });
    down(K.ShiftL, 20, { ctrlKey: true, shiftKey: true });
    down(K.X, 50, { ctrlKey: true, shiftKey: true });
    up(K.X, 60, { ctrlKey: true, shiftKey: true });
    up(K.ShiftL, 700);
    expect(seen).toEqual(['press:Ctrl+Shift@20', 'release:Ctrl+Shift@700']);
  });

  it('RightCtrl does not fire on the left Ctrl', () => {
    const { seen, down, up } = setup('RightCtrl');
    down(K.CtrlL, 0, { ctrlKey: true });
    up(K.CtrlL, 100);
    down(K.CtrlR, 200, { ctrlKey: true });
    up(K.CtrlR, 300);
    expect(seen).toEqual(['press:RightCtrl@200', 'release:RightCtrl@300']);
  });

  it('a lost key-up is repaired when the same key goes down again after a pause longer than any repeat', () => {
    const { seen, down, up } = setup('F9');
    down(K.F9, 0);
    // key-up lost (screen locked while held)
    down(K.F9, 60_000);
    up(K.F9, 60_400);
    expect(seen).toEqual(['press:F9@0', `release:F9@60000`, 'press:F9@60000', 'release:F9@60400']);
    expect(REPEAT_GAP_MS).toBeGreaterThan(1_000);
  });

  it('a modifier whose key-up was lost is dropped when the OS mask says it is up', () => {
    const { seen, down, up } = setup('RightCtrl', 'Ctrl+Space');
    down(K.CtrlR, 0, { ctrlKey: true });
    // focus moved to a window that grabbed the keyboard; the Ctrl key-up never reached us
    down(K.C, 5_000, { ctrlKey: false });
    up(K.C, 5_050, { ctrlKey: false });
    down(K.Space, 6_000, { ctrlKey: false });
    expect(seen).toEqual(['press:RightCtrl@0', 'release:RightCtrl@5000']);
  });

  it('reset() releases everything that is active', () => {
    const { matcher, seen, down } = setup('F9');
    down(K.F9, 0);
    expect(matcher.reset(10).map((e) => `${e.type}:${e.id}`)).toEqual(['release:F9']);
    expect(seen).toEqual(['press:F9@0']);
  });

  it('a key-up for a key never seen going down is ignored', () => {
    const { seen, up } = setup('F9');
    up(K.F9, 0);
    expect(seen).toEqual([]);
  });
});
