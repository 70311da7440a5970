// The two ways the renderer reaches the core: Electron's preload bridge, or the WebSocket transport
// (`npm run dev:web`, e2e tests). Both speak the same contract and return envelopes.
import {
  bridgeGlobalName,
  type AssistantBridge,
  type CommandName,
  type Envelope,
  type EventName,
  type Unsubscribe,
} from '../../src-preload/contract';
import { wsPortParam, wsTokenParam, type WsServerMessage } from '../../src-preload/ws-protocol';

export interface ContractTransport {
  invoke(name: CommandName, payload: unknown): Promise<Envelope<unknown>>;
  on(event: EventName, handler: (payload: unknown) => void): Unsubscribe;
}

export function bridgeTransport(bridge: AssistantBridge): ContractTransport {
  return {
    invoke: (name, payload) => (bridge[name] as (p: unknown) => Promise<Envelope<unknown>>)(payload),
    on: (event, handler) => bridge.on(event, handler as never),
  };
}

export function socketTransport(url: string): ContractTransport {
  const socket = new WebSocket(url);
  const opened = new Promise<void>((resolve, reject) => {
    socket.addEventListener('open', () => resolve(), { once: true });
    socket.addEventListener('error', () => reject(new Error('cannot reach the assistant core')), {
      once: true,
    });
  });
  const pending = new Map<number, (result: Envelope<unknown>) => void>();
  const handlers = new Map<string, Set<(payload: unknown) => void>>();
  let nextId = 1;

  socket.addEventListener('message', (message) => {
    const data = JSON.parse(String(message.data)) as WsServerMessage;
    if (data.type === 'result') {
      pending.get(data.id)?.(data.result as Envelope<unknown>);
      pending.delete(data.id);
    } else {
      for (const handler of handlers.get(data.event) ?? []) handler(data.payload);
    }
  });
  socket.addEventListener('close', () => {
    for (const resolve of pending.values()) {
      resolve({ ok: false, error: { code: 'unavailable', message: 'connection to the core was lost' } });
    }
    pending.clear();
  });

  return {
    async invoke(name, payload) {
      await opened;
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        socket.send(JSON.stringify({ type: 'call', id, command: name, payload }));
      });
    },
    on(event, handler) {
      const set = handlers.get(event) ?? new Set();
      handlers.set(event, set);
      set.add(handler);
      return () => set.delete(handler);
    },
  };
}

/** Electron when the preload bridge is there; otherwise the socket named in the page URL. */
export function detectTransport(win: Window = window): ContractTransport {
  const bridge = (win as unknown as Record<string, AssistantBridge | undefined>)[bridgeGlobalName];
  if (bridge) return bridgeTransport(bridge);
  const port = new URL(win.location.href).searchParams.get(wsPortParam);
  const token = new URLSearchParams(win.location.hash.slice(1)).get(wsTokenParam);
  if (!port || !token)
    throw new Error('No assistant core: open this page from the app or from `npm run dev:web`.');
  return socketTransport(`ws://127.0.0.1:${port}/?${wsTokenParam}=${encodeURIComponent(token)}`);
}
