// MCP tools end to end with the reference servers from the npm registry (started from node_modules): the real
// core, engine and Realtime simulator. The simulator calls a server's tool as the model would; the real
// result goes back as the function_call_output; approval (ask, always, never, the user's answers, the 60 s
// limit) decides what runs; the transcript says which server ran it and how it was approved.
import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { filesystemServer, fixtureServer, nodeServer } from '../support/mcp/servers';
import { until } from '../support/until';
import { startMcpRig, type McpRig } from '../support/mcp/rig';

let rig: McpRig | undefined;
let dir: string | undefined;
afterEach(async () => {
  await rig?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  rig = dir = undefined;
});

function filesDir(): string {
  dir = realpathSync(mkdtempSync(join(tmpdir(), 'mcp-files-')));
  writeFileSync(join(dir, 'note.txt'), 'The meeting moved to Thursday at 10.\n');
  return dir;
}

const read = (path: string) => ({
  toolCall: { name: 'files__read_text_file', arguments: JSON.stringify({ path }) },
});

describe('MCP tools through the engine', () => {
  it('declares the filesystem server tools and brings a real file back to the model', async () => {
    const root = filesDir();
    rig = await startMcpRig(
      { replies: [read(join(root, 'note.txt')), { text: 'Thursday at ten.', audioMs: 100 }] },
      { config: { mcpServers: { files: { ...nodeServer(filesystemServer, [root]), approval: 'always' } } } },
    );
    const files = await rig.waitServer('files', 'ready');
    expect(files.tools.map((t) => t.name)).toContain('files__read_text_file');
    await rig.turn('when is the meeting?');
    const declared = rig.declared().map((t) => t.name);
    expect(declared).toContain('files__read_text_file');
    expect(declared).toContain('files__list_directory');
    const [output] = rig.outputs();
    expect(output!.output).toContain('The meeting moved to Thursday at 10.');
    const [call] = rig.tools();
    expect(call!.tool).toMatchObject({ name: 'files__read_text_file', server: 'files', approval: 'always' });
    expect(rig.sim.violations).toEqual([]);
  });

  it("a profile's servers: only their tools are declared, and a change applies live", async () => {
    rig = await startMcpRig(
      { replies: [{ text: 'Hi.', audioMs: 50 }] },
      {
        config: {
          mcpServers: {
            alpha: nodeServer(fixtureServer, ['--tools', '2']),
            beta: nodeServer(fixtureServer, ['--tools', '3']),
          },
        },
      },
    );
    await rig.waitServer('alpha', 'ready');
    await rig.waitServer('beta', 'ready');
    const copy = (await rig.call('duplicateProfile', { id: 'builtin-voice-assistant' })) as { id: string };
    await rig.call('updateProfile', { id: copy.id, patch: { mcpServers: ['alpha'] } });
    await rig.call('setActiveProfile', { id: copy.id });
    await rig.turn('hello');
    const names = () => rig!.declared().map((t) => t.name);
    expect(names().filter((n) => n.startsWith('alpha__'))).toHaveLength(4);
    expect(names().filter((n) => n.startsWith('beta__'))).toEqual([]);
    // Back to every enabled server: one live session.update adds beta's tools.
    await rig.call('updateProfile', { id: copy.id, patch: { mcpServers: null } });
    await until(() => names().some((n) => n.startsWith('beta__')), "beta's tools");
    expect(names().filter((n) => n.startsWith('beta__'))).toHaveLength(5);
    expect(rig.sim.violations).toEqual([]);
  });
});
