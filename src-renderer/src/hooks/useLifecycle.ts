// The life-cycle state the window follows: updates (the banner, Settings) and the life-cycle settings
// (automatic update checks, conversation in logs). Each is loaded once, then kept fresh by its event.
import { useCallback, useEffect, useState } from 'react';
import type { LifecycleSettings, UpdateState } from '../../../src-preload/contract';
import { useClient } from './client-context';

export function useUpdateState(): UpdateState | null {
  const client = useClient();
  const [state, setState] = useState<UpdateState | null>(null);
  useEffect(() => {
    let live = true;
    client.getUpdateState().then(
      (value) => live && setState(value),
      () => {},
    );
    const off = client.on('updateState', setState);
    return () => {
      live = false;
      off();
    };
  }, [client]);
  return state;
}

export function useLifecycleSettings(): {
  settings: LifecycleSettings | null;
  update: (patch: Partial<LifecycleSettings>) => Promise<void>;
} {
  const client = useClient();
  const [settings, setSettings] = useState<LifecycleSettings | null>(null);
  useEffect(() => {
    let live = true;
    client.getLifecycleSettings().then(
      (value) => live && setSettings(value),
      () => {},
    );
    const off = client.on('lifecycleSettingsChanged', setSettings);
    return () => {
      live = false;
      off();
    };
  }, [client]);
  const update = useCallback(
    async (patch: Partial<LifecycleSettings>) => setSettings(await client.updateLifecycleSettings(patch)),
    [client],
  );
  return { settings, update };
}
