// The reference "everything" server in its streamable HTTP mode, as a child process on a free loopback port,
// behind a small forwarding proxy that records the request headers (what the app really sent) and can be
// switched off and on to play a server that went away.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { everythingServer } from './servers';

const freePort = (): Promise<number> =>
  new Promise((resolve) => {
    const probe = createServer();
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });

export interface HttpMcpServer {
  /** The URL to configure: the proxy's /mcp. */
  url: string;
  /** Headers of every request that reached the proxy. */
  headers: IncomingHttpHeaders[];
  /** The proxy refuses connections (the server "went away") or accepts them again. */
  setReachable(reachable: boolean): Promise<void>;
  close(): Promise<void>;
}

async function startEverything(port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, [everythingServer, 'streamableHttp'], {
    env: { ...process.env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  await new Promise<void>((resolve, reject) => {
    let said = '';
    child.stderr!.on('data', (chunk: Buffer) => {
      said += chunk.toString();
      if (said.includes('listening on port')) resolve();
    });
    child.on('exit', (code) => reject(new Error(`everything server exited (${code}): ${said}`)));
  });
  return child;
}

export async function startHttpMcpServer(): Promise<HttpMcpServer> {
  const upstream = await freePort();
  const child = await startEverything(upstream);
  const headers: IncomingHttpHeaders[] = [];
  const proxyPort = await freePort();
  let proxy: Server | undefined;
  const open = () =>
    new Promise<void>((resolve) => {
      proxy = createServer((req, res) => {
        headers.push(req.headers);
        const out = request(
          { host: '127.0.0.1', port: upstream, method: req.method, path: req.url, headers: req.headers },
          (answer) => {
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(res);
          },
        );
        out.on('error', () => res.destroy());
        req.pipe(out);
      });
      proxy.listen(proxyPort, '127.0.0.1', resolve);
    });
  const shut = () =>
    new Promise<void>((resolve) => {
      if (!proxy) return resolve();
      proxy.closeAllConnections();
      proxy.close(() => resolve());
      proxy = undefined;
    });
  await open();
  return {
    url: `http://127.0.0.1:${proxyPort}/mcp`,
    headers,
    setReachable: (reachable) => (reachable ? (proxy ? Promise.resolve() : open()) : shut()),
    async close() {
      await shut();
      child.kill();
    },
  };
}
