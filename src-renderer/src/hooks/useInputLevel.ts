// The microphone level from `inputLevel` events (~20 a second while capturing), as 0–1 for a meter.
// Only the meter component uses this, so a level change re-renders the meter and nothing else.
import { useEffect, useState } from 'react';
import { useClient } from './client-context';

/** dBFS → 0–1 over a 60 dB range: speech sits around the middle, silence near 0. */
export function levelFromDbfs(dbfs: number): number {
  if (!Number.isFinite(dbfs)) return 0;
  return Math.max(0, Math.min(1, (dbfs + 60) / 60));
}

/** Without events for this long the microphone is closed: the meter falls back to zero. */
const staleMs = 400;

export function useInputLevel(): { level: number; live: boolean } {
  const client = useClient();
  const [level, setLevel] = useState(0);
  const [live, setLive] = useState(false);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const off = client.on('inputLevel', ({ rmsDbfs }) => {
      setLevel(levelFromDbfs(rmsDbfs));
      setLive(true);
      clearTimeout(timer);
      timer = setTimeout(() => {
        setLevel(0);
        setLive(false);
      }, staleMs);
    });
    return () => {
      off();
      clearTimeout(timer);
    };
  }, [client]);
  return { level, live };
}
