// What the model is told about MCP tools, with real servers (a small SDK server, test/fixtures/mcp): a server
// with 100 tools has them all declared and callable; a tool list that changes while the session runs (the
// server's notifications/tools/list_changed) reaches the live session in one session.update, and the new
// tool can be called at once; schemas the Realtime API would refuse are adapted or the tool is left out,
// with a notice either way (and the simulator, which checks every client event against the GA schema,
// records no violation).
import { afterEach, describe, expect, it } from 'vitest';
import { fixtureServer, nodeServer } from '../support/mcp/servers';
import { until } from '../support/until';
import { startMcpRig, type McpRig } from '../support/mcp/rig';

let rig: McpRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

const answer = { text: 'OK.', audioMs: 50 };
const call = (name: string, args: unknown = {}) => ({ toolCall: { name, arguments: JSON.stringify(args) } });

describe('MCP tool lists', () => {
  it('a server with 100 tools: all declared, one called', async () => {
    rig = await startMcpRig(
      { replies: [call('many__tool_042', { text: 'hi' }), answer] },
      {
        config: {
          mcpServers: { many: { ...nodeServer(fixtureServer, ['--tools', '100']), approval: 'always' } },
        },
      },
    );
    const status = await rig.waitServer('many', 'ready');
    expect(status.tools.filter((t) => /^many__tool_\d{3}$/.test(t.name))).toHaveLength(100);
    await rig.turn('use tool 42');
    const declared = rig.declared().map((t) => t.name);
    expect(declared.filter((name) => name.startsWith('many__tool_'))).toHaveLength(100);
    expect(new Set(declared).size).toBe(declared.length);
    expect(rig.outputs()[0]!.output).toBe('tool_042: hi');
    expect(rig.notices().some((n) => n.includes('"many" is ready with 102 tools'))).toBe(true);
    expect(rig.sim.violations).toEqual([]);
  });

  it('a tool list that changes while the session runs: one session.update, and the new tool works', async () => {
    rig = await startMcpRig(
      {
        replies: [
          call('live__add_tool'),
          answer,
          call('live__added_1', { text: 'fresh' }),
          answer,
          call('live__remove_tool', { name: 'added_1' }),
          answer,
        ],
      },
      { config: { mcpServers: { live: { ...nodeServer(fixtureServer), approval: 'always' } } } },
    );
    await rig.waitServer('live', 'ready');
    rig.core.session.engine.connect();
    await until(() => rig!.core.session.getState().status === 'ready', 'the session');
    const updatesBefore = rig.sent('session.update').length;
    expect(rig.declared().map((t) => t.name)).not.toContain('live__added_1');

    await rig.turn('add a tool');
    await until(() => rig!.declared().some((t) => t.name === 'live__added_1'), 'the new tool declared');
    // The change went as one session.update carrying the new tool list.
    expect(rig.sent('session.update').length).toBe(updatesBefore + 1);
    expect(rig.server('live')!.tools.map((t) => t.tool)).toContain('added_1');

    await rig.turn('use it');
    expect(rig.outputs()[1]!.output).toBe('added_1 says fresh');

    await rig.turn('remove it');
    await until(() => !rig!.declared().some((t) => t.name === 'live__added_1'), 'the tool gone');
    expect(rig.sim.violations).toEqual([]);
  });

  it('schemas the Realtime API would refuse: adapted, or the tool left out, with notices', async () => {
    rig = await startMcpRig(
      {
        replies: [
          call('odd__open_either', { path: '/tmp/x' }),
          answer,
          call('odd__sum_list', { numbers: [1, 2, 3] }),
          answer,
        ],
      },
      {
        config: {
          mcpServers: { odd: { ...nodeServer(fixtureServer, ['--odd-schemas']), approval: 'always' } },
        },
      },
    );
    const status = await rig.waitServer('odd', 'ready');
    expect(status.notes).toEqual([
      '"open_either" adapted: top-level anyOf merged into one object',
      '"sum_list" adapted: 1 array schema without "items" given "items": {}',
      '"either_string" left out: its top-level anyOf has a branch that is not an object',
    ]);
    for (const note of status.notes) expect(rig.notices()).toContain(`MCP server "odd": ${note}`);
    await rig.turn('open it');
    await rig.turn('add them');
    const declared = Object.fromEntries(rig.declared().map((t) => [t.name, t.parameters]));
    expect(declared['odd__open_either']).toEqual({
      type: 'object',
      properties: { path: { type: 'string' }, url: { type: 'string' } },
    });
    expect(declared['odd__sum_list']).toEqual({
      type: 'object',
      properties: { numbers: { type: 'array', items: {} } },
      required: ['numbers'],
    });
    expect(declared).not.toHaveProperty('odd__either_string');
    expect(rig.outputs().map((o) => o.output)).toEqual(['opened /tmp/x', '6']);
    expect(rig.sim.violations).toEqual([]);
  });
});
