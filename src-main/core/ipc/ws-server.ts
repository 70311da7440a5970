// The contract over a WebSocket on 127.0.0.1, guarded by a random token. Used by `npm run dev:web` and
// the end-to-end tests, so the real renderer can drive the real core without Electron.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { wsClientMessageSchema, wsTokenParam, type WsServerMessage } from '../../../src-preload/ws-protocol';
import type { Dispatcher } from './dispatcher';
import type { EventBus } from './event-bus';

export interface ContractSocketServer {
  readonly port: number;
  readonly token: string;
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
}): Promise<ContractSocketServer> {
  const token = randomBytes(24).toString('hex');
  const wss = new WebSocketServer({
    host: '127.0.0.1',
    port: options.port ?? 0,
    verifyClient: ({ req }, done) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (tokenMatches(token, url.searchParams.get(wsTokenParam))) done(true);
      else done(false, 401, 'bad token');
    },
  });
  await new Promise<void>((resolve, reject) => {
    wss.once('listening', resolve);
    wss.once('error', reject);
  });

  const send = (socket: WebSocket, message: WsServerMessage) => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
  };

  wss.on('connection', (socket) => {
    const unsubscribe = options.events.subscribeAll((event, payload) =>
      send(socket, { type: 'event', event, payload }),
    );
    socket.on('close', unsubscribe);
    socket.on('message', async (data) => {
      let message;
      try {
        message = wsClientMessageSchema.parse(JSON.parse(String(data)));
      } catch {
        socket.close(1003, 'malformed message');
        return;
      }
      const result = await options.dispatcher.dispatch(message.command, message.payload);
      send(socket, { type: 'result', id: message.id, result });
    });
  });

  return {
    port: (wss.address() as AddressInfo).port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close(() => resolve());
      }),
  };
}
