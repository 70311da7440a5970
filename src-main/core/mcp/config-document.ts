// The mcpServers document between the editor, the file and the processes. Values of `env` and `headers` are
// secrets (tokens, keys): the file and the window only ever see SECRET_PLACEHOLDER in their place; the values
// live in the secret store like the API key. A document saved with a placeholder keeps the stored value.
import {
  SECRET_PLACEHOLDER,
  fieldErrorsFromIssues,
  isHttpServer,
  mcpDocumentSchema,
  type McpDocument,
  type McpServerConfig,
} from '../../../src-preload/contract';

/** Per server: its env (stdio) or headers (HTTP) values. */
export type McpSecrets = Record<string, Record<string, string>>;

export const emptyDocument: McpDocument = { mcpServers: {} };

const secretsOf = (server: McpServerConfig): Record<string, string> | undefined =>
  isHttpServer(server) ? server.headers : server.env;

const withSecrets = (server: McpServerConfig, values: Record<string, string> | undefined): McpServerConfig =>
  isHttpServer(server)
    ? { ...server, ...(values ? { headers: values } : {}) }
    : { ...server, ...(values ? { env: values } : {}) };

export type ParsedDocument =
  | { ok: true; document: McpDocument; secrets: McpSecrets }
  | { ok: false; message: string; fieldErrors: Record<string, string[]> };

/** JSON line and column of a parse error, for the editor. */
function jsonErrorAt(text: string, error: Error): string {
  const position = /position (\d+)/.exec(error.message)?.[1];
  if (position === undefined) return error.message;
  const before = text.slice(0, Number(position));
  const line = before.split('\n').length;
  const column = Number(position) - before.lastIndexOf('\n');
  return `line ${line}, column ${column}: ${error.message.replace(/ in JSON at position \d+.*$/, '')}`;
}

/**
 * Editor text → a valid document with placeholders, and the secrets it holds (a placeholder is resolved from
 * `stored`, the server's values as saved). Field errors name the path (`mcpServers.files.command`).
 */
export function parseDocumentText(text: string, stored: McpSecrets): ParsedDocument {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    const where = jsonErrorAt(text, error as Error);
    return { ok: false, message: `Not valid JSON (${where})`, fieldErrors: { json: [where] } };
  }
  const parsed = mcpDocumentSchema.safeParse(raw);
  if (!parsed.success) {
    const fieldErrors = fieldErrorsFromIssues(parsed.error.issues);
    return { ok: false, message: 'The MCP configuration has errors', fieldErrors };
  }
  const document: McpDocument = { mcpServers: {} };
  const secrets: McpSecrets = {};
  const fieldErrors: Record<string, string[]> = {};
  for (const [name, server] of Object.entries(parsed.data.mcpServers)) {
    const given = secretsOf(server);
    if (given) {
      const kept: Record<string, string> = {};
      for (const [key, value] of Object.entries(given)) {
        if (value !== SECRET_PLACEHOLDER) kept[key] = value;
        else if (stored[name]?.[key] !== undefined) kept[key] = stored[name][key];
        else
          (fieldErrors[`mcpServers.${name}.${isHttpServer(server) ? 'headers' : 'env'}.${key}`] ??= []).push(
            'no value is stored for this secret: enter it again',
          );
      }
      secrets[name] = kept;
    }
    document.mcpServers[name] = withSecrets(server, given && placeholders(given));
  }
  if (Object.keys(fieldErrors).length)
    return { ok: false, message: 'The MCP configuration has errors', fieldErrors };
  return { ok: true, document, secrets };
}

const placeholders = (values: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.keys(values).map((key) => [key, SECRET_PLACEHOLDER]));

/** The document as the editor shows it (placeholders already in place: it is the stored form). */
export const documentText = (document: McpDocument): string => JSON.stringify(document, null, 2);

/** A server as it really runs: its placeholders replaced by the stored values. */
export function resolvedServer(name: string, server: McpServerConfig, secrets: McpSecrets): McpServerConfig {
  const given = secretsOf(server);
  if (!given) return server;
  const values = Object.fromEntries(
    Object.keys(given).flatMap((key) =>
      secrets[name]?.[key] !== undefined ? [[key, secrets[name][key]]] : [],
    ),
  );
  return withSecrets(server, values);
}
