// Issue 17, findings 3 and 8 at the socket's edge, against raw local servers that misbehave on purpose: an
// answer is never read beyond its cap, and a frame over the cap drops the socket at once even when the server
// keeps streaming and never closes.
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import {
  createServer as createNetServer,
  type AddressInfo,
  type Server as NetServer,
  type Socket,
} from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createClientSecret } from '../../src-main/core/realtime/client-secret';
import { ConnectError, maxServerFrameBytes, openConnection } from '../../src-main/core/realtime/connection';

let server: Server | NetServer | undefined;
const sockets = new Set<Socket>();
afterEach(async () => {
  for (const socket of sockets) socket.destroy();
  sockets.clear();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

async function listen(s: Server | NetServer): Promise<string> {
  server = s;
  s.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  return `127.0.0.1:${(s.address() as AddressInfo).port}`;
}

/** Writes `chunk` until the peer goes away, honouring backpressure; resolves with the bytes written. */
function stream(socket: Socket, chunk: Buffer): Promise<number> {
  return new Promise((resolve) => {
    let written = 0;
    const pump = () => {
      while (!socket.destroyed && socket.writable) {
        written += chunk.length;
        if (!socket.write(chunk)) return void socket.once('drain', pump);
      }
    };
    socket.on('close', () => resolve(written));
    socket.on('error', () => {});
    pump();
  });
}

const endless = Buffer.alloc(64 * 1024, 'x');
const refusal = '{"error":{"message":"Incorrect API key provided.","code":"invalid_api_key"}}';
const handlers = { onEvent: () => {}, onBadFrame: () => {}, onClose: () => {} };

describe('the Realtime socket never reads without a bound', () => {
  it('a refused upgrade with an endless body fails with its status at once, reading at most the cap', async () => {
    let written: Promise<number> | undefined;
    const host = await listen(
      createServer().on('upgrade', (_req, socket: Socket) => {
        socket.write(`HTTP/1.1 401 Unauthorized\r\ncontent-type: application/json\r\n\r\n${refusal}`);
        written = stream(socket, endless);
      }),
    );
    const started = performance.now();
    const error = await openConnection(`ws://${host}/v1/realtime?model=m`, 'sk-x', handlers, 5_000).catch(
      (e: unknown) => e,
    );
    const elapsed = performance.now() - started;

    expect(error).toBeInstanceOf(ConnectError);
    expect((error as ConnectError).fault).toMatchObject({ status: 401, action: 'fatal' });
    expect((error as ConnectError).message).toMatch(/^authentication failed \(401\)/);
    // Without a cap it read on until the connect timeout, growing the body all along.
    expect(elapsed).toBeLessThan(2_000);
    // What the server got out before the client hung up: the cap plus what the sockets buffer.
    expect(await written).toBeLessThan(16 * 1024 * 1024);
  });

  it('a failed client_secrets with an endless body fails with its status at once', async () => {
    let written: Promise<number> | undefined;
    // A raw answer whose body ends only when the connection does.
    const host = await listen(
      createNetServer((socket) => {
        socket.write(
          `HTTP/1.1 500 Internal Server Error\r\ncontent-type: application/json\r\nconnection: close\r\n\r\n${refusal}`,
        );
        written = stream(socket, endless);
      }),
    );
    const started = performance.now();
    const error = await createClientSecret(`http://${host}/v1`, 'sk-x', { type: 'realtime' }, 5_000).catch(
      (e: unknown) => e,
    );

    expect(error).toBeInstanceOf(ConnectError);
    expect((error as ConnectError).fault).toMatchObject({ status: 500, action: 'report' });
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(await written).toBeLessThan(16 * 1024 * 1024);
  });

  it('a frame over the cap drops the socket at once, though the server streams on and never closes', async () => {
    const host = await listen(
      createServer().on('upgrade', (req, socket: Socket) => {
        const accept = createHash('sha1')
          .update(`${String(req.headers['sec-websocket-key'])}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`)
          .digest('base64');
        socket.write(
          `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
            `Sec-WebSocket-Accept: ${accept}\r\n\r\n`,
        );
        // One text frame announcing 100 MiB, then its payload trickling in: the client's close is ignored.
        const header = Buffer.alloc(10);
        header[0] = 0x81;
        header[1] = 127;
        header.writeBigUInt64BE(BigInt(100 * 1024 * 1024), 2);
        socket.write(header);
        const trickle = setInterval(() => socket.writable && socket.write(endless.subarray(0, 1024)), 5);
        socket.on('close', () => clearInterval(trickle));
        socket.on('error', () => {});
      }),
    );
    expect(100 * 1024 * 1024).toBeGreaterThan(maxServerFrameBytes);
    let closed: { code: number; reason: string; at: number } | undefined;
    const started = performance.now();
    await openConnection(`ws://${host}/v1/realtime?model=m`, 'sk-x', {
      ...handlers,
      onClose: (code, reason) => (closed = { code, reason, at: performance.now() }),
    });
    await expect.poll(() => closed, { timeout: 3_000 }).toBeDefined();

    // ws alone would send its close and then wait up to 30 s for the server's.
    expect(closed!.at - started).toBeLessThan(2_000);
    expect(closed!.reason).toMatch(/max payload size exceeded/i);
  });
});
