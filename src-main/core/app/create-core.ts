// Composition root of the core: builds every service and the handler for every contract command.
// Shells (Electron, headless) call this and only bind transports to what it returns.
import type { AppInfo } from '../../../src-preload/contract';
import { createDispatcher, type CommandHandlers, type Dispatcher } from '../ipc/dispatcher';
import { createEventBus, type EventBus } from '../ipc/event-bus';
import { createSettingsService, type SettingsStorage } from '../settings/settings-service';

export interface CoreOptions {
  shell: AppInfo['shell'];
  version: string;
  settingsStorage: SettingsStorage;
  log?: (message: string, error?: unknown) => void;
}

export interface Core {
  dispatcher: Dispatcher;
  events: EventBus;
  dispose(): Promise<void>;
}

export function createCore(options: CoreOptions): Core {
  const events = createEventBus();
  const settings = createSettingsService(options.settingsStorage, events);

  const handlers: CommandHandlers = {
    getAppInfo: () => ({
      name: 'Voice Assistant',
      version: options.version,
      platform: process.platform,
      shell: options.shell,
    }),
    getSettings: () => settings.get(),
    updateSettings: (patch) => settings.update(patch),
  };

  return {
    dispatcher: createDispatcher(handlers, options.log),
    events,
    dispose: async () => {},
  };
}
