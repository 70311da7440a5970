// What the diagnostic log records, taken from the core's event bus: the session's life cycle, notices
// (errors and warnings the user saw), device fallbacks, hotkey backends and talk-key turns, profile
// switches, settings changes (which fields, not the values), the API key's status (never the key) and
// updates. What was said is written only when the user asked for it (`logConversation`); otherwise a turn
// shows as its length.
import type { EventName, EventPayload, Settings } from '../../../src-preload/contract';
import type { EventBus } from '../ipc/event-bus';
import type { AppLog } from './app-log';

export interface LinkLogOptions {
  events: EventBus;
  log: AppLog;
  /** Read on each transcript item: the switch takes effect at once. */
  logConversation: () => boolean;
  /** The settings now, so the first change is told apart from them. */
  settings?: Settings;
}

const changedFields = (next: Settings, previous: Settings | undefined): string[] =>
  previous
    ? (Object.keys(next) as (keyof Settings)[]).filter(
        (key) => JSON.stringify(next[key]) !== JSON.stringify(previous[key]),
      )
    : [];

export function linkLogToEvents(options: LinkLogOptions): () => void {
  const { events, log, logConversation } = options;
  let session: EventPayload<'sessionState'> | undefined;
  let settings = options.settings;
  let activeProfile: string | undefined;
  let update: EventPayload<'updateState'> | undefined;
  let hotkeys: string | undefined;

  const on = <K extends EventName>(name: K, listener: (payload: EventPayload<K>) => void) =>
    events.on(name, (payload) => {
      try {
        listener(payload);
      } catch (error) {
        log.error(`diagnostics: logging ${name} failed`, error);
      }
    });

  const offs = [
    on('sessionState', (state) => {
      // Only what changed: the status board repeats its state for every detail (a countdown, a mute).
      if (
        session?.status === state.status &&
        session.message === state.message &&
        session.conversationId === state.conversationId
      )
        return;
      session = state;
      const fields = {
        status: state.status,
        ...(state.message ? { message: state.message } : {}),
        ...(state.conversationId ? { conversationId: state.conversationId } : {}),
        muted: state.muted,
      };
      if (state.status === 'error') log.warn('session', fields);
      else log.info('session', fields);
    }),
    on('notice', (notice) => {
      const line = notice.level === 'info' ? log.info : log.warn;
      line(`notice.${notice.level}`, { message: notice.message });
    }),
    on('audioDeviceFallback', (fallback) => log.warn('audio.device-fallback', fallback)),
    on('hotkeyStatus', (status) => {
      const key = JSON.stringify(status);
      if (key === hotkeys) return;
      hotkeys = key;
      log.info('hotkeys', status);
    }),
    on('talkState', (talk) => log.info(talk.talking ? 'talk.start' : 'talk.end', talk)),
    on('transcript', (item) => {
      if (!item.final) return;
      const shown = logConversation() ? { text: item.text } : { characters: item.text.length };
      log.info('transcript', {
        role: item.role,
        conversationId: item.conversationId,
        ...(item.interrupted ? { interrupted: true } : {}),
        ...(item.tool ? { tool: item.tool.name, ...(item.tool.error ? { toolError: true } : {}) } : {}),
        ...shown,
      });
    }),
    on('profilesChanged', (state) => {
      if (state.activeId === activeProfile) return;
      const name = state.profiles.find((p) => p.id === state.activeId)?.name;
      if (activeProfile !== undefined) log.info('profile.active', { id: state.activeId, name });
      activeProfile = state.activeId;
    }),
    on('settingsChanged', (next) => {
      const fields = changedFields(next, settings);
      settings = next;
      if (fields.length) log.info('settings.changed', { fields });
    }),
    on('apiKeyStatusChanged', (status) =>
      log.info('api-key', {
        set: status.set,
        works: status.works,
        storage: status.storage,
        ...(status.message ? { message: status.message } : {}),
      }),
    ),
    on('lifecycleSettingsChanged', (next) => log.info('lifecycle.settings', next)),
    on('updateState', (state) => {
      if (
        update?.status === state.status &&
        update.version === state.version &&
        update.restartPending === state.restartPending
      )
        return;
      update = state;
      const { progress: _progress, ...rest } = state;
      if (state.status === 'error') log.warn('update', rest);
      else log.info('update', rest);
    }),
  ];
  return () => {
    for (const off of offs) off();
  };
}
