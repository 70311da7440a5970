// The renderer's Content-Security-Policy: the packaged app's admits no loopback socket; only dev:web's page
// (Vite's dev server, or the built page as dev:web serves it) does.
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../electron.vite.config';
import { withSocketPolicy } from '../../src-main/shell-headless/served-page-csp';

const directive = (policy: string, name: string) =>
  policy
    .split(';')
    .map((part) => part.trim())
    .find((part) => part.startsWith(`${name} `));

describe('renderer CSP', () => {
  it('production: no inline script and no connection beyond its own origin', () => {
    const policy = contentSecurityPolicy({ dev: false });
    expect(directive(policy, 'connect-src')).toBe("connect-src 'self'");
    expect(policy).not.toMatch(/ws:/);
    expect(directive(policy, 'script-src')).toBe("script-src 'self'");
  });

  it("dev:web's built page: exactly the core's socket, nothing else on loopback", () => {
    const policy = contentSecurityPolicy({ dev: false, socketPort: 41234 });
    expect(directive(policy, 'connect-src')).toBe("connect-src 'self' ws://127.0.0.1:41234");
    expect(directive(policy, 'script-src')).toBe("script-src 'self'");
  });

  it("the dev server keeps Vite's needs (inline preamble, HMR socket)", () => {
    const policy = contentSecurityPolicy({ dev: true });
    expect(directive(policy, 'connect-src')).toBe("connect-src 'self' ws://127.0.0.1:* ws://localhost:*");
    expect(directive(policy, 'script-src')).toBe("script-src 'self' 'unsafe-inline'");
  });

  it('the served page swaps only the meta tag, and refuses a page without one', () => {
    const built = `<head><meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy({ dev: false }).replaceAll("'", '&#39;')}"><title>x</title></head>`;
    const served = withSocketPolicy(built, 5000);
    expect(served).toBe(
      `<head><meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy({ dev: false, socketPort: 5000 })}"><title>x</title></head>`,
    );
    expect(() => withSocketPolicy('<head><title>x</title></head>', 5000)).toThrow(
      /no Content-Security-Policy/,
    );
  });
});
