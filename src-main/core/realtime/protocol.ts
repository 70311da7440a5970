// Wire-level helpers: the SDK's GA event types, frame parsing (and schema checking) that never throws, log
// elision.
import type { RealtimeClientEvent, RealtimeServerEvent } from 'openai/resources/realtime/realtime';
import { checkServerEvent } from './server-event-schema';

export type ClientEvent = RealtimeClientEvent;
export type ServerEvent = RealtimeServerEvent;
export type ServerEventOf<T extends ServerEvent['type']> = Extract<ServerEvent, { type: T }>;

export type ParsedFrame =
  | { kind: 'event'; event: ServerEvent }
  | { kind: 'not-json'; reason: string }
  | { kind: 'unknown'; type: string; raw: Record<string, unknown> }
  /** A GA event type whose fields do not match its schema: `reason` names the type and the first error. */
  | { kind: 'invalid'; type: string; reason: string };

/**
 * One WebSocket frame from the server. Never throws: bad frames are reported, the session goes on. An event
 * is handed on only when it matches the official GA schema of its type (server-event-schema.ts), so handlers
 * can trust the SDK's types.
 */
export function parseServerFrame(data: string): ParsedFrame {
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch (error) {
    return { kind: 'not-json', reason: (error as Error).message };
  }
  if (!value || typeof value !== 'object' || Array.isArray(value))
    return { kind: 'not-json', reason: 'not a JSON object' };
  const frame = value as Record<string, unknown>;
  const check = checkServerEvent(frame);
  if (check.ok) return { kind: 'event', event: value as ServerEvent };
  if ('unknownType' in check) return { kind: 'unknown', type: String(frame.type), raw: frame };
  return { kind: 'invalid', type: String(frame.type), reason: check.error };
}

const strictBase64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Base64 → bytes, or null when the text is not valid base64 (Node's decoder would silently skip junk). */
export function decodeBase64Audio(text: string): Buffer | null {
  if (typeof text !== 'string' || text.length % 4 !== 0 || !strictBase64.test(text)) return null;
  return Buffer.from(text, 'base64');
}

/** A copy of an event for the event-log panel, with audio payloads replaced by their size. */
export function elideAudio(event: object): unknown {
  const e = event as Record<string, unknown>;
  if (e.type === 'input_audio_buffer.append' && typeof e.audio === 'string')
    return { ...e, audio: `<${base64Bytes(e.audio)} bytes>` };
  if (e.type === 'response.output_audio.delta' && typeof e.delta === 'string')
    return { ...e, delta: `<${base64Bytes(e.delta)} bytes>` };
  return event;
}

/** The decoded size of base64 text: padding characters carry no bytes. */
const base64Bytes = (text: string): number =>
  Math.floor((text.length * 3) / 4) - (text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0);
