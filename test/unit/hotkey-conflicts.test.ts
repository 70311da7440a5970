// Field-level errors for the hotkeys setting: parse errors, duplicates, shortcuts that include push-to-talk.
import { describe, expect, it } from 'vitest';
import { validateHotkeys } from '../../src-main/core/hotkey/conflicts';
import { defaultSettings } from '../../src-main/core/settings/settings-service';

describe('validateHotkeys', () => {
  it('accepts distinct shortcuts and normalizes them', () => {
    const result = validateHotkeys(
      { pushToTalk: 'ctrl+space', nextProfile: 'Alt+F2', captureScreen: null, profiles: { work: 'F10' } },
      'linux',
    );
    expect(result.fieldErrors).toEqual({});
    expect(result.normalized).toEqual({
      'hotkeys.pushToTalk': 'Ctrl+Space',
      'hotkeys.nextProfile': 'Alt+F2',
      'hotkeys.profiles.work': 'F10',
    });
  });

  it('reports the same shortcut twice on the later field', () => {
    const result = validateHotkeys(
      { pushToTalk: 'Ctrl+Space', nextProfile: 'Space+Control', captureScreen: null, profiles: {} },
      'linux',
    );
    expect(result.fieldErrors).toEqual({ 'hotkeys.nextProfile': ['same as push-to-talk (Ctrl+Space)'] });
  });

  it('checks the "Talk about my screen" shortcut like the others; the defaults do not conflict', () => {
    const result = validateHotkeys(
      { pushToTalk: 'RightCtrl', nextProfile: 'Alt+Shift+P', captureScreen: 'shift+alt+p', profiles: {} },
      'linux',
    );
    expect(result.fieldErrors).toEqual({ 'hotkeys.captureScreen': ['same as next profile (Alt+Shift+P)'] });
    expect(validateHotkeys(defaultSettings.hotkeys, 'linux').fieldErrors).toEqual({});
    expect(validateHotkeys(defaultSettings.hotkeys, 'darwin').fieldErrors).toEqual({});
    expect(validateHotkeys(defaultSettings.hotkeys, 'win32').fieldErrors).toEqual({});
  });

  it('reports duplicates between profile shortcuts', () => {
    const result = validateHotkeys(
      { pushToTalk: 'F9', nextProfile: null, captureScreen: null, profiles: { a: 'F10', b: 'f10' } },
      'linux',
    );
    expect(result.fieldErrors).toEqual({ 'hotkeys.profiles.b': ['same as the shortcut of profile a (F10)'] });
  });

  it('reports a shortcut that would also hold push-to-talk', () => {
    const result = validateHotkeys(
      {
        pushToTalk: 'RightCtrl',
        nextProfile: 'Ctrl+N',
        captureScreen: null,
        profiles: { a: 'Ctrl+Shift+RightAlt' },
      },
      'linux',
    );
    expect(result.fieldErrors).toEqual({
      'hotkeys.nextProfile': [
        'includes the push-to-talk keys (RightCtrl): pressing it would also start talking',
      ],
      'hotkeys.profiles.a': [
        'includes the push-to-talk keys (RightCtrl): pressing it would also start talking',
      ],
    });
  });

  it('reports unparsable accelerators on their field', () => {
    const result = validateHotkeys(
      { pushToTalk: 'Ctrl+Nope', nextProfile: 'F2', captureScreen: null, profiles: {} },
      'linux',
    );
    expect(result.fieldErrors).toEqual({ 'hotkeys.pushToTalk': ['"Ctrl+Nope": unknown key "Nope"'] });
    expect(result.normalized).toEqual({ 'hotkeys.nextProfile': 'F2' });
  });
});
