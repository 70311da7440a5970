// The built renderer's page as `npm run dev:web --built` serves it: the same file the packaged app loads,
// with its Content-Security-Policy widened by exactly one thing, the core's socket on loopback. The file
// on disk keeps the packaged app's policy (no loopback socket at all).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'vite';
import { contentSecurityPolicy } from '../../electron.vite.config';

const cspMeta = /<meta http-equiv="Content-Security-Policy" content="[^"]*"\s*\/?>/;

/** `html` with its CSP meta tag replaced; throws when there is none (never serve a page without one). */
export function withSocketPolicy(html: string, socketPort: number): string {
  if (!cspMeta.test(html)) throw new Error('the built renderer has no Content-Security-Policy meta tag');
  const policy = contentSecurityPolicy({ dev: false, socketPort });
  return html.replace(cspMeta, `<meta http-equiv="Content-Security-Policy" content="${policy}">`);
}

/** A Vite preview plugin answering `/` and `/index.html` with the page above. */
export function servedPagePolicy(outDir: string, socketPort: number): Plugin {
  return {
    name: 'voice-assistant-dev-web-csp',
    configurePreviewServer(server) {
      // Read per request, like the static files beside it: a rebuild while serving is picked up.
      server.middlewares.use((req, res, next) => {
        const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
        if (path !== '/' && path !== '/index.html') return next();
        const html = withSocketPolicy(readFileSync(join(outDir, 'index.html'), 'utf8'), socketPort);
        res.setHeader('Content-Type', 'text/html; charset=utf-8');
        res.setHeader('Cache-Control', 'no-store');
        res.end(html);
      });
    },
  };
}
