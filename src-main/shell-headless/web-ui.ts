// Serves the real renderer to any browser, wired to a core running in this Node process over the
// contract's WebSocket transport. `dev` runs Vite's dev server; `built` previews out/renderer (e2e tests).
import { resolve } from 'node:path';
import { loadConfigFromFile } from 'electron-vite';
import { createServer, preview } from 'vite';
import type { Core } from '../core/app/create-core';
import { startContractSocketServer } from '../core/ipc/ws-server';
import { wsPortParam, wsTokenParam } from '../../src-preload/ws-protocol';
import { servedPagePolicy } from './served-page-csp';

export interface WebUi {
  /** Open this in a browser: it carries the socket port and, in the fragment, the token. */
  url: string;
  close(): Promise<void>;
}

export async function startWebUi(
  core: Core,
  mode: 'dev' | 'built',
  port = 0,
  log: (message: string, error?: unknown) => void = () => {},
): Promise<WebUi> {
  const projectRoot = resolve(import.meta.dirname, '../..');
  const socket = await startContractSocketServer({ dispatcher: core.dispatcher, events: core.events, log });
  const loaded = await loadConfigFromFile(
    { command: mode === 'dev' ? 'serve' : 'build', mode: mode === 'dev' ? 'development' : 'production' },
    resolve(projectRoot, 'electron.vite.config.ts'),
  );
  const renderer = {
    ...loaded.config.renderer,
    root: resolve(projectRoot, 'src-renderer'),
    configFile: false as const,
    logLevel: 'warn' as const,
  };

  let base: string;
  let stop: () => Promise<void>;
  if (mode === 'dev') {
    const server = await createServer({
      ...renderer,
      server: { host: '127.0.0.1', port, strictPort: port !== 0 },
    });
    await server.listen();
    base = server.resolvedUrls?.local[0] ?? `http://127.0.0.1:${port}/`;
    stop = () => server.close();
  } else {
    const outDir = resolve(projectRoot, 'out/renderer');
    const server = await preview({
      ...renderer,
      plugins: [...(renderer.plugins ?? []), servedPagePolicy(outDir, socket.port)],
      build: { outDir },
      preview: { host: '127.0.0.1', port, strictPort: port !== 0 },
    });
    base = server.resolvedUrls?.local[0] ?? `http://127.0.0.1:${port}/`;
    stop = () => server.close();
  }

  // The socket admits the page served here and no other web origin.
  socket.allowOrigin(new URL(base).origin);
  return {
    url: `${base}?${wsPortParam}=${socket.port}#${wsTokenParam}=${socket.token}`,
    close: async () => {
      await stop();
      await socket.close();
    },
  };
}
