// Settings: persisted, validated with field errors, announced.
import { describe, expect, it } from 'vitest';
import { CommandError } from '../../src-main/core/ipc/command-error';
import { createSettingsService } from '../../src-main/core/settings/settings-service';
import { confStoreFactory } from '../../src-main/core/storage/conf-store';
import { recordingBus } from '../support/core-harness';
import { useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();
const open = () => {
  const bus = recordingBus();
  return { service: createSettingsService(confStoreFactory(tempDir()), bus.events, bus.notify), ...bus };
};

describe('settings service', () => {
  it('persists a patch, merges hotkeys, and emits settingsChanged', () => {
    const { service, named } = open();
    const next = service.update({ earcons: false, hotkeys: { pushToTalk: 'F8' } });
    expect(next.hotkeys).toEqual({ ...service.get().hotkeys, pushToTalk: 'F8' });
    expect(named('settingsChanged')).toEqual([{ name: 'settingsChanged', payload: next }]);
    expect(open().service.get()).toEqual(next);
  });

  it('rejects an invalid value with field errors and keeps the old settings', () => {
    const { service, named } = open();
    const before = service.get();
    let error: unknown;
    try {
      service.update({ baseUrl: 'ftp://example.com', pttSafetyTimeoutMs: 10 });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CommandError);
    expect(Object.keys((error as CommandError).fieldErrors ?? {}).sort()).toEqual([
      'baseUrl',
      'pttSafetyTimeoutMs',
    ]);
    expect(service.get()).toBe(before);
    expect(named('settingsChanged')).toEqual([]);
  });
});
