// Profiles store: every profile and the active id, kept fresh by `profilesChanged`.
import { useCallback, useEffect, useState } from 'react';
import type { ProfilesState } from '../../../src-preload/contract';
import { describeError, type ShownError } from '../lib/errors';
import { useClient } from './client-context';

export interface ProfilesStore {
  state: ProfilesState | null;
  loadError: ShownError | null;
  /** After a command that answers with the whole state (delete, setActive). */
  replace: (state: ProfilesState) => void;
  reload: () => void;
}

export function useProfiles(): ProfilesStore {
  const client = useClient();
  const [state, setState] = useState<ProfilesState | null>(null);
  const [loadError, setLoadError] = useState<ShownError | null>(null);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let live = true;
    client.listProfiles().then(
      (value) => {
        if (!live) return;
        setState(value);
        setLoadError(null);
      },
      (e: unknown) => live && setLoadError(describeError(e)),
    );
    const off = client.on('profilesChanged', (value) => {
      setState(value);
      setLoadError(null);
    });
    return () => {
      live = false;
      off();
    };
  }, [client, generation]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { state, loadError, replace: setState, reload };
}
