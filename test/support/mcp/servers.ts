// The real MCP servers the tests start, from node_modules (installed from the lockfile: nothing is fetched at
// run time), and a way to find a stdio server's process (by the unique working directory it was given) so a
// test can kill it in the middle of a call.
import { readdirSync, readlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const packageDir = (name: string) => dirname(require.resolve(`${name}/package.json`));

export const filesystemServer = join(packageDir('@modelcontextprotocol/server-filesystem'), 'dist/index.js');
export const everythingServer = join(packageDir('@modelcontextprotocol/server-everything'), 'dist/index.js');
export const fixtureServer = join(import.meta.dirname, '../../fixtures/mcp/fixture-server.mjs');

/** A stdio server entry running `script` with Node (the one running the tests). */
export const nodeServer = (script: string, args: string[] = [], extra: Record<string, unknown> = {}) => ({
  command: process.execPath,
  args: [script, ...args],
  ...extra,
});

/** Processes whose working directory is `dir` (Linux /proc). */
export function pidsInDirectory(dir: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readlinkSync(`/proc/${entry}/cwd`) === dir) found.push(Number(entry));
    } catch {
      // gone, or not ours
    }
  }
  return found;
}
