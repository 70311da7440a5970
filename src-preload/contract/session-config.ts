// The GA Realtime session object a profile carries, as a zod schema for field-level validation.
// It mirrors the openai SDK's RealtimeSessionCreateRequest (GA) for the fields this app edits; the
// compile-time check at the bottom fails the build if the two ever disagree. Objects are strict because
// the real server rejects unknown keys (`unknown_parameter`).
import { z } from 'zod';
import type {
  RealtimeSessionCreateRequest,
  RealtimeToolsConfigUnion,
} from 'openai/resources/realtime/realtime';

export const audioFormatSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('audio/pcm'), rate: z.literal(24_000).optional() }).strict(),
  z.object({ type: z.literal('audio/pcmu') }).strict(),
  z.object({ type: z.literal('audio/pcma') }).strict(),
]);

export const transcriptionSchema = z
  .object({
    model: z.string().trim().min(1),
    language: z
      .string()
      .regex(/^[a-z]{2,3}(-[A-Za-z0-9]+)?$/, 'use an ISO-639 code such as "en"')
      .optional(),
    prompt: z.string().max(1_000).optional(),
  })
  .strict();

export const serverVadSchema = z
  .object({
    type: z.literal('server_vad'),
    threshold: z.number().min(0).max(1).optional(),
    prefix_padding_ms: z.number().int().min(0).max(5_000).optional(),
    silence_duration_ms: z.number().int().min(0).max(10_000).optional(),
    idle_timeout_ms: z
      .number()
      .int()
      .min(5_000)
      .max(30 * 60_000)
      .nullable()
      .optional(),
    create_response: z.boolean().optional(),
    interrupt_response: z.boolean().optional(),
  })
  .strict();

export const semanticVadSchema = z
  .object({
    type: z.literal('semantic_vad'),
    eagerness: z.enum(['low', 'medium', 'high', 'auto']).optional(),
    create_response: z.boolean().optional(),
    interrupt_response: z.boolean().optional(),
  })
  .strict();

/** null = push-to-talk: the client commits and asks for the response. */
export const turnDetectionSchema = z
  .discriminatedUnion('type', [serverVadSchema, semanticVadSchema])
  .nullable();

export const noiseReductionSchema = z
  .object({ type: z.enum(['near_field', 'far_field']) })
  .strict()
  .nullable();

export const functionToolSchema = z
  .object({
    type: z.literal('function'),
    name: z.string().regex(/^[a-zA-Z0-9_-]{1,64}$/, 'letters, digits, _ or -, at most 64'),
    description: z.string().max(1_024).optional(),
    /** A JSON Schema object describing the arguments. */
    parameters: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();

/** Names of a remote MCP server's tools (allowed_tools, require_approval's filters). */
const mcpToolFilterSchema = z
  .object({
    tool_names: z.array(z.string().trim().min(1).max(128)).max(100).optional(),
    read_only: z.boolean().optional(),
  })
  .strict();

type SdkMcpTool = Extract<RealtimeToolsConfigUnion, { type: 'mcp' }>;

/** The service connectors the Realtime API knows (the SDK's list), offered instead of a server URL. */
export const mcpConnectorIds = [
  'connector_dropbox',
  'connector_gmail',
  'connector_googlecalendar',
  'connector_googledrive',
  'connector_microsoftteams',
  'connector_outlookcalendar',
  'connector_outlookemail',
  'connector_sharepoint',
] as const satisfies readonly NonNullable<SdkMcpTool['connector_id']>[];

/**
 * A remote MCP server the Realtime API itself calls (`type: "mcp"`): the server reaches it, lists its tools
 * and, where `require_approval` asks for it (the API's default is "always"), asks the app first.
 * `authorization` is a secret: stored profiles and everything the window sees hold SECRET_PLACEHOLDER
 * instead (main keeps the value, see core/profiles/profile-secrets.ts).
 */
export const remoteMcpToolSchema = z
  .object({
    type: z.literal('mcp'),
    server_label: z
      .string()
      .regex(/^[a-zA-Z][a-zA-Z0-9_-]{0,63}$/, 'a letter, then letters, digits, _ or -, at most 64'),
    server_url: z
      .url({ protocol: /^https?$/, error: 'an http or https URL' })
      .max(2_048)
      .optional(),
    connector_id: z.enum(mcpConnectorIds).optional(),
    server_description: z.string().max(1_024).optional(),
    authorization: z.string().min(1).max(8_192).optional(),
    allowed_tools: z
      .union([z.array(z.string().trim().min(1).max(128)).max(100), mcpToolFilterSchema])
      .optional(),
    require_approval: z
      .union([
        z.enum(['always', 'never']),
        z.object({ always: mcpToolFilterSchema.optional(), never: mcpToolFilterSchema.optional() }).strict(),
      ])
      .optional(),
  })
  .strict()
  .superRefine((tool, ctx) => {
    // The API takes one way to reach the server (a tunnel id is not offered here).
    if (tool.server_url === undefined && tool.connector_id === undefined)
      ctx.addIssue({ code: 'custom', path: ['server_url'], message: 'give a server URL or a connector' });
    if (tool.server_url !== undefined && tool.connector_id !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['connector_id'],
        message: 'give a server URL or a connector, not both',
      });
  });
export type RemoteMcpTool = z.infer<typeof remoteMcpToolSchema>;

export const sessionToolSchema = z.discriminatedUnion('type', [functionToolSchema, remoteMcpToolSchema]);
export type SessionTool = z.infer<typeof sessionToolSchema>;
export type FunctionTool = z.infer<typeof functionToolSchema>;

export const isRemoteMcpTool = (tool: SessionTool): tool is RemoteMcpTool => tool.type === 'mcp';

export const toolChoiceSchema = z.union([
  z.enum(['auto', 'none', 'required']),
  z.object({ type: z.literal('function'), name: z.string().min(1) }).strict(),
]);

/**
 * What the server does when the conversation outgrows the model's input limit (GA `truncation`): `auto`
 * drops the oldest messages just enough; `disabled` never drops anything and fails the response instead;
 * `retention_ratio` drops down to that fraction of the limit at once, so truncations (and the cache misses
 * each one causes) are rarer. `token_limits.post_instructions` lowers the limit itself, which caps what
 * every response's input costs.
 */
export const truncationSchema = z.union(
  [
    z.enum(['auto', 'disabled']),
    z
      .object({
        type: z.literal('retention_ratio'),
        retention_ratio: z.number().min(0).max(1),
        token_limits: z
          .object({ post_instructions: z.number().int().min(0).optional() })
          .strict()
          .optional(),
      })
      .strict(),
  ],
  // One message for the union (zod would say "Invalid input"): the editor shows it on the Truncation field.
  {
    error: 'use auto, disabled, or a retention ratio from 0 to 1 (with an optional whole-number token limit)',
  },
);

export const gaSessionSchema = z
  .object({
    type: z.literal('realtime'),
    output_modalities: z.union([z.tuple([z.literal('audio')]), z.tuple([z.literal('text')])]).optional(),
    instructions: z.string().max(32_000).optional(),
    audio: z
      .object({
        input: z
          .object({
            format: audioFormatSchema.optional(),
            transcription: transcriptionSchema.nullable().optional(),
            turn_detection: turnDetectionSchema.optional(),
            noise_reduction: noiseReductionSchema.optional(),
          })
          .strict()
          .optional(),
        output: z
          .object({
            format: audioFormatSchema.optional(),
            voice: z.string().trim().min(1).max(64).optional(),
            speed: z.number().min(0.25).max(1.5).optional(),
          })
          .strict()
          .optional(),
      })
      .strict()
      .optional(),
    tools: z
      .array(sessionToolSchema)
      .max(128)
      .superRefine((tools, ctx) => {
        // A function's name and a remote server's label each name one thing in the session.
        const seen = new Set<string>();
        tools.forEach((tool, index) => {
          const key = tool.type === 'mcp' ? `mcp:${tool.server_label}` : `function:${tool.name}`;
          if (seen.has(key))
            ctx.addIssue({
              code: 'custom',
              path: [index, tool.type === 'mcp' ? 'server_label' : 'name'],
              message: tool.type === 'mcp' ? 'server labels must be unique' : 'tool names must be unique',
            });
          seen.add(key);
        });
      })
      .optional(),
    tool_choice: toolChoiceSchema.optional(),
    max_output_tokens: z.union([z.number().int().min(1).max(4_096), z.literal('inf')]).optional(),
    truncation: truncationSchema.optional(),
  })
  .strict();

export type GaSession = z.infer<typeof gaSessionSchema>;

// Compile-time guard: every session this app sends is a valid SDK session (null-clearing aside, which the
// GA interface documents for transcription and noise_reduction but the SDK type omits).
type WithoutNulls<T> = T extends null ? never : T extends object ? { [K in keyof T]: WithoutNulls<T[K]> } : T;
type AssertAssignable<A extends B, B> = A;
export type _GaSessionMatchesSdk = AssertAssignable<WithoutNulls<GaSession>, RealtimeSessionCreateRequest>;
