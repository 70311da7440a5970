// Messages of the WebSocket transport (the contract over a socket): shared by core (server) and renderer (client).
import { z } from 'zod';

export const wsClientMessageSchema = z.object({
  type: z.literal('call'),
  id: z.number().int().nonnegative(),
  command: z.string(),
  payload: z.unknown().optional(),
});
export type WsClientMessage = z.infer<typeof wsClientMessageSchema>;

export type WsServerMessage =
  { type: 'result'; id: number; result: unknown } | { type: 'event'; event: string; payload: unknown };

/**
 * The largest message the core reads from a socket client; a bigger one closes that client (1009) and
 * nothing else. The largest real call is `importProfile`, whose text the contract caps at 1,000,000
 * characters: sent as JSON that is at most 3 MB (3 UTF-8 bytes per character), 2 MB for text that is all
 * quotes or backslashes (escaped to two bytes each). Every other call (a settings or profile document) is
 * tens of kilobytes. 4 MiB holds the largest import with room and is 25 times below ws's 100 MiB default.
 */
export const wsMaxMessageBytes = 4 * 1024 * 1024;

/** The renderer finds the socket in its page URL: `?ws=<port>#token=<token>` (the fragment never leaves the browser). */
export const wsPortParam = 'ws';
export const wsTokenParam = 'token';
