// Usage store: the meter's snapshot (loaded once, then kept fresh by `usageChanged`).
import { useEffect, useState } from 'react';
import type { UsageSnapshot } from '../../../src-preload/contract';
import { useClient } from './client-context';

export function useUsage(): { usage: UsageSnapshot | null; setUsage: (usage: UsageSnapshot) => void } {
  const client = useClient();
  const [usage, setUsage] = useState<UsageSnapshot | null>(null);
  useEffect(() => {
    let live = true;
    const off = client.on('usageChanged', setUsage);
    client.getUsage().then(
      (value) => live && setUsage((current) => current ?? value),
      () => {
        /* no usage service (an older core): the meter stays hidden */
      },
    );
    return () => {
      live = false;
      off();
    };
  }, [client]);
  return { usage, setUsage };
}
