// Past conversations, persisted as they happen.
import { z } from 'zod';
import { command } from './define';
import { transcriptItemSchema } from './session';
import { usageTotalsSchema } from './usage';

export const conversationSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  profileName: z.string(),
  startedAt: z.string(),
  updatedAt: z.string(),
  messageCount: z.number().int().nonnegative(),
  /** With a search query: the matching text around the hit. */
  snippet: z.string().optional(),
  /** What the conversation's responses used and cost (absent before any was recorded). */
  usage: usageTotalsSchema.optional(),
});
export type ConversationSummary = z.infer<typeof conversationSummarySchema>;

const byId = z.object({ id: z.string().min(1) }).strict();

export const historyCommands = {
  listConversations: command(
    z.object({ query: z.string().max(200).optional() }).strict(),
    z.array(conversationSummarySchema),
  ),
  getConversation: command(
    byId,
    z.object({ summary: conversationSummarySchema, items: z.array(transcriptItemSchema) }),
  ),
  exportConversation: command(
    z.object({ id: z.string().min(1), format: z.enum(['markdown', 'json']) }).strict(),
    z.object({ text: z.string(), fileName: z.string() }),
  ),
  deleteConversation: command(byId, z.object({ deleted: z.boolean() })),
};

export const historyEvents = {
  historyChanged: z.object({ conversationId: z.string() }),
};
