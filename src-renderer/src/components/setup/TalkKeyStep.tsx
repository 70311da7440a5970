// Setup, step 4: the push-to-talk key. Shown (and changeable with Settings' recorder), then "press it now":
// the core reports the key going down and up without starting a turn (setKeyCheck), so the user sees that
// the global key hook works — or reads why it cannot here and what to use instead.
import { useEffect, useRef, useState } from 'react';
import type { HotkeyStatus } from '../../../../src-preload/contract';
import { useClient } from '../../hooks/client-context';
import { useAction } from '../../hooks/useAction';
import type { SettingsStore } from '../../hooks/useSettings';
import { describeError } from '../../lib/errors';
import { Field } from '../Field';
import { HotkeyRecorder } from '../HotkeyRecorder';
import { InlineMessage } from '../InlineMessage';

function backendNote(status: HotkeyStatus): string {
  switch (status.backend) {
    case 'uiohook':
      return 'The app sees this key go down and up anywhere on the desktop: hold it while you speak.';
    case 'portal':
      return 'On Wayland the desktop owns global shortcuts: it may ask you to confirm this one in its own window.';
    case 'toggle':
      return 'Your desktop tells the app only that the key was pressed, not released: press once to start talking, once more to stop.';
    case 'none':
      return 'No global key works here. Talk with the window’s button or hold Space in the window; on Linux you can also bind “voice-assistant --toggle-talk” to a shortcut in your desktop’s keyboard settings.';
  }
}

export function TalkKeyStep({ store }: { store: SettingsStore }) {
  const client = useClient();
  const [status, setStatus] = useState<HotkeyStatus | null>(null);
  const [errors, setErrors] = useState<string[] | undefined>();
  const [seen, setSeen] = useState<{ pressed: boolean; released: boolean } | null>(null);
  const checking = useRef(false);

  useEffect(() => {
    let live = true;
    client.getHotkeyStatus().then(
      (value) => live && setStatus(value),
      () => {},
    );
    const offStatus = client.on('hotkeyStatus', setStatus);
    const offTalk = client.on('talkState', (talk) => {
      if (!checking.current || talk.trigger === 'window') return;
      if (talk.talking) setSeen({ pressed: true, released: false });
      else if (talk.reason === 'release' || talk.reason === 'toggle')
        setSeen((now) => (now?.pressed ? { pressed: true, released: true } : now));
    });
    return () => {
      live = false;
      offStatus();
      offTalk();
      // Leaving the step gives the key back to conversations.
      if (checking.current) void client.setKeyCheck({ on: false }).catch(() => {});
      checking.current = false;
    };
  }, [client]);

  useEffect(() => {
    if (!seen?.released || !checking.current) return;
    checking.current = false;
    void client.setKeyCheck({ on: false }).catch(() => {});
  }, [client, seen]);

  const start = useAction(async () => {
    const { on } = await client.setKeyCheck({ on: true });
    checking.current = on;
    setSeen({ pressed: false, released: false });
  });

  const record = async (accelerator: string) => {
    const hotkeys = store.settings!.hotkeys;
    try {
      const check = await client.validateHotkeys({ ...hotkeys, pushToTalk: accelerator });
      const problems = check.fieldErrors['hotkeys.pushToTalk'];
      if (problems?.length) return setErrors(problems);
      const failed = await store.update({
        hotkeys: { pushToTalk: check.normalized['hotkeys.pushToTalk'] ?? accelerator },
      });
      setErrors(failed ? [failed.message, ...Object.values(failed.fieldErrors).flat()] : undefined);
    } catch (e) {
      setErrors([describeError(e).message]);
    }
  };

  const key = store.settings?.hotkeys.pushToTalk;
  const fieldErrors = [...(errors ?? []), ...(status?.fieldErrors['hotkeys.pushToTalk'] ?? [])];
  return (
    <>
      <p>
        Hold the push-to-talk key anywhere — in any app — speak, and let go: the assistant answers. Click the
        key below to choose another one.
      </p>
      {key && (
        <Field label="Push to talk" errors={fieldErrors.length ? fieldErrors : undefined}>
          {({ id, describedBy, invalid }) => (
            <HotkeyRecorder
              id={id}
              describedBy={describedBy}
              invalid={invalid}
              value={key}
              onRecord={(accelerator) => void record(accelerator)}
            />
          )}
        </Field>
      )}
      {status && (
        <p className="hint" data-testid="setup-key-backend">
          {backendNote(status)}
          {status.fallbackMessage ? ` (${status.fallbackMessage})` : ''}
        </p>
      )}
      {status?.backend !== 'none' && (
        <div className="button-row">
          <button
            type="button"
            className="button primary"
            onClick={() => void start.run()}
            disabled={start.busy}
          >
            Press it now
          </button>
        </div>
      )}
      {seen && (
        <p className="inline-message note key-check" role="status" data-testid="setup-key-check">
          {!seen.pressed && `Waiting: press ${key} now.`}
          {seen.pressed && !seen.released && '✓ Pressed — now let go.'}
          {seen.released && '✓ Pressed and ✓ released: the app hears your key.'}
        </p>
      )}
      <InlineMessage error={start.error} />
    </>
  );
}
