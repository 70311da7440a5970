// Messages of the WebSocket transport (the contract over a socket): shared by core (server) and renderer (client).
import { z } from 'zod';
import { maxImageBase64Chars } from './contract/images';

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
 * nothing else. The largest real call is `attachImage`: a pasted or dropped image file of up to 20 MiB as
 * base64, under 27 MiB. The next is `importProfile`, whose text the contract caps at 1,000,000 characters (at
 * most 3 MB as JSON). Every other call is tens of kilobytes. The image's base64 plus 1 MiB for its envelope,
 * 28 MiB, is still 3.5 times below ws's 100 MiB default, and a bigger message is refused before it is buffered.
 */
export const wsMaxMessageBytes = maxImageBase64Chars + 1024 * 1024;

/** The renderer finds the socket in its page URL: `?ws=<port>#token=<token>` (the fragment never leaves the browser). */
export const wsPortParam = 'ws';
export const wsTokenParam = 'token';
