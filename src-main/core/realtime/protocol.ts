// Wire-level helpers: the SDK's GA event types, frame parsing that never throws, log elision.
import type { RealtimeClientEvent, RealtimeServerEvent } from 'openai/resources/realtime/realtime';

export type ClientEvent = RealtimeClientEvent;
export type ServerEvent = RealtimeServerEvent;
export type ServerEventOf<T extends ServerEvent['type']> = Extract<ServerEvent, { type: T }>;

/** Server event types this engine understands; anything else is counted and skipped. */
const knownServerTypes: ReadonlySet<string> = new Set<ServerEvent['type']>([
  'session.created',
  'session.updated',
  'error',
  'conversation.created',
  'conversation.item.created',
  'conversation.item.added',
  'conversation.item.done',
  'conversation.item.deleted',
  'conversation.item.truncated',
  'conversation.item.retrieved',
  'conversation.item.input_audio_transcription.delta',
  'conversation.item.input_audio_transcription.completed',
  'conversation.item.input_audio_transcription.failed',
  'conversation.item.input_audio_transcription.segment',
  'input_audio_buffer.committed',
  'input_audio_buffer.cleared',
  'input_audio_buffer.speech_started',
  'input_audio_buffer.speech_stopped',
  'input_audio_buffer.timeout_triggered',
  'input_audio_buffer.dtmf_event_received',
  'output_audio_buffer.started',
  'output_audio_buffer.stopped',
  'output_audio_buffer.cleared',
  'rate_limits.updated',
  'response.created',
  'response.done',
  'response.output_item.added',
  'response.output_item.done',
  'response.content_part.added',
  'response.content_part.done',
  'response.output_audio.delta',
  'response.output_audio.done',
  'response.output_audio_transcript.delta',
  'response.output_audio_transcript.done',
  'response.output_text.delta',
  'response.output_text.done',
  'response.function_call_arguments.delta',
  'response.function_call_arguments.done',
  'mcp_list_tools.in_progress',
  'mcp_list_tools.completed',
  'mcp_list_tools.failed',
  'response.mcp_call_arguments.delta',
  'response.mcp_call_arguments.done',
  'response.mcp_call.in_progress',
  'response.mcp_call.completed',
  'response.mcp_call.failed',
]);

export type ParsedFrame =
  | { kind: 'event'; event: ServerEvent }
  | { kind: 'not-json'; reason: string }
  | { kind: 'unknown'; type: string; raw: Record<string, unknown> };

/** One WebSocket frame from the server. Never throws: bad frames are reported, the session goes on. */
export function parseServerFrame(data: string): ParsedFrame {
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch (error) {
    return { kind: 'not-json', reason: (error as Error).message };
  }
  if (!value || typeof value !== 'object' || Array.isArray(value))
    return { kind: 'not-json', reason: 'not a JSON object' };
  const type = (value as { type?: unknown }).type;
  if (typeof type !== 'string' || !knownServerTypes.has(type))
    return { kind: 'unknown', type: String(type), raw: value as Record<string, unknown> };
  return { kind: 'event', event: value as ServerEvent };
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
