// Function tools the app answers: the built-in clock tools, and whatever else the registry it is given knows
// (MCP servers' tools, through core/mcp). A tool a profile declares without a handler gets a clear error as
// its output, so the model can tell the user instead of waiting forever.
import type { ToolCall } from '../../../src-preload/contract';

/** What the transcript shows of a call besides its name, arguments and result: its server and its approval. */
export type ToolCallDetail = Pick<ToolCall, 'server' | 'approval'>;

export interface ToolContext {
  callId: string;
  /** The arguments exactly as the model sent them (JSON text), for showing. */
  argumentsJson: string;
  /** Aborted when the call's session is gone (the conversation restarts, the socket drops): stop working on it. */
  signal: AbortSignal;
  /** The call is still running but its detail changed (waiting for the user's approval…). */
  progress(detail: ToolCallDetail): void;
}

export type ToolHandler = (args: Record<string, unknown>, context: ToolContext) => unknown;

/** Handlers by function name (a Map is one). */
export interface ToolRegistry {
  get(name: string): ToolHandler | undefined;
}

/** A handler's answer that says more than a value: the output string as is, a failure, its detail. */
export class ToolReply {
  constructor(
    readonly output: string,
    readonly error?: string,
    readonly detail?: ToolCallDetail,
  ) {}
}

export interface ToolResult {
  output: string;
  error?: string;
  detail?: ToolCallDetail;
}

function currentDateTime(args: Record<string, unknown>): unknown {
  const requested = typeof args.timezone === 'string' ? args.timezone : undefined;
  const timeZone = requested ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const now = new Date();
  let local: string;
  try {
    local = now.toLocaleString('en-GB', { timeZone, dateStyle: 'full', timeStyle: 'long' });
  } catch {
    return { error: `unknown time zone "${requested}"` };
  }
  return { iso: now.toISOString(), timezone: timeZone, local };
}

/** Built-in handlers, by the names profiles use. */
export const builtinTools: ToolRegistry = new Map<string, ToolHandler>([
  ['get_current_time', currentDateTime],
  ['get_current_date', currentDateTime],
  ['get_current_datetime', currentDateTime],
  ['get_current_date_time', currentDateTime],
]);

/** The built-in tools first, then the others (MCP). */
export const toolsInOrder = (...registries: ToolRegistry[]): ToolRegistry => ({
  get: (name) => registries.reduce<ToolHandler | undefined>((found, r) => found ?? r.get(name), undefined),
});

const failure = (error: string): ToolResult => ({ output: JSON.stringify({ error }), error });

const noContext: ToolContext = {
  callId: '',
  argumentsJson: '',
  signal: new AbortController().signal,
  progress: () => {},
};

/** Runs one call; always returns the string to send back as `function_call_output.output`. */
export async function runTool(
  registry: ToolRegistry,
  name: string,
  argumentsJson: string,
  context: ToolContext = noContext,
): Promise<ToolResult> {
  const handler = registry.get(name);
  if (!handler) return failure(`no handler for tool "${name}" in this app`);
  let args: Record<string, unknown>;
  try {
    const parsed: unknown = argumentsJson.trim() ? JSON.parse(argumentsJson) : {};
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
      return failure(`tool "${name}" got arguments that are not a JSON object`);
    args = parsed as Record<string, unknown>;
  } catch {
    return failure(`tool "${name}" got arguments that are not JSON`);
  }
  try {
    const result: unknown = await handler(args, { ...context, argumentsJson });
    if (result instanceof ToolReply)
      return {
        output: result.output,
        ...(result.error !== undefined ? { error: result.error } : {}),
        ...(result.detail ? { detail: result.detail } : {}),
      };
    return { output: typeof result === 'string' ? result : JSON.stringify(result) };
  } catch (e) {
    return failure(`tool "${name}" failed: ${(e as Error).message}`);
  }
}
