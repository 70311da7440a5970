// Entries of the window's event-log panel: one client or server event each, audio payloads replaced by sizes.
import type { RealtimeLogEntry } from '../../../src-preload/contract';
import { elideAudio, type ClientEvent, type ServerEvent } from './protocol';

export const logEntry = (
  direction: 'client' | 'server',
  event: ClientEvent | ServerEvent,
): RealtimeLogEntry => ({
  direction,
  type: event.type,
  at: new Date().toISOString(),
  event: elideAudio(event),
});

/** A frame skipped as unusable, shown in the panel so a misbehaving server can be seen. */
export const skippedEntry = (kind: string, detail: string): RealtimeLogEntry => ({
  direction: 'server',
  type: `skipped (${kind})`,
  at: new Date().toISOString(),
  event: { kind, detail },
});
