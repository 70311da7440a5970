// Turns meet the realtime session here. Every turn (talk key, --toggle-talk, the window's talk button)
// opens and closes the session's microphone, and a turn the session cannot take or drops (no API key, the
// microphone failed, muted, the connection died) ends at once, so the badge and earcons follow what the
// microphone really does instead of staying up until the safety timeout.
import type { EventBus } from '../ipc/event-bus';
import type { HotkeyService } from '../hotkey/hotkey-service';
import type { SessionService } from '../realtime/session-service';

export function linkTalkToSession(
  hotkeys: Pick<HotkeyService, 'onTalkStart' | 'onTalkEnd' | 'isTalking' | 'endTalk'>,
  session: Pick<SessionService, 'talkStart' | 'talkEnd' | 'getState'>,
  events: EventBus,
): () => void {
  // While the engine holds a turn open it reports 'listening' and nothing else. Checked after the current
  // call stack, so a turn is never ended from inside its own start (earcons stay in order: start, stop).
  const endIfDropped = () =>
    queueMicrotask(() => {
      if (hotkeys.isTalking() && session.getState().status !== 'listening') hotkeys.endTalk();
    });
  const offStart = hotkeys.onTalkStart(() => {
    session.talkStart();
    endIfDropped();
  });
  const offEnd = hotkeys.onTalkEnd(() => session.talkEnd());
  const offState = events.on('sessionState', endIfDropped);
  return () => {
    offStart();
    offEnd();
    offState();
  };
}
