// Settings store: the current settings (loaded once, then kept fresh by `settingsChanged`) and an update
// that reports field errors keyed by setting path.
import { useCallback, useEffect, useState } from 'react';
import type { Settings, SettingsPatch } from '../../../src-preload/contract';
import { describeError, type ShownError } from '../lib/errors';
import { useClient } from './client-context';

export interface SettingsStore {
  settings: Settings | null;
  loadError: ShownError | null;
  /** Resolves with the error shown (null on success) so a form can keep its field errors. */
  update: (patch: SettingsPatch) => Promise<ShownError | null>;
}

export function useSettings(): SettingsStore {
  const client = useClient();
  const [settings, setSettings] = useState<Settings | null>(null);
  const [loadError, setLoadError] = useState<ShownError | null>(null);

  useEffect(() => {
    let live = true;
    client.getSettings().then(
      (value) => live && setSettings(value),
      (e: unknown) => live && setLoadError(describeError(e)),
    );
    const off = client.on('settingsChanged', setSettings);
    return () => {
      live = false;
      off();
    };
  }, [client]);

  const update = useCallback(
    async (patch: SettingsPatch) => {
      try {
        setSettings(await client.updateSettings(patch));
        return null;
      } catch (e) {
        return describeError(e);
      }
    },
    [client],
  );

  return { settings, loadError, update };
}
