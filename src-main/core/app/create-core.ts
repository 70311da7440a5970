// Composition root of the core: builds every service and the handler for every contract command.
// Shells (Electron, headless) call this and only bind transports to what it returns.
import type { AppInfo, Notice } from '../../../src-preload/contract';
import { createDispatcher, type CommandHandlers, type Dispatcher } from '../ipc/dispatcher';
import { createEventBus, type EventBus } from '../ipc/event-bus';
import { createSettingsService } from '../settings/settings-service';
import { join } from 'node:path';
import { createApiKeyService, type ApiKeyService } from '../secrets/api-key-service';
import { memorySecrets, type SecretStore } from '../secrets/secret-store';
import { createProfilesService, type ProfilesService } from '../profiles/profiles-service';
import { createHistoryService, type HistoryService } from '../history/history-service';
import { ephemeralStorage } from '../storage/ephemeral-storage';
import type { StoreFactory } from '../storage/store-types';
import { createNotices } from './notices';
import type { BackendFactories } from '../hotkey/choose-backend';
import { hotkeyEditProblems, validateHotkeys } from '../hotkey/conflicts';
import { createHotkeyService, type HotkeyService } from '../hotkey/hotkey-service';
import type { AudioFactory } from '../realtime/engine';
import { createSessionService, type SessionService } from '../realtime/session-service';
import { createAudioService } from '../audio/audio-service';
import { createEchoPath, type EchoPath } from '../audio/echo-path';
import { linkTalkToSession } from './talk-session';
import { createAppLog, type AppLog } from '../diagnostics/app-log';
import { jsonStringValues, watchSecrets } from '../diagnostics/watch-secrets';
import { createLifecycle, type UpdateProvision } from '../lifecycle/lifecycle';
import { createUsageService, type UsageService } from '../usage/usage-service';
import { linkUsageToSession, liveUsageFacts } from '../usage/link-usage';
import { McpService, type McpServiceOptions } from '../mcp/mcp-service';
import { profileWithMcpTools } from '../mcp/profile-tools';
import { remoteApprover } from '../mcp/remote-approvals';
import { builtinTools, toolsInOrder } from '../realtime/tools';
import {
  createImageAttachments,
  type ImageAttachments,
  type ScreenCapture,
} from '../images/image-attachments';

export interface CoreOptions {
  shell: AppInfo['shell'];
  version: string;
  /**
   * Where settings, profiles and history live: electron-store in the app, conf in the headless shell.
   * Omitted: a temporary directory removed on dispose (tests, throwaway runs).
   */
  storage?: StoreFactory;
  /** The API key's home: safeStorage in the app, OPENAI_API_KEY headless; omitted: memory only. */
  secrets?: SecretStore;
  log?: (message: string, error?: unknown) => void;
  /** Global hotkey backends this shell offers (none: status 'none', only --toggle-talk works). */
  hotkeyBackends?: BackendFactories;
  /** resources/earcons, when the shell ships it. */
  earconDir?: string;
  /** Microphone and speaker for the realtime session; default: the PortAudio devices chosen in settings. */
  audio?: AudioFactory;
  /** Realtime engine knobs for tests (timeouts, backoff). */
  realtime?: Parameters<typeof createSessionService>[0]['engine'];
  /** The diagnostic log (its file opened by the shell); omitted: kept in memory for Copy diagnostics. */
  appLog?: AppLog;
  /** The shell's updater (electron-updater), or why it has none; omitted: this shell does not update. */
  updates?: UpdateProvision;
  /** Opens a folder in the file manager ("Open logs folder"); omitted: this shell cannot. */
  openFolder?: (path: string) => Promise<void>;
  /** Puts text on the clipboard ("Copy diagnostics" in the desktop app); omitted: the window copies. */
  copyText?: (text: string) => void;
  /** Where MCP servers' env and header values are kept (safeStorage in the app); omitted: memory only. */
  mcpSecrets?: SecretStore;
  /** Where profiles' remote MCP tool authorizations are kept (safeStorage in the app); omitted: memory only. */
  profileSecrets?: SecretStore;
  /** MCP knobs for tests (restart backoff, start and approval timeouts). */
  mcp?: Partial<Pick<McpServiceOptions, 'backoff' | 'startTimeoutMs' | 'approvalTimeoutMs'>>;
  /** "Talk about my screen" (desktopCapturer in the app); omitted: this shell cannot capture the screen. */
  screenCapture?: ScreenCapture;
}

export interface Core {
  dispatcher: Dispatcher;
  events: EventBus;
  /** Push-to-talk and profile hotkeys: the engine subscribes to turns, second-instance calls toggleTalk(). */
  hotkeys: HotkeyService;
  /** Profiles: the engine reads the active one; wire its applyProfile with profiles.setApply(). */
  profiles: ProfilesService;
  /** The engine takes the key from apiKey.getKey(); nothing else ever sees it. */
  apiKey: ApiKeyService;
  history: HistoryService;
  /** The live Realtime conversation (talk, interrupt, transcript). */
  session: SessionService;
  /** Usage and cost: priced records, totals, budgets (the headless shell prints each record). */
  usage: UsageService;
  /** MCP servers: their tools are declared with the profile and run (approved) when the model calls them. */
  mcp: McpService;
  /** Images for the next turn: pasted, dropped, or captured from the screen (button, hotkey, tray). */
  images: ImageAttachments;
  /** The echo canceller the shell's own devices use too (headless --hands-free). */
  echo: EchoPath;
  /** Tells the user something once (kept for windows that open later): the shells' fault guard uses it. */
  notify: (notice: Notice) => void;
  dispose(): Promise<void>;
}

export function createCore(options: CoreOptions): Core {
  const events = createEventBus();
  const notices = createNotices(events, options.log);
  const appLog = options.appLog ?? createAppLog();
  const appInfo: AppInfo = {
    name: 'Voice Assistant',
    version: options.version,
    platform: process.platform,
    shell: options.shell,
  };
  const ephemeral = options.storage ? undefined : ephemeralStorage();
  const storage = options.storage ?? (ephemeral as ReturnType<typeof ephemeralStorage>).factory;
  // A hotkey edit that creates a conflict or an unparsable binding is refused; a problem that was already
  // there (e.g. saved by an older version) never blocks saving something else.
  const settings = createSettingsService(storage, events, notices.notify, [
    (candidate, current, patch) =>
      patch.hotkeys ? hotkeyEditProblems(current.hotkeys, candidate.hotkeys) : {},
  ]);
  const profiles = createProfilesService({
    storage,
    events,
    notify: notices.notify,
    // Remote MCP tools' authorizations: as the API key, known to the log's scrubber once read or saved.
    secrets: watchSecrets(
      options.profileSecrets ?? memorySecrets(),
      (secret) => appLog.addSecret(secret),
      jsonStringValues,
    ),
  });
  const apiKey = createApiKeyService({
    // Every key main reads or is given is known to the log's scrubber before anything could log it.
    secrets: watchSecrets(options.secrets ?? memorySecrets(), (secret) => appLog.addSecret(secret)),
    events,
    notify: notices.notify,
    baseUrl: () => settings.get().baseUrl,
  });
  void apiKey.checkStorage().catch((error: unknown) => options.log?.('API key storage check failed', error));
  const history = createHistoryService({
    directory: join(storage.directory, 'history'),
    events,
    profileName: () => profiles.active().name,
    log: options.log,
    notify: notices.notify,
  });
  const hotkeys = createHotkeyService({
    settings,
    events,
    factories: options.hotkeyBackends ?? {},
    earconDir: options.earconDir,
    log: options.log,
  });
  events.on('settingsChanged', (next) => void hotkeys.settingsChanged(next));
  void hotkeys.start();
  hotkeys.onProfileShortcut((shortcut) => {
    const switching =
      shortcut.type === 'next' ? profiles.activateNext() : profiles.setActive(shortcut.profileId);
    switching.catch((error: unknown) =>
      notices.notify({ level: 'warning', message: (error as Error).message }),
    );
  });

  // The echo canceller between the conversation's speaker and microphone: engaged while listening
  // hands-free, in the mode the settings choose (a fallback to half-duplex is told once).
  const echo = createEchoPath({
    mode: () => settings.get().echoCancel,
    notify: (message) => notices.notify({ level: 'warning', message }),
    log: (line) => options.log?.(line),
  });
  events.on('sessionState', (state) => echo.setEngaged(!!state.listening));
  const audio = createAudioService({
    events,
    inputDevice: () => settings.get().inputDevice,
    outputDevice: () => settings.get().outputDevice,
    echo,
  });
  // A device that vanished or would not open: the conversation goes on with the default, and the window
  // says so through the notices it already shows.
  events.on('audioDeviceFallback', (fallback) =>
    notices.notify({ level: 'warning', message: fallback.message }),
  );
  // Earcons go to the selected speaker. A shell that brings its own audio (headless WAV files, tests) keeps
  // them out of its output.
  if (!options.audio) hotkeys.setEarconPlayer((wav) => audio.playWav(wav));

  // Usage and cost: the engine reports each response's usage to it and asks its budget gate before every
  // response.create. It reads the session lazily (the session is built next, with its gate).
  const usage = createUsageService({
    storage,
    historyDirectory: join(storage.directory, 'history'),
    events,
    notify: notices.notify,
    live: () => liveUsageFacts(session.engine, profiles.active(), settings.get().defaultModel),
    keepWithConversation: (record) => history.recordUsage(record),
    log: options.log,
  });
  // MCP servers: their tools join the profile's in the session, and a change in them applies the active
  // profile again (one session.update).
  const mcp = new McpService({
    storage,
    // MCP servers' env and header values: as the API key, known to the log's scrubber once read or saved.
    secrets: watchSecrets(
      options.mcpSecrets ?? memorySecrets(),
      (secret) => appLog.addSecret(secret),
      jsonStringValues,
    ),
    events,
    notify: notices.notify,
    clientVersion: options.version,
    ...options.mcp,
  });
  const withMcp = <P extends Parameters<typeof profileWithMcpTools>[0]>(profile: P): P =>
    profileWithMcpTools(profiles.forSession(profile), mcp, (message) =>
      notices.notify({ level: 'warning', message }),
    );
  const session = createSessionService({
    events,
    settings,
    // A socket opens only after the key is read, and only once the profiles' stored authorizations are too
    // (the session gets its profile again at that moment, below), so no placeholder ever reaches the server.
    getApiKey: async (baseUrl) => {
      await profiles.secretsLoaded;
      return (await apiKey.getKey(baseUrl)) ?? undefined;
    },
    activeProfile: () => withMcp(profiles.active()),
    // The selected PortAudio devices unless the shell brings its own (headless WAV files, tests).
    audio: options.audio ?? audio,
    notify: notices.notify,
    engine: {
      tools: toolsInOrder(builtinTools, mcp.registry),
      remoteMcp: remoteApprover(mcp.approvals),
      ...options.realtime,
      responseGate: usage.gate,
      onUsage: (event) => usage.record(event),
    },
  });
  profiles.setApply((profile) => session.applyProfile(withMcp(profile)));
  // The session was built with the active profile before its stored authorizations were read (they are read
  // asynchronously): once they are, it gets the profile again (before any socket opens: see getApiKey).
  void profiles.secretsLoaded.then(() => session.applyProfile(withMcp(profiles.active())));
  const unlinkMcp = mcp.onToolsChanged(() => void session.applyProfile(withMcp(profiles.active())));
  const lifecycle = createLifecycle({
    app: appInfo,
    storage,
    events,
    notify: notices.notify,
    appLog,
    apiKey,
    settings,
    hotkeys,
    session,
    devices: audio,
    conversationAudio: options.audio ?? audio,
    shellAudio: options.audio !== undefined,
    ...(options.updates ? { updates: options.updates } : {}),
    ...(options.openFolder ? { openFolder: options.openFolder } : {}),
    ...(options.copyText ? { copyText: options.copyText } : {}),
    ...(options.log ? { log: options.log } : {}),
  });
  // The setup's key check sits between the talk key and the session.
  linkTalkToSession(hotkeys, lifecycle.talkTarget(session), events);
  const unlinkUsage = linkUsageToSession(usage, session.engine, events);
  const images = createImageAttachments({
    images: session.engine.images,
    events,
    detail: () => settings.get().imageDetail,
    ...(options.screenCapture ? { screen: options.screenCapture } : {}),
  });
  // The hotkey captures at once; a refusal (no permission, no shell support) is said where the user looks.
  const unlinkCapture = hotkeys.onCaptureScreen(() => {
    images
      .captureScreen()
      .catch((error: unknown) => notices.notify({ level: 'warning', message: (error as Error).message }));
  });

  const handlers: CommandHandlers = {
    getAppInfo: () => appInfo,
    getSettings: () => settings.get(),
    updateSettings: (patch) => settings.update(patch),
    getHotkeyStatus: () => hotkeys.status(),
    validateHotkeys: (candidate) => validateHotkeys(candidate),
    getNotices: () => notices.list(),
    getApiKeyStatus: () => apiKey.status(),
    setApiKey: ({ key }) => apiKey.set(key),
    clearApiKey: () => apiKey.clear(),
    testApiKey: () => apiKey.test(),
    listProfiles: () => profiles.state(),
    getProfile: ({ id }) => profiles.get(id),
    createProfile: (doc) => profiles.create(doc),
    duplicateProfile: ({ id }) => profiles.duplicate(id),
    updateProfile: ({ id, patch }) => profiles.update(id, patch),
    renameProfile: ({ id, name }) => profiles.rename(id, name),
    deleteProfile: ({ id }) => profiles.delete(id),
    setActiveProfile: ({ id }) => profiles.setActive(id),
    importProfile: ({ json }) => profiles.import(json),
    exportProfile: ({ id }) => profiles.export(id),
    getSessionState: () => session.getState(),
    // The window's talk button and Space are turns like the talk key's: earcons, talkState, the badge.
    talkStart: () => {
      hotkeys.windowTalk('start');
      return session.getState();
    },
    talkEnd: () => {
      hotkeys.windowTalk('end');
      return session.getState();
    },
    sendText: ({ text }) => session.sendText(text),
    interrupt: () => session.interrupt(),
    setListening: ({ on }) => session.setListening(on),
    retryResponse: () => session.retryResponse(),
    setMuted: ({ muted }) => session.setMuted(muted),
    endSession: () => session.endSession(),
    newConversation: () => session.newConversation(),
    getTranscript: () => session.getTranscript(),
    setRealtimeLog: ({ on }) => session.setRealtimeLog(on),
    listConversations: ({ query }) => history.list(query),
    getConversation: ({ id }) => history.get(id),
    exportConversation: ({ id, format }) => history.export(id, format),
    deleteConversation: ({ id }) => history.delete(id),
    listAudioDevices: ({ refresh }) => audio.listDevices(refresh),
    playTestSound: () => audio.playTestSound(),
    setMicTest: ({ on }) => audio.setMicTest(on),
    getUsage: () => usage.snapshot(),
    getPriceTable: () => usage.priceTable(),
    setModelPrice: ({ model, price }) => usage.setModelPrice(model, price),
    resetModelPrice: ({ model }) => usage.resetModelPrice(model),
    setBudgets: (budgets) => usage.setBudgets(budgets),
    confirmOverBudget: () => usage.confirmOverBudget(),
    ...lifecycle.handlers,
    getMcpState: () => mcp.state(),
    setMcpConfig: ({ json }) => mcp.setConfig(json),
    setMcpServerEnabled: ({ name, enabled }) => mcp.setEnabled(name, enabled),
    restartMcpServer: ({ name }) => mcp.restart(name),
    getToolApprovals: () => mcp.approvals.pending(),
    answerToolApproval: ({ id, decision }) => mcp.answerApproval(id, decision),
    attachImage: ({ data }) => images.attachFile(data),
    captureScreen: () => images.captureScreen(),
    removeImage: ({ id }) => images.remove(id),
    listImages: () => images.list(),
  };

  return {
    dispatcher: createDispatcher(handlers, options.log),
    events,
    hotkeys,
    profiles,
    apiKey,
    history,
    session,
    usage,
    mcp,
    images,
    echo,
    notify: notices.notify,
    dispose: async () => {
      lifecycle.dispose();
      unlinkCapture();
      images.dispose();
      unlinkUsage();
      usage.dispose();
      unlinkMcp();
      await mcp.dispose();
      await session.dispose();
      await audio.close();
      echo.dispose();
      await hotkeys.dispose();
      history.dispose();
      ephemeral?.remove();
    },
  };
}
