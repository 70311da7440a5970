// One WebSocket to a Realtime server: opens with Bearer auth (GA: no beta header), sends typed client
// events, parses server frames without ever throwing, and reports HTTP refusals with their status.
import WebSocket from 'ws';
import type { ClientEvent, ServerEvent } from './protocol';
import { parseServerFrame } from './protocol';
import { describeHttpFailure, type Fault } from './errors';

export class ConnectError extends Error {
  constructor(readonly fault: Fault) {
    super(fault.message);
    this.name = 'ConnectError';
  }
}

export type BadFrameKind = 'not-json' | 'unknown' | 'invalid';

export interface ConnectionHandlers {
  onEvent(event: ServerEvent): void;
  /** A frame that was skipped: not JSON, an event type this client does not know, or one that breaks its schema. */
  onBadFrame(kind: BadFrameKind, detail: string): void;
  onClose(code: number, reason: string): void;
}

export interface RealtimeConnection {
  send(event: ClientEvent): void;
  /** Bytes queued in the socket but not yet written (backpressure signal). */
  bufferedAmount(): number;
  isOpen(): boolean;
  close(code?: number, reason?: string): void;
}

/** Opens the socket; resolves once it is open, rejects with a ConnectError describing the failure. */
export function openConnection(
  url: string,
  apiKey: string,
  handlers: ConnectionHandlers,
  timeoutMs = 10_000,
): Promise<RealtimeConnection> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, {
      headers: { Authorization: `Bearer ${apiKey}` },
      perMessageDeflate: false,
    });
    let settled = false;
    const fail = (fault: Fault) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      ws.removeAllListeners();
      ws.on('error', () => {}); // a late socket error after we gave up must not crash the process
      ws.terminate();
      reject(new ConnectError(fault));
    };
    const timer = setTimeout(
      () =>
        fail({
          message: `connection timed out after ${timeoutMs} ms (${new URL(url).host})`,
          action: 'report',
        }),
      timeoutMs,
    );
    ws.on('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => fail(describeHttpFailure(res.statusCode ?? 0, body)));
      res.on('error', () => fail(describeHttpFailure(res.statusCode ?? 0, body)));
    });
    ws.on('error', (error) => {
      if (!settled)
        fail({ message: `cannot connect to ${new URL(url).host}: ${error.message}`, action: 'report' });
    });
    ws.on('open', () => {
      settled = true;
      clearTimeout(timer);
      ws.on('message', (data, isBinary) => {
        if (isBinary) return handlers.onBadFrame('not-json', 'binary frame');
        const parsed = parseServerFrame(data.toString());
        if (parsed.kind === 'event') handlers.onEvent(parsed.event);
        else handlers.onBadFrame(parsed.kind, parsed.kind === 'unknown' ? parsed.type : parsed.reason);
      });
      ws.on('close', (code, reason) => handlers.onClose(code, reason.toString()));
      resolve({
        send: (event) => {
          if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(event));
        },
        bufferedAmount: () => ws.bufferedAmount,
        isOpen: () => ws.readyState === WebSocket.OPEN,
        close: (code = 1000, reason = 'client closed') => {
          if (ws.readyState === WebSocket.OPEN || ws.readyState === WebSocket.CONNECTING)
            ws.close(code, reason);
        },
      });
    });
  });
}
