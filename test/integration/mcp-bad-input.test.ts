// Bad input around MCP, through the contract's dispatcher and the real engine: a configuration that is not
// JSON, or JSON that breaks the schema, is refused with field errors and nothing is saved (the file, the
// running servers and the secrets stay as they were); a call to a tool nobody offers and a call whose
// arguments are not JSON are answered with an error and never reach a server.
import { mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SECRET_PLACEHOLDER } from '../../src-preload/contract';
import { filesystemServer, nodeServer } from '../support/mcp/servers';
import { startMcpRig, type McpRig } from '../support/mcp/rig';

let rig: McpRig | undefined;
let dir: string | undefined;
afterEach(async () => {
  await rig?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  rig = dir = undefined;
});

describe('MCP bad input', () => {
  it('malformed configuration: field errors, nothing saved', async () => {
    dir = realpathSync(mkdtempSync(join(tmpdir(), 'mcp-bad-')));
    const good = {
      mcpServers: { files: { ...nodeServer(filesystemServer, [dir]), env: { TOKEN: 's3cret' } } },
    };
    rig = await startMcpRig({}, { config: good });
    await rig.waitServer('files', 'ready');
    const before = rig.core.mcp.state();
    const file = join(rig.storageDir, 'mcp.json');
    const bytes = readFileSync(file, 'utf8');
    expect(bytes).not.toContain('s3cret');

    const refusals: [string, Record<string, string[]>][] = [];
    for (const json of [
      '{"mcpServers": {"files": {"command": "node",}}}',
      JSON.stringify({ mcpServers: { files: { args: ['x'] } } }),
      JSON.stringify({ mcpServers: { web: { url: 'ftp://example.com/mcp' } } }),
      JSON.stringify({ mcpServers: { web: { type: 'sse', url: 'https://example.com/sse' } } }),
      JSON.stringify({ mcpServers: { files: { command: 'node', approval: 'sometimes' } } }),
      JSON.stringify({ mcpServers: { 'my files': { command: 'a' }, my_files: { command: 'b' } } }),
      JSON.stringify({
        mcpServers: {
          files: { command: 'node', env: { TOKEN: SECRET_PLACEHOLDER, NEW: SECRET_PLACEHOLDER } },
        },
      }),
      JSON.stringify({ servers: {} }),
    ]) {
      const result = await rig.dispatch('setMcpConfig', { json });
      expect(result.ok, json).toBe(false);
      if (result.ok) continue;
      expect(result.error.code).toBe('invalid_request');
      refusals.push([json, result.error.fieldErrors ?? {}]);
    }
    const fields = refusals.map(([, errors]) => Object.keys(errors));
    expect(fields).toEqual([
      ['json'],
      ['mcpServers.files.command'],
      ['mcpServers.web.url'],
      ['mcpServers.web.type'],
      ['mcpServers.files.approval'],
      ['mcpServers.my_files'],
      ['mcpServers.files.env.NEW'],
      ['mcpServers', '(root)'],
    ]);
    expect(refusals[0]![1].json![0]).toMatch(/^line 1, column \d+/);
    // Nothing changed: the same document, the same running server, the secret still kept.
    expect(rig.core.mcp.state()).toEqual(before);
    expect(readFileSync(file, 'utf8')).toBe(bytes);
    expect(rig.server('files')!.state).toBe('ready');
    expect(JSON.parse(before.document).mcpServers.files.env).toEqual({ TOKEN: SECRET_PLACEHOLDER });
    // A document saved with the placeholder keeps the stored value (the file never holds it).
    const kept = await rig.call('setMcpConfig', { json: before.document });
    expect((kept as { document: string }).document).toBe(before.document);
  });

  it('an unknown tool name and arguments that are not JSON: an error to the model, no server called', async () => {
    dir = realpathSync(mkdtempSync(join(tmpdir(), 'mcp-bad-')));
    rig = await startMcpRig(
      {
        replies: [
          { toolCall: { name: 'files__delete_everything', arguments: '{}' } },
          { text: 'I cannot.', audioMs: 50 },
          { toolCall: { name: 'files__list_directory', arguments: '{"path": ' } },
          { text: 'Sorry.', audioMs: 50 },
          { toolCall: { name: 'files__list_directory', arguments: '["not", "an", "object"]' } },
          { text: 'Sorry again.', audioMs: 50 },
        ],
      },
      { config: { mcpServers: { files: { ...nodeServer(filesystemServer, [dir]), approval: 'ask' } } } },
    );
    await rig.waitServer('files', 'ready');
    await rig.turn('delete everything');
    await rig.turn('list');
    await rig.turn('list again');
    expect(rig.outputs().map((o) => JSON.parse(o.output) as unknown)).toEqual([
      { error: 'no handler for tool "files__delete_everything" in this app' },
      { error: 'tool "files__list_directory" got arguments that are not JSON' },
      { error: 'tool "files__list_directory" got arguments that are not a JSON object' },
    ]);
    // Refused before approval: the user was never asked about a call that cannot run.
    expect(rig.approvals()).toEqual([]);
    expect(rig.tools().every((t) => t.tool!.approval === undefined)).toBe(true);
    expect(rig.sim.violations).toEqual([]);
  });
});
