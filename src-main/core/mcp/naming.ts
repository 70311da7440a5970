// The function names the model sees for MCP tools: `<server>__<tool>`, characters outside `[A-Za-z0-9_-]`
// turned into `_`, cut to 64 (the Realtime API's limit). Cutting (and the replacement) can make two names
// equal; a later one then ends in `_2`, `_3`… so every name still says which server and tool it is.
import { mcpServerPrefix } from '../../../src-preload/contract';

export const MAX_FUNCTION_NAME = 64;

export const functionNameOf = (server: string, tool: string): string =>
  `${mcpServerPrefix(server)}__${tool.replace(/[^A-Za-z0-9_-]/g, '_')}`.slice(0, MAX_FUNCTION_NAME);

/** `base`, or `base` with a numeric suffix (still at most 64) when `taken` already holds it. */
export function uniqueName(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const suffix = `_${n}`;
    const candidate = base.slice(0, MAX_FUNCTION_NAME - suffix.length) + suffix;
    if (!taken.has(candidate)) return candidate;
  }
}
