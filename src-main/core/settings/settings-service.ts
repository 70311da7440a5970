// Application settings: read, patch, announce changes. Persistence is a KeyValueStore the shell supplies.
import { settingsSchema, type Settings, type SettingsPatch } from '../../../src-preload/contract';
import type { EventBus } from '../ipc/event-bus';

export const defaultSettings: Settings = {
  baseUrl: 'https://api.openai.com/v1',
  defaultModel: 'gpt-realtime',
  inputDevice: null,
  outputDevice: null,
  hotkeys: { pushToTalk: 'RightCtrl', nextProfile: 'Ctrl+Alt+P', profiles: {} },
  pttMode: 'hold',
  hotkeyBackend: 'auto',
  pttSafetyTimeoutMs: 120_000,
  earcons: true,
  startAtLogin: false,
  closeToTray: true,
  preconfiguredSession: false,
  theme: 'system',
};

/** The part of electron-store / conf the core needs; the in-memory one serves tests and web dev. */
export interface SettingsStorage {
  load(): unknown;
  save(settings: Settings): void;
}

export function memorySettingsStorage(initial: unknown = undefined): SettingsStorage {
  let value = initial;
  return { load: () => value, save: (settings) => (value = settings) };
}

export function createSettingsService(storage: SettingsStorage, events: EventBus) {
  const stored = settingsSchema.safeParse({ ...defaultSettings, ...(storage.load() as object | undefined) });
  let current: Settings = stored.success ? stored.data : defaultSettings;
  return {
    get: (): Settings => current,
    update(patch: SettingsPatch): Settings {
      const hotkeys = { ...current.hotkeys, ...patch.hotkeys };
      current = settingsSchema.parse({ ...current, ...patch, hotkeys });
      storage.save(current);
      events.emit('settingsChanged', current);
      return current;
    },
  };
}
export type SettingsService = ReturnType<typeof createSettingsService>;
