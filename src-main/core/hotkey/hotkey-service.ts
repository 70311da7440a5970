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
import { createTalkStateMachine, type TalkEnd, type TalkStart } from './talk-state';

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
const CAPTURE_SCREEN_ID = 'captureScreen';
const PROFILE_PREFIX = 'profile:';

const fieldOf = (id: string) =>
  id === PUSH_TO_TALK_ID || id === NEXT_PROFILE_ID || id === CAPTURE_SCREEN_ID
    ? `hotkeys.${id}`
    : `hotkeys.profiles.${id.slice(PROFILE_PREFIX.length)}`;

export function createHotkeyService(options: HotkeyServiceOptions) {
  const log = options.log ?? (() => {});
  const session = options.session ?? { platform: process.platform, env: process.env };
  const startListeners = new Set<(start: TalkStart) => void>();
  const endListeners = new Set<(end: TalkEnd) => void>();
  const profileListeners = new Set<(shortcut: ProfileShortcut) => void>();
  const captureListeners = new Set<() => void>();
  let playWav: PlayWav | undefined;
  // Resolves true once the microphone of the turn just started really listens (false: it never will). Unset,
  // a turn listens from its start.
  let listening: (() => Promise<boolean>) | undefined;
  let turnCount = 0;
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

  // Turns from the talk key (ptt) and from the window (windowTurn) meet here: the first to open the
  // microphone starts the turn, and it ends when neither holds it any more. So every turn, however it was
  // opened, goes through one place: talkState (and with it the badge), the listeners (the session), earcons.
  let openedAt: number | undefined;
  const anyTalking = () => (ptt?.isTalking() ?? false) || windowTurn.isTalking();
  const turnStarted = (start: TalkStart) => {
    if (openedAt !== undefined) return;
    openedAt = start.at;
    const turn = ++turnCount;
    emitTalk({ talking: true, trigger: start.trigger });
    for (const listener of startListeners) listener(start);
    // The start sound tells the user to speak: with a microphone still opening, it waits until the device
    // delivers audio, and a turn over before that gets none.
    if (!listening) return void earcons?.talkStarted();
    void listening().then((live) => {
      if (live && turn === turnCount && openedAt !== undefined) void earcons?.talkStarted();
    });
  };
  const turnEnded = (end: TalkEnd) => {
    if (openedAt === undefined || anyTalking()) return;
    const whole: TalkEnd = { ...end, talkedMs: Math.max(0, end.at - openedAt) };
    openedAt = undefined;
    emitTalk({ talking: false, reason: whole.reason, talkedMs: whole.talkedMs });
    for (const listener of endListeners) listener(whole);
    void earcons?.talkEnded(whole);
  };
  // The window's talk button and Space: talking while held whatever the key mode (a click must not latch).
  // A machine of its own, so the button works before a backend is ready (the portal's dialog may take
  // minutes) and while the keys are re-registered.
  const windowTurn = createTalkStateMachine({
    mode: 'hold',
    safetyTimeoutMs: () => options.settings.get().pttSafetyTimeoutMs,
    onTalkStart: (start) => turnStarted({ ...start, trigger: 'window' }),
    onTalkEnd: turnEnded,
  });

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
    const capture = fieldErrors['hotkeys.captureScreen'] ? null : binding(settings.hotkeys.captureScreen);
    if (capture)
      shortcuts.push({ id: CAPTURE_SCREEN_ID, binding: capture, description: 'Talk about my screen' });
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
        if (id === CAPTURE_SCREEN_ID) {
          for (const listener of captureListeners) listener();
          return;
        }
        const shortcut: ProfileShortcut =
          id === NEXT_PROFILE_ID
            ? { type: 'next' }
            : { type: 'select', profileId: id.slice(PROFILE_PREFIX.length) };
        for (const listener of profileListeners) listener(shortcut);
      },
      onTalkStart: turnStarted,
      onTalkEnd: turnEnded,
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
    toggleTalk: () => {
      if (!windowTurn.isTalking()) return ptt?.toggleTalk();
      ptt?.endTalk();
      windowTurn.end('toggle');
    },
    /**
     * The window's talk button or Space going down ('start') or up ('end'). Up ends the turn however it was
     * opened: the user let go of the button, and the microphone closes.
     */
    windowTalk(phase: 'start' | 'end') {
      if (phase === 'start') {
        if (!windowTurn.isTalking()) windowTurn.press();
        return;
      }
      ptt?.endTalk();
      windowTurn.release();
    },
    /** Ends the turn from outside, whoever opened it: the session cannot take it (failed, dropped, muted). */
    endTalk: () => {
      ptt?.endTalk();
      windowTurn.end('external');
    },
    isTalking: anyTalking,
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
    /** The "Talk about my screen" shortcut was pressed. */
    onCaptureScreen(listener: () => void) {
      captureListeners.add(listener);
      return () => void captureListeners.delete(listener);
    },
    /**
     * The session tells when a turn's microphone really listens (asked right after the turn's listeners ran);
     * the start earcon waits for it.
     */
    setListeningSignal(signal: (() => Promise<boolean>) | undefined) {
      listening = signal;
    },
    /** The audio side plugs in its output here; until then earcons stay silent. */
    setEarconPlayer(play: PlayWav | undefined) {
      playWav = play;
    },
    async dispose() {
      disposed = true;
      windowTurn.dispose();
      await queue;
      await ptt?.dispose();
      await backend?.dispose();
      backend = null;
    },
  };
}
export type HotkeyService = ReturnType<typeof createHotkeyService>;
