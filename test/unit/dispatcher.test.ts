import { describe, expect, it, vi } from 'vitest';
import { createDispatcher, type CommandHandlers } from '../../src-main/core/ipc/dispatcher';
import { CommandError } from '../../src-main/core/ipc/command-error';
import { defaultSettings } from '../../src-main/core/settings/settings-service';

// Only the commands these tests call; the rest are never reached.
const handlers = (overrides: Partial<CommandHandlers> = {}): CommandHandlers =>
  ({
    getAppInfo: () => ({ name: 'x', version: '1', platform: 'linux', shell: 'headless' }),
    getSettings: () => defaultSettings,
    updateSettings: (patch) => ({
      ...defaultSettings,
      ...patch,
      hotkeys: { ...defaultSettings.hotkeys, ...patch.hotkeys },
    }),
    ...overrides,
  }) as CommandHandlers;

describe('dispatcher', () => {
  it('returns the handler value in an ok envelope', async () => {
    const d = createDispatcher(handlers());
    await expect(d.dispatch('updateSettings', { theme: 'dark' })).resolves.toEqual({
      ok: true,
      value: { ...defaultSettings, theme: 'dark' },
    });
  });

  it('rejects an invalid payload with field errors and never calls the handler', async () => {
    const update = vi.fn();
    const d = createDispatcher(handlers({ updateSettings: update }));
    const result = await d.dispatch('updateSettings', { theme: 'purple', extra: 1 });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('invalid_request');
      expect(Object.keys(result.error.fieldErrors ?? {})).toEqual(expect.arrayContaining(['theme']));
    }
    expect(update).not.toHaveBeenCalled();
  });

  it('names an unknown command, including prototype keys', async () => {
    const d = createDispatcher(handlers());
    for (const name of ['nope', 'toString', '__proto__']) {
      await expect(d.dispatch(name, undefined)).resolves.toMatchObject({
        ok: false,
        error: { code: 'unknown_command' },
      });
    }
  });

  it('turns a CommandError into its code and hides unexpected errors behind "internal"', async () => {
    const log = vi.fn();
    const d = createDispatcher(
      handlers({
        getSettings: () => {
          throw new CommandError('not_found', 'gone', { id: ['no such id'] });
        },
        getAppInfo: () => {
          throw new Error('secret detail');
        },
      }),
      log,
    );
    await expect(d.dispatch('getSettings', undefined)).resolves.toEqual({
      ok: false,
      error: { code: 'not_found', message: 'gone', fieldErrors: { id: ['no such id'] } },
    });
    const internal = await d.dispatch('getAppInfo', undefined);
    expect(internal).toEqual({
      ok: false,
      error: { code: 'internal', message: 'getAppInfo failed unexpectedly' },
    });
    expect(log).toHaveBeenCalledOnce();
  });

  it('refuses a handler response that breaks the contract', async () => {
    const d = createDispatcher(
      handlers({ getSettings: () => ({ ...defaultSettings, theme: 'neon' }) as never }),
      () => {},
    );
    await expect(d.dispatch('getSettings', undefined)).resolves.toMatchObject({
      ok: false,
      error: { code: 'internal' },
    });
  });
});
