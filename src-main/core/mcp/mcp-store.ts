// Where the MCP configuration is kept: the document (secrets as placeholders) in `mcp.json` beside
// settings.json, opened defensively like every store; the secret values in their own secret store (the
// Electron shell: safeStorage, as the API key; headless and tests: memory), as one JSON blob.
import { z } from 'zod';
import { mcpDocumentSchema, type McpDocument, type Notice } from '../../../src-preload/contract';
import type { SecretStore } from '../secrets/secret-store';
import { openStore } from '../storage/open-store';
import type { StoreFactory } from '../storage/store-types';
import { emptyDocument, type McpSecrets } from './config-document';

export const MCP_FILE_VERSION = '1.0.0';

const secretsBlobSchema = z.record(z.string(), z.record(z.string(), z.string()));

export function openMcpStore(factory: StoreFactory, secrets: SecretStore, notify: (notice: Notice) => void) {
  const file = openStore(factory, {
    name: 'mcp',
    label: 'MCP servers',
    projectVersion: MCP_FILE_VERSION,
    migrations: {},
    defaults: emptyDocument,
    schema: mcpDocumentSchema,
    notify,
  });
  let document = file.data;
  return {
    document: (): McpDocument => document,
    /** Throws CommandError('conflict') when the file is read-only (written by a newer app). */
    saveDocument(next: McpDocument): void {
      file.write(next);
      document = next;
    },
    async secrets(): Promise<McpSecrets> {
      const blob = await secrets.get().catch(() => undefined);
      if (!blob) return {};
      try {
        const parsed = secretsBlobSchema.safeParse(JSON.parse(blob));
        if (parsed.success) return parsed.data;
      } catch {
        // fall through: an unreadable blob is no secrets, said once
      }
      notify({ level: 'warning', message: 'The stored MCP secrets could not be read: enter them again.' });
      return {};
    },
    async saveSecrets(next: McpSecrets): Promise<void> {
      const kept = Object.fromEntries(
        Object.entries(next).filter(([, values]) => Object.keys(values).length),
      );
      if (Object.keys(kept).length) await secrets.set(JSON.stringify(kept));
      else await secrets.clear();
    },
    storageKind: () => secrets.storageKind(),
  };
}
export type McpStore = ReturnType<typeof openMcpStore>;
