// MCP servers (tools that act): the standard `{"mcpServers": {...}}` document, each server's status, and the
// approval of calls. Runs in every process (main, preload, renderer): zod only, so the Settings editor checks
// a document with the very schema main saves it with.
import { z } from 'zod';
import { command, noRequest } from './define';
import { apiKeyStatusSchema } from './settings';

/** Per server and per tool: ask the user (default), run without asking, or refuse. */
export const approvalPolicySchema = z.enum(['ask', 'always', 'never']);
export type ApprovalPolicy = z.infer<typeof approvalPolicySchema>;

/**
 * What an `env` or `headers` value shows as once saved: secrets go to the secret store (like the API key) and
 * are never sent back. Saving a document that still holds it keeps the stored value.
 */
export const SECRET_PLACEHOLDER = '<kept secret>';

const serverNameSchema = z
  .string()
  .min(1, 'a server needs a name')
  .max(64, 'at most 64 characters')
  .regex(/[A-Za-z0-9]/, 'a name needs a letter or a digit');

const secretMap = z.record(z.string().min(1).max(256), z.string().max(16_384));

/** What every server takes besides how it is reached. `disabled` is how other clients write `enabled: false`. */
const common = {
  enabled: z.boolean().optional(),
  disabled: z.boolean().optional(),
  approval: approvalPolicySchema.optional(),
  /** Per tool, by the server's own tool name. */
  toolApproval: z.record(z.string().min(1).max(256), approvalPolicySchema).optional(),
  /** A call's time limit (default 30 s). */
  timeoutMs: z.number().int().min(100).max(600_000).optional(),
};

export const stdioServerSchema = z
  .object({
    type: z.literal('stdio').optional(),
    command: z.string().trim().min(1, 'the program to start').max(4_096),
    args: z.array(z.string().max(16_384)).max(256).optional(),
    env: secretMap.optional(),
    cwd: z.string().min(1).max(4_096).optional(),
    ...common,
  })
  .strict();

export const httpServerSchema = z
  .object({
    type: z.enum(['http', 'streamable-http', 'streamableHttp']).optional(),
    url: z
      .string()
      .url('a URL such as https://example.com/mcp')
      .refine((u) => /^https?:\/\//i.test(u), 'an http:// or https:// URL'),
    headers: secretMap.optional(),
    ...common,
  })
  .strict();

/** A stdio server has a command, a streamable HTTP server a url; SSE (deprecated in MCP) is not offered. */
export const mcpServerConfigSchema = z.unknown().transform((value, ctx) => {
  const v = value as Record<string, unknown> | null;
  if (!v || typeof v !== 'object' || Array.isArray(v)) {
    ctx.addIssue({ code: 'custom', message: 'a server is an object with "command" or "url"' });
    return z.NEVER;
  }
  if (v.type === 'sse') {
    ctx.addIssue({
      code: 'custom',
      path: ['type'],
      message: 'SSE servers are not supported: use the streamable HTTP endpoint',
    });
    return z.NEVER;
  }
  const http = 'url' in v || v.type === 'http' || v.type === 'streamable-http' || v.type === 'streamableHttp';
  const parsed = (http ? httpServerSchema : stdioServerSchema).safeParse(v);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) ctx.addIssue({ ...issue, code: 'custom' } as never);
    return z.NEVER;
  }
  return parsed.data;
});
export type StdioServerConfig = z.infer<typeof stdioServerSchema>;
export type HttpServerConfig = z.infer<typeof httpServerSchema>;
export type McpServerConfig = StdioServerConfig | HttpServerConfig;

/** Server names become tool-name prefixes with `[A-Za-z0-9_-]` only: two names must not give the same one. */
export const mcpServerPrefix = (name: string): string => name.replace(/[^A-Za-z0-9_-]/g, '_');

export const mcpDocumentSchema = z
  .object({
    mcpServers: z.record(serverNameSchema, mcpServerConfigSchema),
  })
  .strict()
  .superRefine((doc, ctx) => {
    const seen = new Map<string, string>();
    for (const name of Object.keys(doc.mcpServers)) {
      const prefix = mcpServerPrefix(name);
      const other = seen.get(prefix);
      if (other !== undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['mcpServers', name],
          message: `"${name}" and "${other}" give the same tool prefix "${prefix}": rename one`,
        });
      seen.set(prefix, name);
    }
  });
export type McpDocument = z.infer<typeof mcpDocumentSchema>;

export const isHttpServer = (server: McpServerConfig): server is HttpServerConfig => 'url' in server;
export const serverEnabled = (server: McpServerConfig): boolean =>
  server.enabled ?? (server.disabled === undefined ? true : !server.disabled);

export const mcpToolSchema = z.object({
  /** The function name the model sees: `<server>__<tool>`. */
  name: z.string(),
  /** The server's own name for it. */
  tool: z.string(),
  description: z.string().optional(),
  approval: approvalPolicySchema,
});
export type McpTool = z.infer<typeof mcpToolSchema>;

export const mcpServerStatusSchema = z.object({
  name: z.string(),
  transport: z.enum(['stdio', 'http']),
  enabled: z.boolean(),
  /** `off`: disabled. `restarting`: it stopped and is started again after a wait (backoff). */
  state: z.enum(['off', 'starting', 'ready', 'failed', 'restarting']),
  tools: z.array(mcpToolSchema),
  /** Why it failed or is restarting; what it said when starting. */
  message: z.string().optional(),
  /** Tools whose schema was adapted for the Realtime API, or left out (and why). */
  notes: z.array(z.string()),
});
export type McpServerStatus = z.infer<typeof mcpServerStatusSchema>;

export const mcpStateSchema = z.object({
  /** The document as the editor shows it: pretty JSON, secret values replaced by SECRET_PLACEHOLDER. */
  document: z.string(),
  servers: z.array(mcpServerStatusSchema),
  /** Where env and header values are kept (as for the API key; `basic_text`: a warning is due). */
  secretStorage: apiKeyStatusSchema.shape.storage,
});
export type McpState = z.infer<typeof mcpStateSchema>;

/** A call waiting for the user: shown in the window (and as a desktop notification). */
export const toolApprovalRequestSchema = z.object({
  id: z.string(),
  server: z.string(),
  tool: z.string(),
  /** The call's arguments as the model sent them (JSON text). */
  arguments: z.string(),
  /** When no answer counts as Deny. */
  expiresAt: z.string(),
});
export type ToolApprovalRequest = z.infer<typeof toolApprovalRequestSchema>;

export const approvalDecisionSchema = z.enum(['once', 'always', 'deny']);
export type ApprovalDecision = z.infer<typeof approvalDecisionSchema>;

/** How a call shown in the transcript was approved (or not). */
export const callApprovalSchema = z.enum([
  /** Waiting for the user. */
  'asking',
  /** Allowed once by the user. */
  'once',
  /** Allowed by an "always allow" (the policy, or the user's choice just now). */
  'always',
  'denied',
  /** No answer in time: denied. */
  'timeout',
  /** Refused by the "never" policy. */
  'never',
  /** The headless shell's --approve-tools all / none. */
  'auto-allowed',
  'auto-denied',
]);
export type CallApproval = z.infer<typeof callApprovalSchema>;

const serverRef = z.object({ name: z.string().min(1).max(64) }).strict();

export const mcpCommands = {
  getMcpState: command(noRequest, mcpStateSchema),
  /** Validates and saves the whole document (field errors such as `mcpServers.files.command`; nothing saved then). */
  setMcpConfig: command(z.object({ json: z.string().max(1_000_000) }).strict(), mcpStateSchema),
  setMcpServerEnabled: command(serverRef.extend({ enabled: z.boolean() }).strict(), mcpStateSchema),
  /** Starts a failed or running server again now. */
  restartMcpServer: command(serverRef, mcpStateSchema),
  getToolApprovals: command(noRequest, z.array(toolApprovalRequestSchema)),
  answerToolApproval: command(
    z.object({ id: z.string().min(1).max(64), decision: approvalDecisionSchema }).strict(),
    z.array(toolApprovalRequestSchema),
  ),
};

export const mcpEvents = {
  mcpChanged: mcpStateSchema,
  /** The calls waiting for an answer (empty when none). */
  toolApprovalsChanged: z.array(toolApprovalRequestSchema),
};
