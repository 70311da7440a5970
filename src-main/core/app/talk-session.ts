// Turns meet the realtime session here. Every turn (talk key, --toggle-talk, the window's talk button)
// opens and closes the session's microphone, and a turn the session cannot take or drops (no API key, the
// microphone failed, muted, the connection died) ends at once, so the badge and earcons follow what the
// microphone really does instead of staying up until the safety timeout. A microphone that has to be opened
// first makes the session report 'opening' until its device delivers audio: the start earcon waits for
// 'listening', so the user hears when to speak.
import type { SessionState } from '../../../src-preload/contract';
import type { EventBus } from '../ipc/event-bus';
import type { HotkeyService } from '../hotkey/hotkey-service';
import type { SessionService } from '../realtime/session-service';

/** The statuses of a turn the session holds: the device opening, then listening. */
const holdsTurn = (status: SessionState['status']) => status === 'listening' || status === 'opening';

export function linkTalkToSession(
  hotkeys: Pick<HotkeyService, 'onTalkStart' | 'onTalkEnd' | 'isTalking' | 'endTalk' | 'setListeningSignal'>,
  session: Pick<SessionService, 'talkStart' | 'talkEnd' | 'getState'>,
  events: EventBus,
): () => void {
  // While the engine holds a turn open it reports 'opening' or 'listening' and nothing else. Checked after
  // the current call stack, so a turn is never ended from inside its own start (earcons stay in order).
  const endIfDropped = () =>
    queueMicrotask(() => {
      if (hotkeys.isTalking() && !holdsTurn(session.getState().status)) hotkeys.endTalk();
    });
  const waiting: ((live: boolean) => void)[] = [];
  const settle = (live: boolean) => {
    for (const resolve of waiting.splice(0)) resolve(live);
  };
  hotkeys.setListeningSignal(() => {
    const status = session.getState().status;
    if (!holdsTurn(status)) return Promise.resolve(false);
    if (status === 'listening') return Promise.resolve(true);
    return new Promise((resolve) => waiting.push(resolve));
  });
  const offStart = hotkeys.onTalkStart(() => {
    session.talkStart();
    // Hands-free, a press only switches listening on or off: the key's turn ends at once, so the next press
    // (in any key mode, and --toggle-talk) switches it again.
    if (session.getState().handsFree) queueMicrotask(() => hotkeys.endTalk());
    else endIfDropped();
  });
  const offEnd = hotkeys.onTalkEnd(() => {
    settle(false);
    session.talkEnd();
  });
  const offState = events.on('sessionState', (state) => {
    if (state.status !== 'opening') settle(state.status === 'listening');
    if (!state.handsFree) endIfDropped();
  });
  return () => {
    offStart();
    offEnd();
    offState();
    hotkeys.setListeningSignal(undefined);
    settle(false);
  };
}
