// Approval of MCP tool calls through the real core, engine, simulator and the reference filesystem server:
// `ask` shows the call (server, tool, arguments) to the window and waits; Allow once runs it, Deny answers
// the model that the user did not approve, Always allow runs it and saves the tool's policy, no answer in
// time is a Deny, and `never` refuses without asking. The transcript says how each call was approved.
import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SimReply } from '../realtime-sim/server';
import { filesystemServer, nodeServer } from '../support/mcp/servers';
import { until } from '../support/until';
import { startMcpRig, type McpRig } from '../support/mcp/rig';

let rig: McpRig | undefined;
let dir: string | undefined;
afterEach(async () => {
  await rig?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  rig = dir = undefined;
});

/** The folder the server may read, and the file in it. */
function folder(): { root: string; file: string } {
  dir = realpathSync(mkdtempSync(join(tmpdir(), 'mcp-approval-')));
  writeFileSync(join(dir, 'secret-plan.txt'), 'Launch on Friday.\n');
  return { root: dir, file: join(dir, 'secret-plan.txt') };
}

async function start(replies: SimReply[], server: Record<string, unknown> = {}, approvalTimeoutMs?: number) {
  const r = await startMcpRig(
    { replies },
    {
      config: { mcpServers: { files: { ...nodeServer(filesystemServer, [dir!]), ...server } } },
      knobs: approvalTimeoutMs ? { approvalTimeoutMs } : {},
    },
  );
  rig = r;
  await r.waitServer('files', 'ready');
  return r;
}

const readCall = (path: string): SimReply => ({
  toolCall: { name: 'files__read_text_file', arguments: JSON.stringify({ path }) },
});
const answer: SimReply = { text: 'Done.', audioMs: 50 };

describe('MCP tool approval', () => {
  it('ask (the default): the window sees the call; Allow once runs it, Deny tells the model it was not approved', async () => {
    const { file } = folder();
    const r = await start([readCall(file), answer, readCall(file), answer]);

    const first = r.turn('read the plan');
    await until(() => r.approvals().length === 1, 'the approval prompt');
    const [request] = r.approvals();
    expect(request).toMatchObject({ server: 'files', tool: 'read_text_file' });
    expect(JSON.parse(request!.arguments)).toEqual({ path: file });
    expect(Date.parse(request!.expiresAt) - Date.now()).toBeGreaterThan(55_000);
    expect(r.tools()[0]!.tool).toMatchObject({ server: 'files', approval: 'asking' });
    // The call waits: nothing has gone back to the model yet.
    expect(r.outputs()).toHaveLength(0);
    expect(r.core.session.getState().status).toBe('thinking');
    await r.call('answerToolApproval', { id: request!.id, decision: 'once' });
    await first;
    expect(r.outputs()[0]!.output).toContain('Launch on Friday.');
    expect(r.tools()[0]!.tool).toMatchObject({ approval: 'once' });
    expect(r.approvals()).toEqual([]);

    const second = r.turn('read it again');
    await until(() => r.approvals().length === 1, 'the second prompt');
    await r.call('answerToolApproval', { id: r.approvals()[0]!.id, decision: 'deny' });
    await second;
    const denied = JSON.parse(r.outputs()[1]!.output) as { error: string };
    expect(denied.error).toMatch(/did not approve/);
    expect(denied.error).not.toContain('Launch');
    expect(r.tools()[1]!.tool).toMatchObject({ approval: 'denied' });
    // An answer to a prompt that is gone is refused, not applied to another call.
    const late = await r.dispatch('answerToolApproval', { id: request!.id, decision: 'once' });
    expect(late.ok).toBe(false);
    expect(r.sim.violations).toEqual([]);
  });

  it('Always allow runs the call and saves the policy: the next call runs without asking', async () => {
    const { file } = folder();
    const r = await start([readCall(file), answer, readCall(file), answer]);
    const first = r.turn('read the plan');
    await until(() => r.approvals().length === 1, 'the approval prompt');
    await r.call('answerToolApproval', { id: r.approvals()[0]!.id, decision: 'always' });
    await first;
    expect(r.tools()[0]!.tool).toMatchObject({ approval: 'always' });
    const saved = JSON.parse(r.core.mcp.state().document) as {
      mcpServers: { files: { toolApproval?: Record<string, string> } };
    };
    expect(saved.mcpServers.files.toolApproval).toEqual({ read_text_file: 'always' });
    expect(r.server('files')!.tools.find((t) => t.tool === 'read_text_file')!.approval).toBe('always');

    await r.turn('again');
    expect(r.tools()[1]!.tool).toMatchObject({ approval: 'always' });
    expect(r.outputs()[1]!.output).toContain('Launch on Friday.');
  });

  it('no answer in time counts as Deny', async () => {
    const { file } = folder();
    const r = await start([readCall(file), answer], {}, 300);
    await r.turn('read the plan');
    expect(JSON.parse(r.outputs()[0]!.output)).toEqual({
      error: 'the user did not approve this call (no answer within 60 seconds)',
    });
    expect(r.tools()[0]!.tool).toMatchObject({ approval: 'timeout' });
    expect(r.approvals()).toEqual([]);
  });

  it('"never" (per tool) refuses without asking; the server default applies to the other tools', async () => {
    const { root, file } = folder();
    const r = await start(
      [
        readCall(file),
        answer,
        { toolCall: { name: 'files__list_directory', arguments: JSON.stringify({ path: root }) } },
        answer,
      ],
      { approval: 'always', toolApproval: { read_text_file: 'never' } },
    );
    await r.turn('read the plan');
    await r.turn('list the folder');
    expect(r.outputs()[0]!.output).toMatch(/not allowed by the user's settings/);
    expect(r.tools()[0]!.tool).toMatchObject({ approval: 'never' });
    expect(r.outputs()[1]!.output).toContain('secret-plan.txt');
    expect(r.tools()[1]!.tool).toMatchObject({ approval: 'always' });
  });
});
