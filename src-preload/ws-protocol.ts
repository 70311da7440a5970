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

/** The renderer finds the socket in its page URL: `?ws=<port>#token=<token>` (the fragment never leaves the browser). */
export const wsPortParam = 'ws';
export const wsTokenParam = 'token';
