// The contract over a WebSocket on 127.0.0.1, guarded by a random token and the page's origin. Used by
// `npm run dev:web` and the end-to-end tests, so the real renderer can drive the real core without Electron.
// A client can only ever lose its own connection: oversized or malformed messages, socket errors and
// failed calls close or answer that client, never the server.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import {
  wsClientMessageSchema,
  wsMaxMessageBytes,
  wsTokenParam,
  type WsServerMessage,
} from '../../../src-preload/ws-protocol';
import type { Dispatcher } from './dispatcher';
import type { EventBus } from './event-bus';

export interface ContractSocketServer {
  readonly port: number;
  readonly token: string;
  /**
   * Admits browser pages from this origin (`http://127.0.0.1:5173`): the page dev:web serves. Until one is
   * admitted, and for any other origin, a handshake that carries an `Origin` header is refused.
   */
  allowOrigin(origin: string): void;
  close(): Promise<void>;
}

function tokenMatches(expected: string, given: string | null): boolean {
  if (given === null) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

export async function startContractSocketServer(options: {
  dispatcher: Dispatcher;
  events: EventBus;
  port?: number;
  /** Bytes; default wsMaxMessageBytes (see there for why). */
  maxPayload?: number;
  log?: (message: string, error?: unknown) => void;
}): Promise<ContractSocketServer> {
  const log = options.log ?? (() => {});
  const token = randomBytes(24).toString('hex');
  const origins = new Set<string>();
  const wss = new WebSocketServer({
    host: '127.0.0.1',
    port: options.port ?? 0,
    maxPayload: options.maxPayload ?? wsMaxMessageBytes,
    verifyClient: ({ req, origin }, done) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (!tokenMatches(token, url.searchParams.get(wsTokenParam))) return done(false, 401, 'bad token');
      // Browsers always send Origin on a WebSocket handshake and a page cannot change it, so this is what
      // stops another web page that learned the port and token. A client without Origin is not a browser
      // page (Node, tests) and could send any Origin it liked: the token is its only gate.
      if (origin !== undefined && !origins.has(origin)) return done(false, 403, 'origin not allowed');
      done(true);
    },
  });
  await new Promise<void>((resolve, reject) => {
    wss.once('listening', resolve);
    wss.once('error', reject);
  });
  // After listening, a server error (e.g. too many open files on accept) is logged, not thrown.
  wss.on('error', (error) => log('contract socket server error', error));

  const send = (socket: WebSocket, message: WsServerMessage) => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
  };

  wss.on('connection', (socket) => {
    const unsubscribe = options.events.subscribeAll((event, payload) =>
      send(socket, { type: 'event', event, payload }),
    );
    socket.on('close', unsubscribe);
    // Without a listener, an 'error' (a message over maxPayload, a broken frame) would be thrown and end
    // the process. ws closes the socket itself after it (1009, 1002); nothing else is needed here.
    socket.on('error', (error) => log('contract socket client error', error));
    socket.on('message', (data, isBinary) => void answer(socket, data, isBinary));
  });

  const answer = async (socket: WebSocket, data: unknown, isBinary: boolean) => {
    let message;
    try {
      if (isBinary) throw new Error('binary message'); // the protocol is JSON text
      message = wsClientMessageSchema.parse(JSON.parse(String(data)));
    } catch {
      socket.close(1003, 'malformed message');
      return;
    }
    try {
      const result = await options.dispatcher.dispatch(message.command, message.payload);
      send(socket, { type: 'result', id: message.id, result });
    } catch (error) {
      // The dispatcher answers every failure as an envelope; reaching here is a bug, still one client's.
      log(`contract call ${message.command} failed`, error);
      send(socket, {
        type: 'result',
        id: message.id,
        result: { ok: false, error: { code: 'internal', message: `${message.command} failed unexpectedly` } },
      });
    }
  };

  return {
    port: (wss.address() as AddressInfo).port,
    token,
    allowOrigin: (origin) => void origins.add(origin),
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close(() => resolve());
      }),
  };
}
