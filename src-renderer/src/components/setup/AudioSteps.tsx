// Setup, steps 2 and 3: the microphone (picker, level meter, three seconds recorded and played back) and
// the speaker (picker, test sound). The pickers are Settings' own; the choice is saved at once.
import { useCallback, useEffect, useState } from 'react';
import type { AudioDeviceListInfo, TestClip } from '../../../../src-preload/contract';
import { useClient } from '../../hooks/client-context';
import { useAction } from '../../hooks/useAction';
import type { SettingsStore } from '../../hooks/useSettings';
import { DeviceSelect } from '../../views/AudioSettings';
import { InlineMessage } from '../InlineMessage';
import { LiveLevelMeter } from '../LiveLevelMeter';

function useDevices() {
  const client = useClient();
  const [devices, setDevices] = useState<AudioDeviceListInfo>({ inputs: [], outputs: [] });
  const scan = useAction(async (refresh: boolean) => setDevices(await client.listAudioDevices({ refresh })));
  const { run } = scan;
  const load = useCallback(() => void run(false), [run]);
  useEffect(load, [load]);
  return { devices, scan };
}

const clipVerdict = (clip: TestClip) =>
  clip.quiet
    ? `Recorded ${(clip.recordedMs / 1000).toFixed(1)} s but heard almost nothing: check that the right microphone is chosen and not muted.`
    : `Recorded and played back ${(clip.recordedMs / 1000).toFixed(1)} s (loudest ${Math.round(clip.peakDbfs ?? 0)} dBFS). Did it sound clear?`;

export function MicrophoneStep({ store }: { store: SettingsStore }) {
  const client = useClient();
  const { devices, scan } = useDevices();
  const [clip, setClip] = useState<TestClip | null>(null);
  const record = useAction(async () => {
    setClip(null);
    setClip(await client.recordTestClip());
  });
  const settings = store.settings;
  return (
    <>
      <p>Choose the microphone you will talk into, then record three seconds: you will hear them back.</p>
      {settings && (
        <DeviceSelect
          label="Microphone"
          value={settings.inputDevice}
          devices={devices.inputs}
          onChange={(inputDevice) => void store.update({ inputDevice })}
        />
      )}
      <div className="meter-row">
        <span className="hint">Input level</span>
        <LiveLevelMeter />
      </div>
      <div className="button-row">
        <button
          type="button"
          className="button primary"
          onClick={() => void record.run()}
          disabled={record.busy}
        >
          {record.busy ? 'Recording — speak now, then listen…' : 'Record 3 seconds and play back'}
        </button>
        <button type="button" className="button" onClick={() => void scan.run(true)} disabled={scan.busy}>
          {scan.busy ? 'Scanning…' : 'Refresh devices'}
        </button>
      </div>
      {clip && (
        <p
          className={`inline-message ${clip.quiet ? 'warning' : 'note'}`}
          role="status"
          data-testid="setup-clip"
        >
          {clipVerdict(clip)}
        </p>
      )}
      <InlineMessage error={record.error ?? scan.error} />
    </>
  );
}

export function SpeakerStep({ store }: { store: SettingsStore }) {
  const client = useClient();
  const { devices } = useDevices();
  const [played, setPlayed] = useState<string | null>(null);
  const play = useAction(async () => {
    setPlayed(null);
    setPlayed((await client.playTestSound()).device);
  });
  const settings = store.settings;
  return (
    <>
      <p>Choose where the assistant’s voice should come from, then play a test sound.</p>
      {settings && (
        <DeviceSelect
          label="Speaker"
          value={settings.outputDevice}
          devices={devices.outputs}
          onChange={(outputDevice) => void store.update({ outputDevice })}
        />
      )}
      <div className="button-row">
        <button type="button" className="button primary" onClick={() => void play.run()} disabled={play.busy}>
          {play.busy ? 'Playing…' : 'Play test sound'}
        </button>
      </div>
      {played && (
        <p className="inline-message note" role="status" data-testid="setup-played">
          Played on {played}. If you heard nothing, choose another speaker.
        </p>
      )}
      <InlineMessage error={play.error} />
    </>
  );
}
