// Hotkeys as a core service: follows the settings, picks and re-picks the backend, runs push-to-talk,
// announces status and talk state on the event bus, and hands turns and profile shortcuts to whoever
// subscribes (the realtime engine, the profiles service).
import type { HotkeyStatus, Settings, TalkState } from '../../../src-preload/contract';
import type { EventBus } from '../ipc/event-bus';
import { parseAccelerator, type Binding } from './accelerator';
import type { HotkeyBackend } from './backend';
import { chooseBackend, type BackendFactories, type SessionInfo } from './choose-backend';
import { validateHotkeys } from './conflicts';
import { createEarcons, type PlayWav } from './earcons';
import { createPushToTalk, PUSH_TO_TALK_ID, type PushToTalk } from './push-to-talk';
import type { TalkEnd, TalkStart } from './talk-state';

export type ProfileShortcut = { type: 'next' } | { type: 'select'; profileId: string };

export interface HotkeyServiceOptions {
  settings: { get(): Settings };
  events: EventBus;
  /** Backends this shell can offer; none → the status says so and only --toggle-talk works. */
  factories: BackendFactories;
  session?: SessionInfo;
  /** Folder with start.wav / stop.wav. */
  earconDir?: string;
  log?: (message: string, error?: unknown) => void;
}

const NEXT_PROFILE_ID = 'nextProfile';
const PROFILE_PREFIX = 'profile:';

const fieldOf = (id: string) =>
  id === PUSH_TO_TALK_ID
    ? 'hotkeys.pushToTalk'
    : id === NEXT_PROFILE_ID
      ? 'hotkeys.nextProfile'
      : `hotkeys.profiles.${id.slice(PROFILE_PREFIX.length)}`;

export function createHotkeyService(options: HotkeyServiceOptions) {
  const log = options.log ?? (() => {});
  const session = options.session ?? { platform: process.platform, env: process.env };
  const startListeners = new Set<(start: TalkStart) => void>();
  const endListeners = new Set<(end: TalkEnd) => void>();
  const profileListeners = new Set<(shortcut: ProfileShortcut) => void>();
  let playWav: PlayWav | undefined;
  const earcons = options.earconDir
    ? createEarcons({
        dir: options.earconDir,
        enabled: () => options.settings.get().earcons && playWav !== undefined,
        play: (wav, name) => playWav?.(wav, name),
        log,
      })
    : undefined;

  let backend: HotkeyBackend | null = null;
  let backendFor: Settings['hotkeyBackend'] | undefined;
  let backendMessage: string | null = null;
  let ptt: PushToTalk | undefined;
  let applied: string | undefined;
  let status: HotkeyStatus = {
    backend: 'none',
    requestedBackend: options.settings.get().hotkeyBackend,
    mode: options.settings.get().pttMode,
    requestedMode: options.settings.get().pttMode,
    fallbackMessage: null,
    fieldErrors: {},
  };
  let queue: Promise<void> = Promise.resolve();
  let disposed = false;

  const emitTalk = (state: TalkState) => options.events.emit('talkState', state);

  const apply = async (settings: Settings) => {
    // Only the hotkey part of the settings matters; other edits must not re-register (a portal dialog!).
    const key = JSON.stringify([
      settings.hotkeys,
      settings.pttMode,
      settings.hotkeyBackend,
      settings.pttSafetyTimeoutMs,
    ]);
    if (key === applied || disposed) return;
    applied = key;
    const wasTalking = ptt?.isTalking() ?? false;
    await ptt?.dispose();
    ptt = undefined;
    if (backendFor !== settings.hotkeyBackend) {
      await backend?.dispose();
      const chosen = await chooseBackend(settings.hotkeyBackend, session, options.factories, log);
      backend = chosen.backend;
      backendMessage = chosen.fallbackMessage;
      backendFor = settings.hotkeyBackend;
    }

    const { fieldErrors } = validateHotkeys(settings.hotkeys, session.platform);
    const binding = (accelerator: string | null): Binding | null => {
      if (accelerator === null) return null;
      try {
        return parseAccelerator(accelerator, session.platform);
      } catch {
        return null; // already reported through fieldErrors
      }
    };
    const shortcuts: { id: string; binding: Binding; description: string }[] = [];
    const next = fieldErrors['hotkeys.nextProfile'] ? null : binding(settings.hotkeys.nextProfile);
    if (next)
      shortcuts.push({ id: NEXT_PROFILE_ID, binding: next, description: 'Switch to the next profile' });
    for (const [profileId, accelerator] of Object.entries(settings.hotkeys.profiles)) {
      const b = fieldErrors[`hotkeys.profiles.${profileId}`] ? null : binding(accelerator);
      if (b)
        shortcuts.push({
          id: `${PROFILE_PREFIX}${profileId}`,
          binding: b,
          description: `Switch to profile ${profileId}`,
        });
    }

    ptt = await createPushToTalk({
      backend,
      mode: settings.pttMode,
      binding: binding(settings.hotkeys.pushToTalk),
      safetyTimeoutMs: settings.pttSafetyTimeoutMs,
      shortcuts,
      onShortcut: (id) => {
        const shortcut: ProfileShortcut =
          id === NEXT_PROFILE_ID
            ? { type: 'next' }
            : { type: 'select', profileId: id.slice(PROFILE_PREFIX.length) };
        for (const listener of profileListeners) listener(shortcut);
      },
      onTalkStart: (start) => {
        emitTalk({ talking: true, trigger: start.trigger });
        for (const listener of startListeners) listener(start);
        void earcons?.talkStarted();
      },
      onTalkEnd: (end) => {
        emitTalk({ talking: false, reason: end.reason, talkedMs: end.talkedMs });
        for (const listener of endListeners) listener(end);
        void earcons?.talkEnded(end);
      },
    });
    if (wasTalking) log('hotkey settings changed during a turn: the turn was ended');
    for (const { id, message } of ptt.failed) (fieldErrors[fieldOf(id)] ??= []).push(message);
    status = {
      backend: backend?.kind ?? 'none',
      requestedBackend: settings.hotkeyBackend,
      mode: ptt.mode,
      requestedMode: settings.pttMode,
      fallbackMessage: backendMessage,
      fieldErrors,
    };
    options.events.emit('hotkeyStatus', status);
  };

  const schedule = (settings: Settings) => {
    queue = queue.then(() => apply(settings)).catch((error) => log('applying hotkey settings failed', error));
    return queue;
  };

  return {
    /** Chooses the backend and registers the shortcuts from the current settings. */
    start: () => schedule(options.settings.get()),
    /** Call on settingsChanged; a no-op unless a hotkey field changed. */
    settingsChanged: (settings: Settings) => schedule(settings),
    status: (): HotkeyStatus => status,
    /** `<app> --toggle-talk`, the tray: start talking if idle, stop if talking. */
    toggleTalk: () => ptt?.toggleTalk(),
    /** The engine ends a turn it cannot continue (session dropped). */
    endTalk: () => ptt?.endTalk(),
    isTalking: () => ptt?.isTalking() ?? false,
    onTalkStart(listener: (start: TalkStart) => void) {
      startListeners.add(listener);
      return () => void startListeners.delete(listener);
    },
    onTalkEnd(listener: (end: TalkEnd) => void) {
      endListeners.add(listener);
      return () => void endListeners.delete(listener);
    },
    onProfileShortcut(listener: (shortcut: ProfileShortcut) => void) {
      profileListeners.add(listener);
      return () => void profileListeners.delete(listener);
    },
    /** The audio side plugs in its output here; until then earcons stay silent. */
    setEarconPlayer(play: PlayWav | undefined) {
      playWav = play;
    },
    async dispose() {
      disposed = true;
      await queue;
      await ptt?.dispose();
      await backend?.dispose();
      backend = null;
    },
  };
}
export type HotkeyService = ReturnType<typeof createHotkeyService>;
