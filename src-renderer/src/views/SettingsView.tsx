// Settings: connection (API key, base URL, model), audio, hotkeys, behaviour, appearance, about.
// Every change is one updateSettings call; main's answer (or its field errors) is what the form shows.
import { useEffect, useState } from 'react';
import type { AppInfo, HotkeyStatus, Settings, SettingsPatch } from '../../../src-preload/contract';
import { ApiKeyPanel } from '../components/ApiKeyPanel';
import { Field } from '../components/Field';
import { HotkeyRecorder } from '../components/HotkeyRecorder';
import { InlineMessage } from '../components/InlineMessage';
import { McpSettings } from '../components/mcp/McpSettings';
import { SettingText } from '../components/SettingText';
import { useClient } from '../hooks/client-context';
import type { ProfilesStore } from '../hooks/useProfiles';
import type { SettingsStore } from '../hooks/useSettings';
import { describeError, type ShownError } from '../lib/errors';
import { AudioSettings } from './AudioSettings';
import { DiagnosticsSettings } from './DiagnosticsSettings';
import { UpdateSettings } from './UpdateSettings';
import { UsageSettings } from './UsageSettings';

function Toggle({
  label,
  hint,
  checked,
  onChange,
}: {
  label: string;
  hint?: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  return (
    <label className="toggle">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      <span>
        {label}
        {hint && <span className="hint"> — {hint}</span>}
      </span>
    </label>
  );
}

export function SettingsView({ store, profiles }: { store: SettingsStore; profiles: ProfilesStore }) {
  const client = useClient();
  const { settings } = store;
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [message, setMessage] = useState<ShownError | null>(null);
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [hotkeyStatus, setHotkeyStatus] = useState<HotkeyStatus | null>(null);

  useEffect(() => {
    let live = true;
    client.getAppInfo().then(
      (value) => live && setInfo(value),
      () => {},
    );
    client.getHotkeyStatus().then(
      (value) => live && setHotkeyStatus(value),
      () => {},
    );
    const off = client.on('hotkeyStatus', setHotkeyStatus);
    return () => {
      live = false;
      off();
    };
  }, [client]);

  if (!settings) {
    return (
      <section className="settings-view" aria-label="Settings">
        <InlineMessage error={store.loadError} />
        {!store.loadError && <p className="hint">Loading settings…</p>}
      </section>
    );
  }

  const update = async (patch: SettingsPatch, paths: string[]) => {
    const error = await store.update(patch);
    setFieldErrors((current) => {
      const next = { ...current };
      for (const p of paths) delete next[p];
      return { ...next, ...(error?.fieldErrors ?? {}) };
    });
    setMessage(error && Object.keys(error.fieldErrors).length === 0 ? error : null);
  };

  /** Checks a recorded shortcut with main (conflicts, unknown keys) before saving it. */
  const recordHotkey = async (path: string, hotkeys: Settings['hotkeys']) => {
    let candidate = hotkeys;
    try {
      const check = await client.validateHotkeys(hotkeys);
      const mine = check.fieldErrors[path];
      if (mine?.length) {
        setFieldErrors((current) => ({ ...current, [path]: mine }));
        return;
      }
      const normalized = check.normalized[path];
      if (normalized) {
        const key = path.split('.').slice(1);
        candidate =
          key[0] === 'profiles'
            ? { ...hotkeys, profiles: { ...hotkeys.profiles, [key[1]!]: normalized } }
            : { ...hotkeys, [key[0]!]: normalized };
      }
    } catch (e) {
      // No checker yet (or it failed): main's updateSettings still validates what is saved.
      if (describeError(e).tone === 'error') setMessage(describeError(e));
    }
    await update({ hotkeys: candidate }, [path]);
  };

  const errorsAt = (path: string) => {
    const fromStatus = hotkeyStatus?.fieldErrors[path] ?? [];
    const all = [...(fieldErrors[path] ?? []), ...fromStatus];
    return all.length ? [...new Set(all)] : undefined;
  };
  const { hotkeys } = settings;

  return (
    <section className="settings-view" aria-label="Settings">
      <InlineMessage error={message} onDismiss={() => setMessage(null)} />

      <fieldset className="section">
        <legend>Connection</legend>
        <ApiKeyPanel />
        <div className="grid-2">
          <SettingText
            label="Base URL"
            type="url"
            hint="An OpenAI-compatible API base ending in /v1."
            value={settings.baseUrl}
            errors={fieldErrors.baseUrl}
            onCommit={(baseUrl) => void update({ baseUrl }, ['baseUrl'])}
          />
          <SettingText
            label="Default model"
            hint="Used by profiles that do not name a model."
            value={settings.defaultModel}
            errors={fieldErrors.defaultModel}
            onCommit={(defaultModel) => void update({ defaultModel }, ['defaultModel'])}
          />
        </div>
        <Toggle
          label="Create sessions pre-configured"
          hint="asks for an ephemeral key that already carries the profile"
          checked={settings.preconfiguredSession}
          onChange={(preconfiguredSession) => void update({ preconfiguredSession }, [])}
        />
      </fieldset>

      <AudioSettings settings={settings} errors={fieldErrors} onUpdate={update} />

      <fieldset className="section">
        <legend>Hotkeys</legend>
        {hotkeyStatus?.fallbackMessage && (
          <p className="inline-message warning" role="status">
            {hotkeyStatus.fallbackMessage}
          </p>
        )}
        <div className="grid-2">
          <Field label="Push to talk" errors={errorsAt('hotkeys.pushToTalk')}>
            {({ id, describedBy, invalid }) => (
              <HotkeyRecorder
                id={id}
                describedBy={describedBy}
                invalid={invalid}
                value={hotkeys.pushToTalk}
                onRecord={(pushToTalk) => void recordHotkey('hotkeys.pushToTalk', { ...hotkeys, pushToTalk })}
              />
            )}
          </Field>
          <Field label="Next profile" errors={errorsAt('hotkeys.nextProfile')}>
            {({ id, describedBy, invalid }) => (
              <HotkeyRecorder
                id={id}
                describedBy={describedBy}
                invalid={invalid}
                value={hotkeys.nextProfile}
                onRecord={(nextProfile) =>
                  void recordHotkey('hotkeys.nextProfile', { ...hotkeys, nextProfile })
                }
                onClear={() => void update({ hotkeys: { nextProfile: null } }, ['hotkeys.nextProfile'])}
              />
            )}
          </Field>
          <Field label="Talk about my screen" errors={errorsAt('hotkeys.captureScreen')}>
            {({ id, describedBy, invalid }) => (
              <HotkeyRecorder
                id={id}
                describedBy={describedBy}
                invalid={invalid}
                value={hotkeys.captureScreen}
                onRecord={(captureScreen) =>
                  void recordHotkey('hotkeys.captureScreen', { ...hotkeys, captureScreen })
                }
                onClear={() => void update({ hotkeys: { captureScreen: null } }, ['hotkeys.captureScreen'])}
              />
            )}
          </Field>
          {profiles.state?.profiles.map((p) => {
            const path = `hotkeys.profiles.${p.id}`;
            return (
              <Field key={p.id} label={`Switch to “${p.name}”`} errors={errorsAt(path)}>
                {({ id, describedBy, invalid }) => (
                  <HotkeyRecorder
                    id={id}
                    describedBy={describedBy}
                    invalid={invalid}
                    value={hotkeys.profiles[p.id] ?? null}
                    onRecord={(accelerator) =>
                      void recordHotkey(path, {
                        ...hotkeys,
                        profiles: { ...hotkeys.profiles, [p.id]: accelerator },
                      })
                    }
                    onClear={() => {
                      const { [p.id]: _removed, ...rest } = hotkeys.profiles;
                      void update({ hotkeys: { profiles: rest } }, [path]);
                    }}
                  />
                )}
              </Field>
            );
          })}
        </div>
        <div className="grid-3">
          <Field label="Push-to-talk mode" errors={fieldErrors.pttMode}>
            {({ id, describedBy }) => (
              <select
                id={id}
                aria-describedby={describedBy}
                value={settings.pttMode}
                onChange={(e) => void update({ pttMode: e.target.value as Settings['pttMode'] }, ['pttMode'])}
              >
                <option value="hold">Hold to talk</option>
                <option value="toggle">Press to start, press to stop</option>
                <option value="tap-or-hold">Tap to toggle, or hold</option>
              </select>
            )}
          </Field>
          <Field
            label="Hotkey backend"
            hint={hotkeyStatus ? `In use: ${hotkeyStatus.backend}, ${hotkeyStatus.mode}.` : undefined}
            errors={fieldErrors.hotkeyBackend}
          >
            {({ id, describedBy }) => (
              <select
                id={id}
                aria-describedby={describedBy}
                value={settings.hotkeyBackend}
                onChange={(e) =>
                  void update({ hotkeyBackend: e.target.value as Settings['hotkeyBackend'] }, [
                    'hotkeyBackend',
                  ])
                }
              >
                <option value="auto">Automatic</option>
                <option value="uiohook">Key hook (X11, Windows, macOS)</option>
                <option value="portal">Desktop portal (Wayland)</option>
                <option value="toggle">Shortcut toggles (no key-up)</option>
              </select>
            )}
          </Field>
          <SettingText
            label="Safety limit (seconds)"
            hint="The microphone closes after this long even if a key-up is lost."
            type="number"
            value={String(settings.pttSafetyTimeoutMs / 1000)}
            errors={fieldErrors.pttSafetyTimeoutMs}
            onCommit={(seconds) =>
              void update({ pttSafetyTimeoutMs: Math.round(Number(seconds) * 1000) }, ['pttSafetyTimeoutMs'])
            }
          />
        </div>
      </fieldset>

      <fieldset className="section">
        <legend>Behaviour</legend>
        <Toggle
          label="Earcons"
          hint="short sounds when listening starts and stops"
          checked={settings.earcons}
          onChange={(earcons) => void update({ earcons }, [])}
        />
        <Toggle
          label="Start at login"
          checked={settings.startAtLogin}
          onChange={(startAtLogin) => void update({ startAtLogin }, [])}
        />
        <Toggle
          label="Keep running in the tray when the window closes"
          checked={settings.closeToTray}
          onChange={(closeToTray) => void update({ closeToTray }, [])}
        />
      </fieldset>

      <UsageSettings />

      <fieldset className="section">
        <legend>Images</legend>
        <Field label="How closely the model looks at images" errors={errorsAt('imageDetail')}>
          {({ id }) => (
            <select
              id={id}
              value={settings.imageDetail}
              onChange={(e) =>
                void update({ imageDetail: e.target.value as Settings['imageDetail'] }, ['imageDetail'])
              }
            >
              <option value="low">Low (fewest tokens)</option>
              <option value="auto">Automatic</option>
              <option value="high">High (reads small text)</option>
            </select>
          )}
        </Field>
        <p className="hint">
          Images go only when you attach them: “Talk about my screen” (the button, its hotkey or the tray)
          captures the screen under the pointer for your next turn, and you can paste or drop an image into
          the message box.
        </p>
      </fieldset>

      <McpSettings />

      <fieldset className="section">
        <legend>Appearance</legend>
        <Field label="Theme">
          {({ id }) => (
            <select
              id={id}
              value={settings.theme}
              onChange={(e) => void update({ theme: e.target.value as Settings['theme'] }, ['theme'])}
            >
              <option value="system">Follow system</option>
              <option value="light">Light</option>
              <option value="dark">Dark</option>
            </select>
          )}
        </Field>
        <p className="hint" data-testid="theme-now">
          Theme: {settings.theme}
        </p>
      </fieldset>

      <UpdateSettings />
      <DiagnosticsSettings />

      <fieldset className="section">
        <legend>About</legend>
        {info && (
          <p className="hint" data-testid="app-info">
            {info.name} {info.version} · {info.platform} · {info.shell}
          </p>
        )}
      </fieldset>
    </section>
  );
}
