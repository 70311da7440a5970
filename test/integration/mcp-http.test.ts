// Streamable HTTP MCP servers with the reference "everything" server (its streamableHttp mode, from
// node_modules), the real core, engine and simulator: tools listed and called over HTTP, the configured
// headers sent on every request while the window and the file only ever see a placeholder; a server that
// cannot be reached is failed with the reason; one that goes away mid-session answers the model with an
// error and is reconnected (a new MCP session) once it is back.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SECRET_PLACEHOLDER } from '../../src-preload/contract';
import { startHttpMcpServer, type HttpMcpServer } from '../support/mcp/http-server';
import { startMcpRig, type McpRig } from '../support/mcp/rig';

let rig: McpRig | undefined;
let server: HttpMcpServer | undefined;
afterEach(async () => {
  await rig?.close();
  await server?.close();
  rig = server = undefined;
});

const sum = (a: number, b: number) => ({
  toolCall: { name: 'web__get-sum', arguments: JSON.stringify({ a, b }) },
});
const answer = { text: 'OK.', audioMs: 50 };

describe('streamable HTTP MCP servers', () => {
  it('lists and calls tools over HTTP with the configured headers; the secret is never shown back', async () => {
    server = await startHttpMcpServer();
    rig = await startMcpRig(
      { replies: [sum(19, 23), answer] },
      {
        config: {
          mcpServers: {
            web: { url: server.url, headers: { Authorization: 'Bearer http-secret-1' }, approval: 'always' },
          },
        },
      },
    );
    const web = await rig.waitServer('web', 'ready');
    expect(web.transport).toBe('http');
    expect(web.tools.map((t) => t.name)).toContain('web__get-sum');
    await rig.turn('what is 19 + 23?');
    expect(rig.outputs()[0]!.output).toMatch(/42/);
    expect(rig.tools()[0]!.tool).toMatchObject({ server: 'web', approval: 'always' });
    // Every request carried the header; neither the window's state nor the file holds the value.
    expect(server.headers.length).toBeGreaterThan(2);
    expect(server.headers.every((h) => h.authorization === 'Bearer http-secret-1')).toBe(true);
    const state = rig.core.mcp.state();
    expect(JSON.stringify(state)).not.toContain('http-secret-1');
    expect(JSON.parse(state.document).mcpServers.web.headers).toEqual({ Authorization: SECRET_PLACEHOLDER });
    expect(readFileSync(join(rig.storageDir, 'mcp.json'), 'utf8')).not.toContain('http-secret-1');
    expect(rig.sim.violations).toEqual([]);
  });

  it('a server that cannot be reached is failed with the reason', async () => {
    server = await startHttpMcpServer();
    await server.setReachable(false);
    rig = await startMcpRig({}, { config: { mcpServers: { web: { url: server.url } } } });
    const web = await rig.waitServer('web', 'failed');
    expect(web.message).toMatch(/fetch failed|ECONNREFUSED/);
  });

  it('a server gone mid-session: an error to the model, then a new MCP session once it is back', async () => {
    server = await startHttpMcpServer();
    rig = await startMcpRig(
      { replies: [sum(1, 1), answer, sum(20, 22), answer] },
      {
        config: { mcpServers: { web: { url: server.url, approval: 'always' } } },
        knobs: { backoff: { baseMs: 300, maxMs: 600, maxAttempts: 20 } },
      },
    );
    await rig.waitServer('web', 'ready');
    await server.setReachable(false);
    await rig.turn('what is 1 + 1?');
    expect(JSON.parse(rig.outputs()[0]!.output)).toEqual({
      error: expect.stringMatching(/^"get-sum" on "web" failed: /) as unknown as string,
    });
    expect(['restarting', 'starting']).toContain(rig.server('web')!.state);
    await server.setReachable(true);
    await rig.waitServer('web', 'ready');
    await rig.turn('what is 20 + 22?');
    expect(rig.outputs()[1]!.output).toMatch(/42/);
    // Reconnected: a second initialize went out.
    const sessions = new Set(server.headers.map((h) => h['mcp-session-id']).filter(Boolean));
    expect(sessions.size).toBe(2);
    expect(rig.sim.violations).toEqual([]);
  });
});
