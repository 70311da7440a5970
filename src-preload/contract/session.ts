// The live conversation: talking, typing, status, transcript, and the raw event log.
import { z } from 'zod';
import { command, noRequest } from './define';
import { callApprovalSchema } from './mcp';
import { maxImagesPerTurn, transcriptImageSchema } from './images';

export const sessionStatusSchema = z.enum([
  'disconnected',
  'connecting',
  'ready',
  /** The talk key is down and the microphone is opening: speak once it is 'listening'. */
  'opening',
  'listening',
  /** Hands-free: the server hears the user speaking. */
  'hearing',
  'thinking',
  'speaking',
  'error',
]);
export type SessionStatus = z.infer<typeof sessionStatusSchema>;

export const sessionStateSchema = z.object({
  status: sessionStatusSchema,
  /** Human-readable detail: the error text, "too short", "reconnecting in 2 s"… */
  message: z.string().optional(),
  profileId: z.string().optional(),
  conversationId: z.string().optional(),
  muted: z.boolean(),
  /** The last answer failed: `retryResponse` asks for it again. */
  canRetry: z.boolean().optional(),
  /** The active profile detects turns by voice: it can listen hands-free (the Listen toggle). */
  handsFree: z.boolean().optional(),
  /** Hands-free listening is on: the microphone streams and the server takes the turns. */
  listening: z.boolean().optional(),
});
export type SessionState = z.infer<typeof sessionStateSchema>;

export const toolCallSchema = z.object({
  name: z.string(),
  arguments: z.string(),
  output: z.string().optional(),
  error: z.string().optional(),
  /** The MCP server that ran it (none for the app's own tools). */
  server: z.string().optional(),
  /** How it was approved, or why it was not. */
  approval: callApprovalSchema.optional(),
});
export type ToolCall = z.infer<typeof toolCallSchema>;

/** One turn of the transcript. Sent again (same id) as it streams; `final` once complete. */
export const transcriptItemSchema = z.object({
  id: z.string(),
  conversationId: z.string(),
  role: z.enum(['user', 'assistant', 'tool', 'system']),
  text: z.string(),
  final: z.boolean(),
  /** The assistant was cut off; `text` then holds only what was heard, when known. */
  interrupted: z.boolean().optional(),
  tool: toolCallSchema.optional(),
  /** Images that went with this user turn (thumbnails). */
  images: z.array(transcriptImageSchema).max(maxImagesPerTurn).optional(),
  at: z.string(),
});
export type TranscriptItem = z.infer<typeof transcriptItemSchema>;

/**
 * Text streaming into a transcript item: only the new part, appended to the item's text. (Re-sending the whole
 * item for every delta made a long answer cost the square of its length.) The item itself is sent when it
 * starts and when it changes otherwise (final, interrupted, tool result).
 */
export const transcriptAppendSchema = z.object({
  id: z.string(),
  conversationId: z.string(),
  text: z.string(),
});
export type TranscriptAppend = z.infer<typeof transcriptAppendSchema>;

/** One Realtime protocol event for the event-log panel (audio payloads elided). */
export const realtimeLogEntrySchema = z.object({
  direction: z.enum(['client', 'server']),
  type: z.string(),
  at: z.string(),
  event: z.unknown(),
});
export type RealtimeLogEntry = z.infer<typeof realtimeLogEntrySchema>;

export const sessionCommands = {
  getSessionState: command(noRequest, sessionStateSchema),
  /** The window's talk button / Space: same as the global key going down and up. */
  talkStart: command(noRequest, sessionStateSchema),
  talkEnd: command(noRequest, sessionStateSchema),
  sendText: command(z.object({ text: z.string().trim().min(1).max(8_000) }).strict(), sessionStateSchema),
  /** After a failed answer (`canRetry`): ask for the answer again. */
  retryResponse: command(noRequest, sessionStateSchema),
  /** Hands-free listening on or off (a profile whose turn detection is server or semantic VAD). */
  setListening: command(z.object({ on: z.boolean() }).strict(), sessionStateSchema),
  /** Stop the assistant now (barge-in without speaking). */
  interrupt: command(noRequest, sessionStateSchema),
  setMuted: command(z.object({ muted: z.boolean() }).strict(), sessionStateSchema),
  /** Close the connection; the transcript stays. */
  endSession: command(noRequest, sessionStateSchema),
  /** Start over with an empty conversation. */
  newConversation: command(noRequest, sessionStateSchema),
  /** The current conversation so far (a window opened mid-conversation catches up). */
  getTranscript: command(noRequest, z.array(transcriptItemSchema)),
  /**
   * The event-log panel opened (`on`) or closed: `realtimeLog` is built and sent only while it is open,
   * since each entry copies a protocol event. The window sends its state when it loads and on each change;
   * the last one wins (windows of one core share the switch).
   */
  setRealtimeLog: command(z.object({ on: z.boolean() }).strict(), z.object({ on: z.boolean() })),
};

export const sessionEvents = {
  sessionState: sessionStateSchema,
  transcript: transcriptItemSchema,
  transcriptAppend: transcriptAppendSchema,
  realtimeLog: realtimeLogEntrySchema,
};
