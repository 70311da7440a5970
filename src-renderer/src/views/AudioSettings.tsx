// Audio devices. The device list, the microphone test meter and the test sound need the audio contract
// (listAudioDevices, playTestSound, inputLevel), which is not in the contract yet.
import type { Settings, SettingsPatch } from '../../../src-preload/contract';
import { Field } from '../components/Field';

function DeviceSelect({
  label,
  value,
  errors,
  onChange,
}: {
  label: string;
  value: string | null;
  errors?: string[] | undefined;
  onChange: (value: string | null) => void;
}) {
  return (
    <Field label={label} errors={errors}>
      {({ id, describedBy }) => (
        <select
          id={id}
          aria-describedby={describedBy}
          value={value ?? ''}
          onChange={(e) => onChange(e.target.value || null)}
        >
          <option value="">System default</option>
          {value && <option value={value}>{value}</option>}
        </select>
      )}
    </Field>
  );
}

export function AudioSettings({
  settings,
  errors,
  onUpdate,
}: {
  settings: Settings;
  errors: Record<string, string[]>;
  onUpdate: (patch: SettingsPatch, paths: string[]) => Promise<void>;
}) {
  return (
    <fieldset className="section">
      <legend>Audio</legend>
      <div className="grid-2">
        <DeviceSelect
          label="Microphone"
          value={settings.inputDevice}
          errors={errors.inputDevice}
          onChange={(inputDevice) => void onUpdate({ inputDevice }, ['inputDevice'])}
        />
        <DeviceSelect
          label="Speaker"
          value={settings.outputDevice}
          errors={errors.outputDevice}
          onChange={(outputDevice) => void onUpdate({ outputDevice }, ['outputDevice'])}
        />
      </div>
    </fieldset>
  );
}
