// Function tools the app answers itself. A tool a profile declares without a handler here gets a clear
// error as its output, so the model can tell the user instead of waiting forever.

export type ToolHandler = (args: Record<string, unknown>) => Promise<unknown> | unknown;
export type ToolRegistry = ReadonlyMap<string, ToolHandler>;

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

/** Runs one call; always returns the string to send back as `function_call_output.output`. */
export async function runTool(
  registry: ToolRegistry,
  name: string,
  argumentsJson: string,
): Promise<{ output: string; error?: string }> {
  const handler = registry.get(name);
  if (!handler) {
    const error = `no handler for tool "${name}" in this app`;
    return { output: JSON.stringify({ error }), error };
  }
  let args: Record<string, unknown> = {};
  try {
    const parsed: unknown = argumentsJson.trim() ? JSON.parse(argumentsJson) : {};
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
      args = parsed as Record<string, unknown>;
  } catch {
    const error = `tool "${name}" got arguments that are not JSON`;
    return { output: JSON.stringify({ error }), error };
  }
  try {
    const result = await handler(args);
    return { output: typeof result === 'string' ? result : JSON.stringify(result) };
  } catch (e) {
    const error = `tool "${name}" failed: ${(e as Error).message}`;
    return { output: JSON.stringify({ error }), error };
  }
}
