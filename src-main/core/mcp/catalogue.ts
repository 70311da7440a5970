// Every listed MCP tool as the model will see it: a function named `<server>__<tool>`, its description, and
// parameters the Realtime API accepts. Tools whose schema had to be adapted, or could not be and were left
// out, carry a note; the service shows the notes with the server and as notices.
import type { ListedTool } from './connection';
import { adaptDescription, adaptInputSchema } from './schema-adapt';
import { functionNameOf, uniqueName } from './naming';

export interface CatalogueEntry {
  /** The function name the model calls. */
  name: string;
  server: string;
  tool: string;
  description?: string;
  parameters: Record<string, unknown>;
}

export interface Catalogue {
  entries: CatalogueEntry[];
  /** Per server: what was adapted or left out. */
  notes: Map<string, string[]>;
}

/** `servers` in the document's order, each with its listed tools. */
export function buildCatalogue(servers: { server: string; tools: readonly ListedTool[] }[]): Catalogue {
  const taken = new Set<string>();
  const entries: CatalogueEntry[] = [];
  const notes = new Map<string, string[]>();
  for (const { server, tools } of servers) {
    const said: string[] = [];
    const seenTools = new Set<string>();
    for (const tool of tools) {
      if (!tool.name) {
        said.push('a tool without a name is left out');
        continue;
      }
      if (seenTools.has(tool.name)) {
        said.push(`"${tool.name}" is listed twice: the second one is left out`);
        continue;
      }
      seenTools.add(tool.name);
      const adapted = adaptInputSchema(tool.inputSchema);
      if ('refused' in adapted) {
        said.push(`"${tool.name}" left out: ${adapted.refused}`);
        continue;
      }
      const description = adaptDescription(tool.description ?? tool.title);
      const name = uniqueName(functionNameOf(server, tool.name), taken);
      taken.add(name);
      for (const note of adapted.notes) said.push(`"${tool.name}" adapted: ${note}`);
      if (description.cut) said.push(`"${tool.name}": description cut to 1,024 characters`);
      entries.push({
        name,
        server,
        tool: tool.name,
        ...(description.text ? { description: description.text } : {}),
        parameters: adapted.parameters,
      });
    }
    if (said.length) notes.set(server, said);
  }
  return { entries, notes };
}

/** The Realtime function tool for an entry. */
export const functionToolOf = (entry: CatalogueEntry) => ({
  type: 'function' as const,
  name: entry.name,
  ...(entry.description ? { description: entry.description } : {}),
  parameters: entry.parameters,
});
