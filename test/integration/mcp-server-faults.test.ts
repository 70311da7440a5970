// MCP servers that fail, with the real core, engine and simulator: a server that does not start (no such
// program; one that exits at once, saying why on stderr) is `failed` with the reason, in the window and the
// notices, and the session goes on without its tools; the reference "everything" server killed in the middle
// of a call answers the model with an error, is restarted with backoff and serves the next call; a call
// slower than the server's time limit answers with a timeout error and the server stays usable.
import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { everythingServer, nodeServer, pidsInDirectory } from '../support/mcp/servers';
import { until } from '../support/until';
import { startMcpRig, type McpRig } from '../support/mcp/rig';

let rig: McpRig | undefined;
let dir: string | undefined;
afterEach(async () => {
  await rig?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  rig = dir = undefined;
});

const longRun = (seconds: number) => ({
  toolCall: {
    name: 'everything__trigger-long-running-operation',
    arguments: JSON.stringify({ duration: seconds, steps: 2 }),
  },
});
const answer = { text: 'OK.', audioMs: 50 };
const sum = { toolCall: { name: 'everything__get-sum', arguments: '{"a": 2, "b": 40}' } };

describe('MCP server faults', () => {
  it('a server that does not start is failed with its reason; the session goes on without its tools', async () => {
    rig = await startMcpRig(
      { replies: [{ text: 'Hello.', audioMs: 50 }] },
      {
        config: {
          mcpServers: {
            missing: { command: 'no-such-mcp-server-program-4711' },
            dying: {
              command: process.execPath,
              args: ['-e', 'console.error("config file /etc/nope.json not found"); process.exit(3)'],
            },
          },
        },
      },
    );
    const missing = await rig.waitServer('missing', 'failed');
    expect(missing.message).toMatch(/"no-such-mcp-server-program-4711" was not found/);
    const dying = await rig.waitServer('dying', 'failed');
    expect(dying.message).toMatch(/exited while starting.*config file \/etc\/nope\.json not found/);
    expect(missing.tools).toEqual([]);
    expect(rig.notices().some((n) => n.includes('"missing" failed to start'))).toBe(true);
    expect(rig.notices().some((n) => n.includes('"dying" failed to start'))).toBe(true);
    await rig.turn('hello');
    expect(
      rig.declared().filter((t) => t.name.startsWith('missing__') || t.name.startsWith('dying__')),
    ).toEqual([]);
    expect(rig.sim.violations).toEqual([]);
  });

  it('a server killed in the middle of a call: the model gets an error, the server is restarted and serves the next call', async () => {
    dir = realpathSync(mkdtempSync(join(tmpdir(), 'mcp-crash-')));
    rig = await startMcpRig(
      { replies: [longRun(10), answer, sum, answer] },
      {
        config: {
          mcpServers: { everything: { ...nodeServer(everythingServer), cwd: dir, approval: 'always' } },
        },
      },
    );
    await rig.waitServer('everything', 'ready');
    const [pid] = pidsInDirectory(dir);
    expect(pid).toBeGreaterThan(0);
    const turn = rig.turn('run the long operation');
    await until(() => rig!.tools()[0]?.tool?.approval === 'always', 'the call to start');
    await new Promise((resolve) => setTimeout(resolve, 300));
    process.kill(pid!, 'SIGKILL');
    await turn;
    expect(JSON.parse(rig.outputs()[0]!.output)).toEqual({
      error: 'the server "everything" stopped during the call',
    });
    expect(rig.tools()[0]!.tool!.error).toMatch(/stopped during the call/);
    expect(rig.notices().some((n) => /"everything" stopped: the server exited/.test(n))).toBe(true);
    // Restarted (a new process) and ready with its tools, which stayed declared meanwhile.
    await rig.waitServer('everything', 'ready');
    const [again] = pidsInDirectory(dir);
    expect(again).not.toBe(pid);
    await rig.turn('what is 2 + 40?');
    expect(rig.outputs()[1]!.output).toMatch(/42/);
    expect(rig.sim.violations).toEqual([]);
  });

  it('a call slower than the time limit answers with a timeout error; the server stays usable', async () => {
    rig = await startMcpRig(
      { replies: [longRun(3), answer, sum, answer] },
      {
        config: {
          mcpServers: { everything: { ...nodeServer(everythingServer), approval: 'always', timeoutMs: 400 } },
        },
      },
    );
    await rig.waitServer('everything', 'ready');
    const started = Date.now();
    await rig.turn('run the long operation');
    expect(Date.now() - started).toBeLessThan(2_500);
    expect(JSON.parse(rig.outputs()[0]!.output)).toEqual({
      error: '"trigger-long-running-operation" on "everything" did not answer within 0.4 s',
    });
    expect(rig.server('everything')!.state).toBe('ready');
    await rig.turn('what is 2 + 40?');
    expect(rig.outputs()[1]!.output).toMatch(/42/);
    expect(rig.sim.violations).toEqual([]);
  });

  it('a call whose session ends is cancelled: shown as such, nothing sent', async () => {
    rig = await startMcpRig(
      { replies: [longRun(5), answer] },
      { config: { mcpServers: { everything: { ...nodeServer(everythingServer), approval: 'always' } } } },
    );
    await rig.waitServer('everything', 'ready');
    rig.core.session.sendText('run the long operation');
    await until(() => rig!.tools()[0]?.tool?.approval === 'always', 'the call to start');
    const callEntry = rig.tools()[0]!.id;
    let shown: string | undefined;
    rig.core.events.on('transcript', (item) => {
      if (item.id === callEntry && item.final) shown = item.tool?.error;
    });
    const started = Date.now();
    rig.core.session.endSession();
    await until(() => shown !== undefined, 'the cancelled call');
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(shown).toBe(
      'the call to "trigger-long-running-operation" on "everything" was cancelled (its session ended)',
    );
    expect(rig.outputs()).toEqual([]);
    expect(rig.server('everything')!.state).toBe('ready');
    expect(rig.sim.violations).toEqual([]);
  });
});
