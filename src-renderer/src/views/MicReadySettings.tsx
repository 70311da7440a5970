// "Keep microphone ready" and the pre-roll: how long the microphone stays open between turns, and how much of
// what it heard just before the talk key starts the turn. Main validates both with the contract's schema.
import type { MicReady, Settings, SettingsPatch } from '../../../src-preload/contract';
import { Field } from '../components/Field';
import { SettingText } from '../components/SettingText';

const explained: Record<MicReady, string> = {
  'on-demand':
    'Opened for each turn and closed right after it. Opening can take a second or two: wait for the start sound before speaking.',
  warm: 'Stays open 20 s after a turn, so a quick next turn keeps its first words.',
  always:
    'Open while the app runs (the system shows the microphone in use). What it hears is kept in memory for at most a second and sent only as the start of a turn.',
};

export function MicReadySettings({
  settings,
  errors,
  onUpdate,
}: {
  settings: Settings;
  errors: Record<string, string[]>;
  onUpdate: (patch: SettingsPatch, paths: string[]) => Promise<void>;
}) {
  return (
    <div className="grid-2">
      <Field label="Keep microphone ready" hint={explained[settings.micReady]} errors={errors.micReady}>
        {({ id, describedBy }) => (
          <select
            id={id}
            aria-describedby={describedBy}
            value={settings.micReady}
            onChange={(e) => void onUpdate({ micReady: e.target.value as MicReady }, ['micReady'])}
          >
            <option value="on-demand">On demand</option>
            <option value="warm">Warm (20 s after a turn)</option>
            <option value="always">Always</option>
          </select>
        )}
      </Field>
      <SettingText
        label="Pre-roll (ms)"
        hint="Audio from just before the talk key put at the start of a turn when the microphone is ready, so a word begun early is kept (0–1000)."
        type="number"
        value={String(settings.prerollMs)}
        errors={errors.prerollMs}
        onCommit={(ms) => void onUpdate({ prerollMs: Number(ms) }, ['prerollMs'])}
      />
    </div>
  );
}
