// The microphone meter fed by the core's level events.
import { useInputLevel } from '../hooks/useInputLevel';
import { LevelMeter } from './LevelMeter';

export function LiveLevelMeter({ label = 'Microphone level' }: { label?: string }) {
  const { level, live } = useInputLevel();
  return <LevelMeter level={level} label={label} active={live} />;
}
