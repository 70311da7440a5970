// The MCP configuration as the editor handles it: checked as you type with the contract's own schema (main
// checks it again, and resolves the secret placeholders), and servers imported from another client's file
// (Claude Desktop, Cursor: `mcpServers`; VS Code: `servers`) merged into the draft.
import { fieldErrorsFromIssues, mcpDocumentSchema } from '../../../src-preload/contract';

/** Field errors of a draft (`json` when it is not JSON at all); empty when it is valid. */
export function draftErrors(text: string): Record<string, string[]> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { json: [(error as Error).message] };
  }
  const parsed = mcpDocumentSchema.safeParse(raw);
  return parsed.success ? {} : fieldErrorsFromIssues(parsed.error.issues);
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  !!v && typeof v === 'object' && !Array.isArray(v);

/** The draft with the file's servers added (a server of the same name is replaced); throws when the file has none. */
export function importServers(draft: string, fileText: string): { text: string; names: string[] } {
  let file: unknown;
  try {
    file = JSON.parse(fileText);
  } catch (error) {
    throw new Error(`The file is not JSON: ${(error as Error).message}`, { cause: error });
  }
  const servers = isObject(file) ? (file.mcpServers ?? file.servers) : undefined;
  if (!isObject(servers)) throw new Error('The file has no "mcpServers" (or "servers") object.');
  let current: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(draft);
    if (isObject(parsed) && isObject(parsed.mcpServers)) current = parsed.mcpServers;
  } catch {
    // An unparsable draft is replaced by what was imported.
  }
  return {
    text: JSON.stringify({ mcpServers: { ...current, ...servers } }, null, 2),
    names: Object.keys(servers),
  };
}
