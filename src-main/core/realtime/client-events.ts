// Every client event the engine sends, built in one place (typed by the SDK's GA client events), so the parts
// name what they mean ("commit the turn") rather than spelling out wire shapes.
import { randomUUID } from 'node:crypto';
import type { CaptureChunk } from '../audio/types';
import type { ClientEvent } from './protocol';

type Of<T extends ClientEvent['type']> = Extract<ClientEvent, { type: T }>;

export const appendAudio = (chunk: CaptureChunk): Of<'input_audio_buffer.append'> => ({
  type: 'input_audio_buffer.append',
  audio: chunk.data.toString('base64'),
});

export const commitAudio = (): Of<'input_audio_buffer.commit'> => ({ type: 'input_audio_buffer.commit' });

export const clearAudio = (): Of<'input_audio_buffer.clear'> => ({ type: 'input_audio_buffer.clear' });

export const userText = (text: string): Of<'conversation.item.create'> => ({
  type: 'conversation.item.create',
  item: { type: 'message', role: 'user', content: [{ type: 'input_text', text }] },
});

export const assistantText = (text: string): Of<'conversation.item.create'> => ({
  type: 'conversation.item.create',
  item: { type: 'message', role: 'assistant', content: [{ type: 'output_text', text }] },
});

export const toolOutput = (callId: string, output: string): Of<'conversation.item.create'> => ({
  type: 'conversation.item.create',
  item: { type: 'function_call_output', call_id: callId, output },
});

/** The user's answer to a remote MCP server's `mcp_approval_request`; `reason` is said to the model. */
export const mcpApprovalResponse = (
  requestId: string,
  approve: boolean,
  reason?: string,
): Of<'conversation.item.create'> => ({
  type: 'conversation.item.create',
  item: {
    type: 'mcp_approval_response',
    // The item needs its own id (the schema requires one); 32 characters at most, like the server's.
    id: `mcpr_${randomUUID().replaceAll('-', '').slice(0, 27)}`,
    approval_request_id: requestId,
    approve,
    ...(reason ? { reason } : {}),
  },
});

export const createResponse = (eventId: string): Of<'response.create'> => ({
  type: 'response.create',
  event_id: eventId,
});

export const cancelResponse = (): Of<'response.cancel'> => ({ type: 'response.cancel' });

/** `audioEndMs` is floored: an integer never above what was received, so the server never refuses it. */
export const truncateItem = (itemId: string, audioEndMs: number): Of<'conversation.item.truncate'> => ({
  type: 'conversation.item.truncate',
  item_id: itemId,
  content_index: 0,
  audio_end_ms: Math.max(0, Math.floor(audioEndMs)),
});

/** What a part needs of the session link to talk to the server. */
export interface Wire {
  send(event: ClientEvent): void;
  /** The server holds the profile: audio and responses may go. */
  isConfirmed(): boolean;
}

/** The conversation's text as items, so a new session knows what was said (`skip`: sent again as audio). */
export function contextItems(
  items: readonly { id: string; role: string; text: string }[],
  skip: string | undefined,
): ClientEvent[] {
  const events: ClientEvent[] = [];
  for (const item of items) {
    if (item.id === skip || !item.text.trim()) continue;
    if (item.role === 'user') events.push(userText(item.text));
    else if (item.role === 'assistant') events.push(assistantText(item.text));
  }
  return events;
}
