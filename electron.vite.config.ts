import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';

/**
 * The renderer's Content-Security-Policy, injected as a meta tag. Production (the packaged app) is strict:
 * no inline or eval script, and no connection beyond its own origin (it talks to main over IPC, not the
 * network). The dev server must allow the React refresh preamble, which Vite injects inline, and Vite's
 * HMR socket on loopback. `socketPort`: a built renderer served by `npm run dev:web --built`, which
 * reaches the core over ws://127.0.0.1:<port>; web-ui.ts puts that policy in the page it serves, so the
 * packaged app's file never admits a loopback socket.
 */
export function contentSecurityPolicy(options: { dev: boolean; socketPort?: number }): string {
  const { dev, socketPort } = options;
  const sockets = [
    ...(dev ? ['ws://127.0.0.1:*', 'ws://localhost:*'] : []),
    ...(socketPort !== undefined ? [`ws://127.0.0.1:${socketPort}`] : []),
  ];
  return [
    "default-src 'none'",
    `script-src 'self'${dev ? " 'unsafe-inline'" : ''}`,
    `style-src 'self'${dev ? " 'unsafe-inline'" : ''}`,
    "img-src 'self' data:",
    "font-src 'self'",
    ["connect-src 'self'", ...sockets].join(' '),
    "base-uri 'none'",
    "form-action 'none'",
    "object-src 'none'",
  ].join('; ');
}

const cspPlugin = (): Plugin => {
  let dev = false;
  return {
    name: 'voice-assistant-csp',
    configResolved: (config) => void (dev = config.command === 'serve'),
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: contentSecurityPolicy({ dev }) },
        injectTo: 'head-prepend',
      },
    ],
  };
};

export default defineConfig({
  main: {
    build: {
      rolldownOptions: {
        input: {
          index: resolve('src-main/shell-electron/main.ts'),
          // The key hook's display probe, run in a utility process (src-main/shell-electron/hotkeys.ts).
          'uiohook-probe': resolve('src-main/shell-electron/uiohook-probe.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      // A sandboxed preload cannot require anything but a few Electron modules: bundle it whole, as CommonJS.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve('src-preload/index.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].js' },
      },
    },
  },
  renderer: {
    root: 'src-renderer',
    plugins: [react(), cspPlugin()],
    build: {
      rolldownOptions: { input: { index: resolve('src-renderer/index.html') } },
    },
  },
});
