// Remote MCP tools of the Realtime API (`type: "mcp"` in a profile's session tools) through the real core,
// engine and simulator: the server's tool listing shown, its approval requests answered through the same
// approval flow as local MCP tools (an `mcp_approval_response` item, then a response.create), its calls in
// the transcript like function calls, the authorization kept out of everything but the wire to the server,
// and per-field errors for a tool that is not right.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createAppLog } from '../../src-main/core/diagnostics/app-log';
import { SECRET_PLACEHOLDER, type Profile, type ProfileDocument } from '../../src-preload/contract';
import type { SimReply } from '../realtime-sim/server';
import { startMcpRig, type McpRig } from '../support/mcp/rig';
import { until } from '../support/until';

const TOKEN = 'Bearer remote-mcp-token-7f3a9c';

let rig: McpRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

const docsTool = (fields: Record<string, unknown> = {}) => ({
  type: 'mcp',
  server_label: 'docs',
  server_url: 'https://mcp.example.com/mcp',
  authorization: TOKEN,
  allowed_tools: ['search', 'fetch'],
  require_approval: 'always',
  ...fields,
});

const profileWith = (tools: unknown[]): ProfileDocument =>
  ({
    name: 'Remote tools',
    model: '',
    session: { type: 'realtime', output_modalities: ['text'], tools },
  }) as ProfileDocument;

async function start(replies: SimReply[], tools: unknown[], core: Parameters<typeof startMcpRig>[1] = {}) {
  const r = await startMcpRig({ replies }, core);
  rig = r;
  const profile = (await r.call('createProfile', profileWith(tools))) as Profile;
  await r.call('setActiveProfile', { id: profile.id });
  return { r, profile };
}

const search: SimReply = { mcpCall: { server_label: 'docs', name: 'search', arguments: '{"query":"cats"}' } };
const answer: SimReply = { text: 'Here is what the docs say.' };

const approvalResponses = (r: McpRig) =>
  r
    .sent('conversation.item.create')
    .map((e) => e.item as Record<string, unknown>)
    .filter((item) => item.type === 'mcp_approval_response');

describe('remote MCP tools (type "mcp")', () => {
  it('shows the listed tools; an approval request asks the user, Allow once runs the call, its output in the transcript', async () => {
    const { r } = await start([search, answer], [docsTool()]);
    const turn = r.turn('search the docs for cats');

    await until(() => r.approvals().length === 1, 'the approval prompt');
    expect(r.approvals()[0]).toMatchObject({ server: 'docs', tool: 'search', arguments: '{"query":"cats"}' });
    expect(r.tools()[0]!.tool).toMatchObject({ server: 'docs', name: 'search', approval: 'asking' });
    expect(r.core.session.getState().status).toBe('thinking');
    // The listing, as a system line: the tools allowed_tools lets through.
    const system = r.core.session.getTranscript().filter((item) => item.role === 'system');
    expect(system.map((item) => item.text)).toContain('Remote MCP server "docs": 2 tools: search, fetch');

    await r.call('answerToolApproval', { id: r.approvals()[0]!.id, decision: 'once' });
    await turn;

    const [response] = approvalResponses(r);
    expect(response).toMatchObject({ approve: true });
    expect(String(response!.approval_request_id)).toMatch(/^mcpr_/);
    // The answer is followed by a response.create: one for the turn, one after the approval.
    expect(r.sent('response.create')).toHaveLength(2);
    expect(r.tools()).toHaveLength(1);
    expect(r.tools()[0]!.tool).toMatchObject({
      server: 'docs',
      name: 'search',
      arguments: '{"query":"cats"}',
      approval: 'once',
      output: 'search on docs answered {"query":"cats"}',
    });
    expect(r.tools()[0]!.final).toBe(true);
    const last = r.core.session.getTranscript().at(-1)!;
    expect(last).toMatchObject({ role: 'assistant', text: 'Here is what the docs say.' });
    expect(r.sim.violations).toEqual([]);
    expect(r.sim.simErrors).toEqual([]);
  });

  it('Deny answers approve: false with the reason; the call never runs and the transcript says denied', async () => {
    const { r } = await start([search, { text: 'I was not allowed to search.' }], [docsTool()]);
    const turn = r.turn('search the docs');
    await until(() => r.approvals().length === 1, 'the approval prompt');
    await r.call('answerToolApproval', { id: r.approvals()[0]!.id, decision: 'deny' });
    await turn;

    const [response] = approvalResponses(r);
    expect(response).toMatchObject({ approve: false, reason: 'the user did not approve this call' });
    const [call] = r.tools();
    expect(call!.tool).toMatchObject({ server: 'docs', approval: 'denied' });
    expect(call!.tool!.output).toMatch(/did not approve/);
    expect(call!.tool!.output).not.toContain('answered');
    expect(call!.final).toBe(true);
    // The simulator ran no call: no mcp_call item reached the client.
    expect(r.core.session.getTranscript().at(-1)!.text).toBe('I was not allowed to search.');
    expect(r.sim.violations).toEqual([]);
    expect(r.sim.simErrors).toEqual([]);
  });

  it('headless --approve-tools none answers at once with approve: false', async () => {
    const { r } = await start([search, { text: 'Not allowed.' }], [docsTool()]);
    r.core.mcp.approvals.auto = 'none';
    await r.turn('search');
    expect(approvalResponses(r)[0]).toMatchObject({ approve: false });
    expect(r.tools()[0]!.tool).toMatchObject({ approval: 'auto-denied' });
  });

  it('a call that fails on the remote server shows its error; require_approval "never" asks nobody', async () => {
    const failing: SimReply = {
      mcpCall: {
        server_label: 'docs',
        name: 'fetch',
        arguments: '{"query":"x"}',
        error: 'upstream timed out',
      },
    };
    const { r } = await start(
      [failing, { text: 'The fetch failed.' }],
      [docsTool({ require_approval: 'never' })],
    );
    await r.turn('fetch x');
    expect(approvalResponses(r)).toEqual([]);
    expect(r.approvals()).toEqual([]);
    const [call] = r.tools();
    expect(call!.tool).toMatchObject({
      server: 'docs',
      name: 'fetch',
      arguments: '{"query":"x"}',
      error: 'tool_execution_error: upstream timed out',
    });
    expect(call!.tool!.approval).toBeUndefined();
    // The failure is shown on the call in the transcript, not again as a notice.
    expect(r.notices().some((n) => n.includes('upstream timed out'))).toBe(false);
    expect(r.sim.simErrors).toEqual([]);
  });

  it('the authorization goes to the Realtime server only: never in events, the event log, the window, the export, the files or the diagnostic log', async () => {
    const appLog = createAppLog();
    const { r, profile } = await start(
      [search, answer],
      [docsTool({ require_approval: { never: { tool_names: ['search'] } } })],
      { core: { appLog } },
    );
    const seen: unknown[] = [];
    r.core.events.subscribeAll((name, payload) => seen.push({ name, payload }));
    await r.call('setRealtimeLog', { on: true });
    await r.turn('search without asking');
    // require_approval's never filter: no prompt, the call runs.
    expect(approvalResponses(r)).toEqual([]);
    expect(r.tools()[0]!.tool).toMatchObject({ output: 'search on docs answered {"query":"cats"}' });

    // An edit that keeps the placeholder keeps the stored value: the next session.update still carries it.
    const shown = (await r.call('getProfile', { id: profile.id })) as Profile;
    const kept = shown.session.tools!;
    expect(kept[0]).toMatchObject({ authorization: SECRET_PLACEHOLDER });
    await r.call('updateProfile', {
      id: profile.id,
      patch: { session: { instructions: 'Be brief.', tools: kept } },
    });
    await until(
      () =>
        r
          .sent('session.update')
          .some((e) => (e.session as { instructions?: string }).instructions === 'Be brief.'),
      'the live edit',
    );
    // A new session declares everything again, with the value kept behind the placeholder.
    const before = r.sim.connectionCount();
    r.core.session.newConversation();
    await until(
      () => r.sim.connectionCount() > before && r.core.session.getState().status === 'ready',
      'a new session',
    );

    // The server got it, on every update that declared the tool.
    const declared = r
      .sent('session.update')
      .flatMap((e) => (e.session as { tools?: { type: string; authorization?: string }[] }).tools ?? [])
      .filter((tool) => tool.type === 'mcp');
    expect(declared.length).toBeGreaterThanOrEqual(2);
    for (const tool of declared) expect(tool.authorization).toBe(TOKEN);

    const secret = TOKEN.slice('Bearer '.length);
    const logEntries = seen.filter((e) => (e as { name: string }).name === 'realtimeLog');
    expect(JSON.stringify(logEntries)).toContain(SECRET_PLACEHOLDER);
    expect(JSON.stringify(seen)).not.toContain(secret);
    expect(JSON.stringify(await r.call('listProfiles'))).not.toContain(secret);
    expect(JSON.stringify(r.core.session.getTranscript())).not.toContain(secret);
    const exported = (await r.call('exportProfile', { id: profile.id })) as { json: string };
    expect(exported.json).not.toContain(secret);
    expect(exported.json).not.toContain('authorization');
    expect(JSON.parse(exported.json).session.tools[0]).toMatchObject({ server_label: 'docs' });
    for (const file of readdirSync(r.storageDir).filter((f) => f.endsWith('.json')))
      expect(readFileSync(join(r.storageDir, file), 'utf8')).not.toContain(secret);
    expect(appLog.scrub(`connecting with ${TOKEN}`)).not.toContain(secret);
    expect(r.sim.violations).toEqual([]);
  });

  it('bad input: per-field errors for the way to the server, the label, and a placeholder with nothing kept', async () => {
    const r = await startMcpRig({});
    rig = r;
    const errorsOf = async (tool: Record<string, unknown>) => {
      const envelope = await r.dispatch('createProfile', profileWith([tool]));
      expect(envelope.ok).toBe(false);
      return (envelope as { error: { fieldErrors?: Record<string, string[]> } }).error.fieldErrors ?? {};
    };
    const { server_url: _url, ...unreachable } = docsTool();
    expect(await errorsOf(unreachable)).toEqual({
      'session.tools.0.server_url': ['give a server URL or a connector'],
    });
    expect(await errorsOf(docsTool({ connector_id: 'connector_gmail' }))).toEqual({
      'session.tools.0.connector_id': ['give a server URL or a connector, not both'],
    });
    expect(Object.keys(await errorsOf(docsTool({ server_label: 'my docs!' })))).toEqual([
      'session.tools.0.server_label',
    ]);
    expect(Object.keys(await errorsOf(docsTool({ server_url: 'ftp://example.com' })))).toEqual([
      'session.tools.0.server_url',
    ]);
    expect(await errorsOf(docsTool({ authorization: SECRET_PLACEHOLDER }))).toEqual({
      'session.tools.0.authorization': ['no authorization is kept for this server label: enter it again'],
    });
    const twice = await r.dispatch('createProfile', profileWith([docsTool(), docsTool()]));
    expect(twice.ok).toBe(false);
    expect(Object.keys((twice as { error: { fieldErrors: object } }).error.fieldErrors)).toEqual([
      'session.tools.1.server_label',
    ]);
    // A connector alone is fine.
    const { server_url: _u, ...connector } = docsTool({ connector_id: 'connector_googlecalendar' });
    expect((await r.dispatch('createProfile', profileWith([connector]))).ok).toBe(true);
  });
});
