// Echo cancellation for hands-free profiles on a loudspeaker: what each mode does, so the user can choose.
import type { EchoCancelMode, Settings, SettingsPatch } from '../../../src-preload/contract';
import { Field } from '../components/Field';

const explained: Record<EchoCancelMode, string> = {
  on: 'The assistant’s own voice is removed from the microphone, so you can talk over it on a loudspeaker.',
  'half-duplex':
    'The microphone is muted while the assistant speaks: no echo can get through, but you interrupt with the key.',
  off: 'Nothing is removed: for a headset, where the assistant cannot hear itself.',
};

export function EchoCancelSettings({
  settings,
  errors,
  onUpdate,
}: {
  settings: Settings;
  errors: Record<string, string[]>;
  onUpdate: (patch: SettingsPatch, paths: string[]) => Promise<void>;
}) {
  return (
    <Field
      label="Echo cancellation (hands-free)"
      hint={explained[settings.echoCancel]}
      errors={errors.echoCancel}
    >
      {({ id, describedBy }) => (
        <select
          id={id}
          aria-describedby={describedBy}
          value={settings.echoCancel}
          onChange={(e) => void onUpdate({ echoCancel: e.target.value as EchoCancelMode }, ['echoCancel'])}
        >
          <option value="on">On</option>
          <option value="half-duplex">Half-duplex</option>
          <option value="off">Off (headset)</option>
        </select>
      )}
    </Field>
  );
}
