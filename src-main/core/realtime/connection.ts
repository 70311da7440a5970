// One WebSocket to a Realtime server: opens with Bearer auth (GA: no beta header), sends typed client
// events, parses server frames without ever throwing, and reports HTTP refusals with their status.
import WebSocket from 'ws';
import type { ClientEvent, ServerEvent } from './protocol';
import { parseServerFrame } from './protocol';
import { describeHttpFailure, type Fault } from './errors';
import { errorBodyCap, readBounded } from './bounded-body';

/**
 * The largest server frame accepted. Real frames are at most tens of kilobytes: an audio delta (the largest
 * regular frame) carries well under a second of audio, and one second of 24 kHz PCM16 is 64 KB of base64; a
 * session.updated echoing a profile with a hundred tool schemas is a few hundred kilobytes. 4 MiB leaves ten
 * times that, and bounds what one frame can cost: ws refuses a bigger frame from its header, before buffering
 * any of it, and the socket is dropped (see 'error' below): the link reconnects and the turn goes on. Without
 * a cap ws accepts 100 MiB, and a 64 MB frame cost 270-370 MB of RSS (buffered, joined, decoded, parsed).
 */
export const maxServerFrameBytes = 4 * 1024 * 1024;

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
      maxPayload: maxServerFrameBytes,
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
      const status = res.statusCode ?? 0;
      // A refusal explains itself in a short JSON body; a server that sends more is not read further.
      readBounded(res, errorBodyCap).then(
        ({ text }) => fail(describeHttpFailure(status, text)),
        () => fail(describeHttpFailure(status, '')),
      );
    });
    // After the open, an error means the server broke the protocol (a frame over the cap, invalid UTF-8, a
    // bad opcode). ws would send a close and then drain whatever the server keeps sending until its close
    // arrives (up to 30 s); drop the socket at once instead: the link reconnects either way.
    let broken: Error | undefined;
    ws.on('error', (error) => {
      if (!settled)
        fail({ message: `cannot connect to ${new URL(url).host}: ${error.message}`, action: 'report' });
      else if (!broken) {
        broken = error;
        ws.terminate();
      }
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
      ws.on('close', (code, reason) => handlers.onClose(code, broken?.message ?? reason.toString()));
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
