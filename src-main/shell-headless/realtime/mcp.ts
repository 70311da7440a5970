// --mcp-config FILE and --approve-tools all|none: the headless shell's MCP servers. The file is the same
// {"mcpServers": {...}} document the window's Settings edits (checked the same way: a bad one stops the run
// with its field errors); the run waits until every enabled server is ready or failed, so the first turn
// already has their tools, and prints one line per server. Nobody can answer an approval prompt here:
// --approve-tools says what every call that would ask gets (default none: denied).
import { readFileSync } from 'node:fs';
import type { McpServerStatus } from '../../../src-preload/contract';
import type { Core } from '../../core/app/create-core';

/** How long the servers get to start before the run goes on without the slow ones. */
export const MCP_START_WAIT_MS = 30_000;

const settled = (servers: McpServerStatus[]) =>
  servers.every((s) => !s.enabled || s.state === 'ready' || s.state === 'failed');

export async function startHeadlessMcp(
  core: Core,
  options: { file: string | undefined; approveTools: 'all' | 'none' },
  io: { line(value: Record<string, unknown>): void },
): Promise<void> {
  core.mcp.approvals.auto = options.approveTools;
  if (!options.file) return;
  let json: string;
  try {
    json = readFileSync(options.file, 'utf8');
  } catch (error) {
    throw new Error(
      `--mcp-config: cannot read ${options.file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      { cause: error },
    );
  }
  const saved = await core.dispatcher.dispatch('setMcpConfig', { json });
  if (!saved.ok) {
    const fields = Object.entries(saved.error.fieldErrors ?? {})
      .map(([path, messages]) => `${path}: ${messages.join(', ')}`)
      .join('; ');
    throw new Error(`--mcp-config ${options.file}: ${saved.error.message}${fields ? ` (${fields})` : ''}`);
  }
  await new Promise<void>((resolve) => {
    const done = () => {
      off();
      clearTimeout(timer);
      resolve();
    };
    const off = core.events.on('mcpChanged', (state) => settled(state.servers) && done());
    const timer = setTimeout(done, MCP_START_WAIT_MS);
    if (settled(core.mcp.state().servers)) done();
  });
  for (const server of core.mcp.state().servers)
    io.line({
      type: 'mcp.server',
      name: server.name,
      state: server.state,
      tools: server.tools.map((t) => t.name),
      ...(server.message ? { message: server.message } : {}),
      ...(server.notes.length ? { notes: server.notes } : {}),
    });
}
