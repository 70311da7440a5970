// Application settings: persisted through the shell's store (electron-store / conf), validated with the
// contract's schema, announced with `settingsChanged`. A corrupt or newer file is handled by openStore.
import {
  settingsSchema,
  type Notice,
  type Settings,
  type SettingsPatch,
} from '../../../src-preload/contract';
import { CommandError, fieldErrorsFromIssues } from '../ipc/command-error';
import type { EventBus } from '../ipc/event-bus';
import { openStore } from '../storage/open-store';
import type { StoreFactory } from '../storage/store-types';

export const defaultSettings: Settings = {
  baseUrl: 'https://api.openai.com/v1',
  defaultModel: 'gpt-realtime',
  inputDevice: null,
  outputDevice: null,
  // No Ctrl in the next-profile chord: pressing it would also press the push-to-talk key (RightCtrl).
  hotkeys: {
    pushToTalk: 'RightCtrl',
    nextProfile: 'Alt+Shift+P',
    captureScreen: 'Alt+Shift+S',
    profiles: {},
  },
  pttMode: 'hold',
  hotkeyBackend: 'auto',
  pttSafetyTimeoutMs: 120_000,
  micReady: 'warm',
  prerollMs: 300,
  earcons: true,
  startAtLogin: false,
  closeToTray: true,
  preconfiguredSession: false,
  theme: 'system',
  imageDetail: 'auto',
  echoCancel: 'on',
};

/** Version of the settings file layout; bump with a migration in `settingsMigrations`. */
export const SETTINGS_FILE_VERSION = '1.0.0';
export const settingsMigrations = {};

/** Settings added by later versions get their default; a partial hotkeys object is completed. */
const normalize = (raw: Record<string, unknown>): unknown => ({
  ...defaultSettings,
  ...raw,
  hotkeys: { ...defaultSettings.hotkeys, ...(raw.hotkeys as object | undefined) },
});

/** Rules beyond the schema (e.g. hotkey conflicts): field errors for a candidate, given what it replaces. */
export type SettingsRule = (
  candidate: Settings,
  current: Settings,
  patch: SettingsPatch,
) => Record<string, string[]>;

export function createSettingsService(
  factory: StoreFactory,
  events: EventBus,
  notify: (n: Notice) => void,
  rules: readonly SettingsRule[] = [],
) {
  const file = openStore(factory, {
    name: 'settings',
    label: 'settings',
    projectVersion: SETTINGS_FILE_VERSION,
    migrations: settingsMigrations,
    defaults: defaultSettings,
    schema: settingsSchema,
    normalize,
    notify,
  });
  let current: Settings = file.data;
  const listeners = new Set<(settings: Settings, previous: Settings) => void>();

  return {
    get: (): Settings => current,
    readOnly: file.readOnly,
    update(patch: SettingsPatch): Settings {
      const hotkeys = { ...current.hotkeys, ...patch.hotkeys };
      const parsed = settingsSchema.safeParse({ ...current, ...patch, hotkeys });
      if (!parsed.success) {
        throw new CommandError(
          'invalid_request',
          'invalid settings',
          fieldErrorsFromIssues(parsed.error.issues),
        );
      }
      const ruleErrors = Object.assign(
        {},
        ...rules.map((rule) => rule(parsed.data, current, patch)),
      ) as Record<string, string[]>;
      if (Object.keys(ruleErrors).length)
        throw new CommandError('invalid_request', 'invalid settings', ruleErrors);
      file.write(parsed.data);
      const previous = current;
      current = parsed.data;
      events.emit('settingsChanged', current);
      for (const listener of listeners) listener(current, previous);
      return current;
    },
    /** For core services that follow a setting (base URL for the key test, hotkeys…). */
    onChange(listener: (settings: Settings, previous: Settings) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
export type SettingsService = ReturnType<typeof createSettingsService>;
