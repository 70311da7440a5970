// The installed app's life cycle inside the core: the first-run setup, updates and diagnostics. Built by
// createCore from the services it already has; returns the handlers of the life-cycle commands and the
// gate the talk key goes through (the setup's key check).
import { arch, platform, release, type } from 'node:os';
import type {
  AppInfo,
  AudioDeviceListInfo,
  HotkeyStatus,
  Notice,
  SessionState,
  Settings,
} from '../../../src-preload/contract';
import type { AppLog } from '../diagnostics/app-log';
import { DIAGNOSTICS_LOG_LINES, diagnosticsText } from '../diagnostics/diagnostics-report';
import { linkLogToEvents } from '../diagnostics/link-log';
import type { CommandHandlers } from '../ipc/dispatcher';
import type { EventBus } from '../ipc/event-bus';
import { CommandError } from '../ipc/command-error';
import type { AudioFactory } from '../realtime/engine';
import type { ApiKeyService } from '../secrets/api-key-service';
import type { StoreFactory } from '../storage/store-types';
import { turnInProgress } from '../updates/update-policy';
import { createUpdateService, type UpdateBackend } from '../updates/update-service';
import { createKeyCheck, type TalkTarget } from './key-check';
import { openLifecycleStore } from './lifecycle-store';
import { createSetupService } from './setup-service';
import { createTestClip } from './test-clip';

/** What a shell brings for updates: its updater, or why it has none. */
export type UpdateProvision = { backend: UpdateBackend } | { unsupportedReason: string };

export interface LifecycleOptions {
  app: AppInfo;
  storage: StoreFactory;
  events: EventBus;
  notify: (notice: Notice) => void;
  appLog: AppLog;
  apiKey: Pick<ApiKeyService, 'status'>;
  settings: { get(): Settings };
  hotkeys: { status(): HotkeyStatus };
  session: { getState(): SessionState };
  /** The PortAudio device list, for diagnostics. */
  devices: { listDevices(refresh?: boolean): AudioDeviceListInfo };
  /** The microphone and speaker a conversation uses (the test clip goes through them too). */
  conversationAudio: AudioFactory;
  /** The shell brought its own conversation audio (WAV files, a test double). */
  shellAudio: boolean;
  updates?: UpdateProvision;
  /** Opens a folder in the desktop's file manager (Electron's shell.openPath); absent: cannot. */
  openFolder?: (path: string) => Promise<void>;
  /** Puts text on the system clipboard (Electron's clipboard); absent: the window copies it. */
  copyText?: (text: string) => void;
  log?: (message: string, error?: unknown) => void;
}

export type LifecycleCommandName =
  | 'getLifecycleSettings'
  | 'updateLifecycleSettings'
  | 'getSetupState'
  | 'openSetup'
  | 'finishSetup'
  | 'setKeyCheck'
  | 'recordTestClip'
  | 'getUpdateState'
  | 'checkForUpdates'
  | 'restartToUpdate'
  | 'copyDiagnostics'
  | 'openLogsFolder';

export function createLifecycle(options: LifecycleOptions) {
  const { events, appLog } = options;
  const store = openLifecycleStore(options.storage, options.notify);
  const setup = createSetupService({
    store,
    events,
    keySet: async () => (await options.apiKey.status()).set,
  });
  const keyCheck = createKeyCheck({ onChange: (on) => appLog.info('hotkeys.key-check', { on }) });
  const recordTestClip = createTestClip({
    audio: options.conversationAudio,
    busy: () => turnInProgress(options.session.getState().status),
  });
  const provision = options.updates ?? {
    unsupportedReason: 'This shell does not update itself: the desktop app does.',
  };
  const updates = createUpdateService({
    events,
    currentVersion: options.app.version,
    ...('backend' in provision
      ? { backend: provision.backend }
      : { unsupportedReason: provision.unsupportedReason }),
    autoCheck: () => store.get().autoUpdateCheck,
    sessionStatus: () => options.session.getState().status,
    ...(options.log ? { log: options.log } : {}),
  });

  appLog.info('app.start', {
    name: options.app.name,
    version: options.app.version,
    shell: options.app.shell,
    platform: process.platform,
    versions: { node: process.versions.node, electron: process.versions.electron },
  });
  const unlinkLog = linkLogToEvents({
    events,
    log: appLog,
    logConversation: () => store.get().logConversation,
    settings: options.settings.get(),
  });
  const offSession = events.on('sessionState', (state) => updates.sessionChanged(state.status));
  updates.start();

  const listDevices = (): AudioDeviceListInfo | { error: string } => {
    try {
      return options.devices.listDevices(false);
    } catch (error) {
      return { error: (error as Error).message };
    }
  };

  const handlers: Pick<CommandHandlers, LifecycleCommandName> = {
    getLifecycleSettings: () => store.settings(),
    updateLifecycleSettings: (patch) => {
      store.update(patch);
      const next = store.settings();
      events.emit('lifecycleSettingsChanged', next);
      updates.setAutoCheck(next.autoUpdateCheck);
      return next;
    },
    getSetupState: () => setup.state(),
    openSetup: () => setup.open(),
    finishSetup: ({ skipped }) => {
      keyCheck.set(false);
      return setup.finish(skipped);
    },
    setKeyCheck: ({ on }) => keyCheck.set(on),
    recordTestClip: async () => {
      const clip = await recordTestClip();
      appLog.info('audio.test-clip', clip);
      return clip;
    },
    getUpdateState: () => updates.state(),
    checkForUpdates: () => updates.checkNow(),
    restartToUpdate: () => updates.restart(),
    copyDiagnostics: async () => {
      const location = appLog.location();
      const text = diagnosticsText({
        at: new Date(),
        app: options.app,
        versions: process.versions,
        os: { type: type(), release: release(), platform: platform(), arch: arch() },
        session: options.session.getState(),
        apiKey: await options.apiKey.status(),
        update: updates.state(),
        audio: listDevices(),
        shellAudio: options.shellAudio,
        hotkeys: options.hotkeys.status(),
        settings: options.settings.get(),
        lifecycle: store.settings(),
        log: { folder: location?.folder ?? null, lines: await appLog.tail(DIAGNOSTICS_LOG_LINES) },
      });
      const clean = appLog.scrub(text);
      let copied = false;
      if (options.copyText) {
        try {
          options.copyText(clean);
          copied = true;
        } catch (error) {
          options.log?.('diagnostics: the clipboard refused the report', error);
        }
      }
      return { text: clean, logFolder: location?.folder ?? null, copied };
    },
    openLogsFolder: async () => {
      const folder = appLog.location()?.folder;
      if (!folder) throw new CommandError('unavailable', 'This run writes no log file.');
      if (!options.openFolder)
        throw new CommandError('unavailable', `This shell cannot open folders; the logs are in ${folder}`);
      try {
        await options.openFolder(folder);
      } catch (error) {
        throw new CommandError(
          'failed',
          `The folder ${folder} could not be opened: ${(error as Error).message}`,
        );
      }
      return { folder };
    },
  };

  return {
    handlers,
    /** The session as the talk key reaches it, through the setup's key check. */
    talkTarget: (session: TalkTarget): TalkTarget => keyCheck.gate(session),
    updates,
    dispose() {
      offSession();
      unlinkLog();
      updates.dispose();
      keyCheck.dispose();
    },
  };
}
export type Lifecycle = ReturnType<typeof createLifecycle>;
