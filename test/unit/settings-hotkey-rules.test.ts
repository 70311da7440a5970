// updateSettings refuses conflicting or unparsable hotkeys with field errors, through the real core.
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src-main/core/app/create-core';
import { hotkeyEditProblems, validateHotkeys } from '../../src-main/core/hotkey/conflicts';
import { defaultSettings } from '../../src-main/core/settings/settings-service';

let core: Core | undefined;
afterEach(async () => {
  await core?.dispose();
  core = undefined;
});

const start = () => {
  // No hotkey backend in a unit test: the rules are what is under test, not the key hook.
  core = createCore({ shell: 'headless', version: '0', hotkeyBackends: {} });
  return core;
};

describe('settings: hotkey rules', () => {
  it('refuses a shortcut equal to push-to-talk, naming the field, and keeps the old settings', async () => {
    const c = start();
    const before = await c.dispatcher.dispatch('getSettings', undefined);
    const result = await c.dispatcher.dispatch('updateSettings', { hotkeys: { nextProfile: 'RightCtrl' } });
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: 'invalid_request',
        fieldErrors: { 'hotkeys.nextProfile': [expect.stringMatching(/push-to-talk/)] },
      },
    });
    expect(await c.dispatcher.dispatch('getSettings', undefined)).toEqual(before);
  });

  it('refuses an accelerator that does not parse', async () => {
    const result = await start().dispatcher.dispatch('updateSettings', {
      hotkeys: { pushToTalk: 'Ctrl+Banana' },
    });
    expect(result).toMatchObject({
      ok: false,
      error: { fieldErrors: { 'hotkeys.pushToTalk': [expect.any(String)] } },
    });
  });

  it('accepts distinct hotkeys, and other fields are not judged by the hotkey rules', async () => {
    const c = start();
    const ok = await c.dispatcher.dispatch('updateSettings', {
      hotkeys: { pushToTalk: 'F9', nextProfile: 'F10' },
    });
    expect(ok).toMatchObject({ ok: true, value: { hotkeys: { pushToTalk: 'F9', nextProfile: 'F10' } } });
    expect(await c.dispatcher.dispatch('updateSettings', { theme: 'dark' })).toMatchObject({ ok: true });
  });

  it('ships default hotkeys that do not conflict on any platform', () => {
    for (const platform of ['linux', 'win32', 'darwin'] as const) {
      expect(validateHotkeys(defaultSettings.hotkeys, platform).fieldErrors).toEqual({});
    }
  });

  it('an old conflict never blocks an edit of another hotkey; a new one is refused', () => {
    const old = { pushToTalk: 'RightCtrl', nextProfile: 'Ctrl+Alt+P', captureScreen: null, profiles: {} };
    expect(Object.keys(validateHotkeys(old, 'linux').fieldErrors)).toEqual(['hotkeys.nextProfile']);
    expect(hotkeyEditProblems(old, { ...old, profiles: { p1: 'F7' } }, 'linux')).toEqual({});
    expect(hotkeyEditProblems(old, { ...old, profiles: { p1: 'RightCtrl' } }, 'linux')).toEqual({
      'hotkeys.profiles.p1': [expect.stringMatching(/push-to-talk/)],
    });
    // Moving push-to-talk onto the next-profile key puts the message on the later field: still refused.
    const clean = { pushToTalk: 'F9', nextProfile: 'F10', captureScreen: null, profiles: {} };
    expect(Object.keys(hotkeyEditProblems(clean, { ...clean, pushToTalk: 'F10' }, 'linux'))).toEqual([
      'hotkeys.nextProfile',
    ]);
  });
});
