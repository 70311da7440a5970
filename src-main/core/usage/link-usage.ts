// Joins usage to the live session: what the meter needs to know of it (the model the server runs, the
// transcription model, the conversation), and the moments the meter changes (a turn's outcome, another
// conversation, another profile or server session). The engine hands usage events straight to the service
// (its `onUsage`).
import type { ProfileDocument } from '../../../src-preload/contract';
import type { EventBus } from '../ipc/event-bus';
import type { RealtimeEngine } from '../realtime/engine';
import { effectiveModel } from '../realtime/session-payload';
import type { UsageService } from './usage-service';

type Json = Record<string, unknown>;
const at = (value: unknown, key: string): unknown =>
  value && typeof value === 'object' ? (value as Json)[key] : undefined;
const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() ? value : undefined;

export interface LiveUsageFacts {
  model: string;
  transcriptionModel: string | undefined;
  conversationId: string;
}

/** The server's view when the session is open (its model name may be a dated snapshot), else the profile's. */
export function liveUsageFacts(
  engine: RealtimeEngine,
  profile: ProfileDocument,
  defaultModel: string,
): LiveUsageFacts {
  const server = engine.serverSession;
  const transcription = server
    ? at(at(at(server, 'audio'), 'input'), 'transcription')
    : profile.session.audio?.input?.transcription;
  return {
    model: text(server?.model) ?? effectiveModel(profile, defaultModel),
    transcriptionModel: text(at(transcription, 'model')),
    conversationId: engine.getState().conversationId ?? '',
  };
}

export function linkUsageToSession(usage: UsageService, engine: RealtimeEngine, events: EventBus) {
  let conversationId: string | undefined;
  const onTurnDone = () => usage.turnDone();
  // A new server session (renewal, reconnect, a model change) starts from a replayed context.
  const onReady = () => usage.contextChanged();
  engine.on('turnDone', onTurnDone);
  engine.on('ready', onReady);
  const off = [
    events.on('sessionState', (state) => {
      if (state.conversationId === conversationId) return;
      conversationId = state.conversationId;
      usage.refresh();
    }),
    events.on('profilesChanged', () => {
      usage.contextChanged();
      usage.refresh();
    }),
  ];
  return () => {
    engine.off('turnDone', onTurnDone);
    engine.off('ready', onReady);
    for (const unsubscribe of off) unsubscribe();
  };
}
