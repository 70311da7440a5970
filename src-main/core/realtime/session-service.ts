// The core's live session: one RealtimeEngine fed by settings, the API key, the active profile and the
// push-to-talk key, its events forwarded to the contract (sessionState, transcript, and realtimeLog while
// the window's event log is open).
import type {
  Notice,
  Profile,
  RealtimeLogEntry,
  SessionState,
  Settings,
  TranscriptItem,
} from '../../../src-preload/contract';
import type { EventBus } from '../ipc/event-bus';
import { RealtimeEngine, type AudioFactory, type RealtimeEngineOptions } from './engine';

export interface SessionServiceOptions {
  events: EventBus;
  settings: {
    get(): Pick<Settings, 'baseUrl' | 'defaultModel' | 'preconfiguredSession' | 'micReady' | 'prerollMs'>;
  };
  getApiKey: (baseUrl: string) => Promise<string | undefined>;
  activeProfile: () => Profile;
  audio: AudioFactory;
  notify: (notice: Notice) => void;
  /** Test and bench knobs (backoff, timeouts). */
  engine?: Partial<RealtimeEngineOptions>;
}

export function createSessionService(options: SessionServiceOptions) {
  const { events, settings } = options;
  const first = options.activeProfile();
  const engine = new RealtimeEngine({
    baseUrl: () => settings.get().baseUrl,
    defaultModel: () => settings.get().defaultModel,
    preconfiguredSession: () => settings.get().preconfiguredSession,
    micReady: () => settings.get().micReady,
    prerollMs: () => settings.get().prerollMs,
    watchMicSettings: (changed) => events.on('settingsChanged', changed),
    getApiKey: options.getApiKey,
    audio: options.audio,
    profile: first,
    profileId: first.id,
    ...options.engine,
  });
  engine.on('state', (state) => events.emit('sessionState', state));
  engine.on('transcript', (item) => events.emit('transcript', item));
  engine.on('transcriptAppend', (append) => events.emit('transcriptAppend', append));
  engine.on('warning', (message) => options.notify({ level: 'warning', message }));
  // The event-log panel: the engine builds no entry while nobody listens to 'log', so the subscription
  // follows the panel (setRealtimeLog) rather than being permanent; each entry is a copy of a protocol
  // event, validated by the bus and serialised to the window.
  const forwardLog = (entry: RealtimeLogEntry) => events.emit('realtimeLog', entry);
  let logOn = false;

  return {
    engine,
    getState: (): SessionState => engine.getState(),
    getTranscript: (): TranscriptItem[] => engine.getTranscript(),
    /** The profiles service's live apply: resolves once the server confirmed the change. */
    applyProfile: (profile: Profile): Promise<void> => engine.applyProfile(profile, profile.id),
    talkStart(): SessionState {
      engine.talkStart();
      return engine.getState();
    },
    talkEnd(): SessionState {
      engine.talkEnd();
      return engine.getState();
    },
    sendText(text: string): SessionState {
      engine.sendText(text);
      return engine.getState();
    },
    setListening(on: boolean): SessionState {
      engine.setListening(on);
      return engine.getState();
    },
    interrupt(): SessionState {
      engine.interrupt();
      return engine.getState();
    },
    retryResponse(): SessionState {
      engine.retryResponse();
      return engine.getState();
    },
    setMuted(muted: boolean): SessionState {
      engine.setMuted(muted);
      return engine.getState();
    },
    endSession(): SessionState {
      engine.endSession();
      return engine.getState();
    },
    newConversation(): SessionState {
      engine.newConversation();
      return engine.getState();
    },
    setRealtimeLog(on: boolean): { on: boolean } {
      if (on !== logOn) {
        if (on) engine.on('log', forwardLog);
        else engine.off('log', forwardLog);
        logOn = on;
      }
      return { on };
    },
    dispose: () => engine.dispose(),
  };
}
export type SessionService = ReturnType<typeof createSessionService>;
