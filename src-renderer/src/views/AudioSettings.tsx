// Audio devices (listed by main, re-scanned on Refresh), the microphone meter and a test sound.
import { useCallback, useEffect, useRef, useState } from 'react';
import type {
  AudioDeviceInfo,
  AudioDeviceListInfo,
  Settings,
  SettingsPatch,
} from '../../../src-preload/contract';
import { Field } from '../components/Field';
import { InlineMessage } from '../components/InlineMessage';
import { LiveLevelMeter } from '../components/LiveLevelMeter';
import { useClient } from '../hooks/client-context';
import { useAction } from '../hooks/useAction';
import { EchoCancelSettings } from './EchoCancelSettings';
import { MicReadySettings } from './MicReadySettings';

/** A device picker (also the first-run setup's). */
export function DeviceSelect({
  label,
  value,
  devices,
  errors,
  onChange,
}: {
  label: string;
  value: string | null;
  devices: readonly AudioDeviceInfo[];
  errors?: string[] | undefined;
  onChange: (value: string | null) => void;
}) {
  const known = value === null || devices.some((d) => d.id === value);
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
          {devices.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name}
              {d.isDefault ? ' (default)' : ''} — {d.hostApi}
            </option>
          ))}
          {/* A saved device that is unplugged now stays visible, so the choice is not silently lost. */}
          {!known && <option value={value}>{value} (not connected)</option>}
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
  const client = useClient();
  const [devices, setDevices] = useState<AudioDeviceListInfo>({ inputs: [], outputs: [] });
  const [played, setPlayed] = useState<string | null>(null);
  const scan = useAction(async (refresh: boolean) => setDevices(await client.listAudioDevices({ refresh })));
  const test = useAction(async () => {
    setPlayed(null);
    setPlayed((await client.playTestSound()).device);
  });
  const { run: runScan } = scan;
  const load = useCallback(() => void runScan(false), [runScan]);
  useEffect(load, [load]);
  const [micTestOn, setMicTestOn] = useState(false);
  const micTestOnRef = useRef(false);
  const micTest = useAction(async (on: boolean) => {
    const result = await client.setMicTest({ on });
    micTestOnRef.current = result.on;
    setMicTestOn(result.on);
  });
  // Leaving Settings closes a running microphone test.
  useEffect(
    () => () => {
      if (micTestOnRef.current) void client.setMicTest({ on: false }).catch(() => {});
    },
    [client],
  );

  return (
    <fieldset className="section">
      <legend>Audio</legend>
      <div className="grid-2">
        <DeviceSelect
          label="Microphone"
          value={settings.inputDevice}
          devices={devices.inputs}
          errors={errors.inputDevice}
          onChange={(inputDevice) => void onUpdate({ inputDevice }, ['inputDevice'])}
        />
        <DeviceSelect
          label="Speaker"
          value={settings.outputDevice}
          devices={devices.outputs}
          errors={errors.outputDevice}
          onChange={(outputDevice) => void onUpdate({ outputDevice }, ['outputDevice'])}
        />
      </div>
      <MicReadySettings settings={settings} errors={errors} onUpdate={onUpdate} />
      <EchoCancelSettings settings={settings} errors={errors} onUpdate={onUpdate} />
      <div className="meter-row">
        <span className="hint">Input level</span>
        <LiveLevelMeter />
      </div>
      <p className="hint meter-hint">
        It moves while the microphone is open: test it here, or hold the talk key and speak.
      </p>
      <div className="button-row section-actions">
        <button
          type="button"
          className="button"
          aria-pressed={micTestOn}
          onClick={() => void micTest.run(!micTestOn)}
          disabled={micTest.busy}
        >
          {micTestOn ? 'Stop microphone test' : 'Test microphone'}
        </button>
        <button type="button" className="button" onClick={() => void scan.run(true)} disabled={scan.busy}>
          {scan.busy ? 'Scanning…' : 'Refresh devices'}
        </button>
        <button type="button" className="button" onClick={() => void test.run()} disabled={test.busy}>
          {test.busy ? 'Playing…' : 'Play test sound'}
        </button>
        {played && <span className="hint">Played on {played}.</span>}
      </div>
      <InlineMessage error={scan.error ?? test.error ?? micTest.error} />
    </fieldset>
  );
}
