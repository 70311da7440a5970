// The simulator's remote MCP servers (`type: "mcp"` session tools), modelled on the Realtime API's flow: a
// session.update that brings a server lists its tools (an `mcp_list_tools` item, made-up tools named for
// the label, filtered by `allowed_tools`); a scripted reply `{mcpCall}` asks for approval where
// `require_approval` wants it (the API's default: always) and ends its response there; the client answers
// with an `mcp_approval_response` item and a response.create, which runs the call (an `mcp_call` item with
// its output or error) or, denied, runs nothing; the response goes on with the next scripted message.
// No real MCP server is reached. The session is echoed without `authorization`: a server hands no secret back.
type Json = Record<string, unknown>;

export interface SimMcpCall {
  server_label: string;
  name: string;
  arguments: string;
  /** The tool fails with this message (an `mcp_call` with a tool_execution_error). */
  error?: string;
}

export interface SimMcpHooks {
  send(event: Json): void;
  nextId(prefix: string): string;
  /** conversation.item.added + done for an item the server adds. */
  addItem(item: Json): void;
  violation(text: string): void;
  simError(text: string): void;
}

/** What `respond` did before the reply's message: the output items it sent, and whether the response ends. */
export interface McpLead {
  output: Json[];
  /** The response ends with an approval request: no message follows. */
  asked: boolean;
  /** The reply was the call: the message comes from the next scripted reply. */
  usedReply: boolean;
}

const madeUpTools = (label: string): Json[] =>
  ['search', 'fetch', 'delete_item'].map((name) => ({
    name,
    description: `${name} on ${label} (simulated)`,
    input_schema: { type: 'object', properties: { query: { type: 'string' } } },
  }));

const mcpTools = (session: Json): Json[] =>
  ((session.tools as Json[] | undefined) ?? []).filter((tool) => tool.type === 'mcp');

const namesIn = (filter: unknown): string[] | undefined =>
  Array.isArray(filter)
    ? (filter as string[])
    : ((filter as Json | undefined)?.tool_names as string[] | undefined);

/** `require_approval` as the API documents it: "always" by default; a filter names tools either way. */
function needsApproval(tool: Json, name: string): boolean {
  const rule = tool.require_approval;
  if (rule === 'never') return false;
  if (rule && typeof rule === 'object') {
    if (namesIn((rule as Json).never)?.includes(name)) return false;
  }
  return true;
}

export class SimRemoteMcp {
  /** The servers listed on this connection (their config without the secret). */
  private readonly listed = new Set<string>();
  /** Approval requests sent, waiting for their answer. */
  private readonly requests = new Map<string, SimMcpCall>();
  /** Answered requests whose call the next response runs (or, denied, does not). */
  private readonly answered: { call: SimMcpCall; requestId: string; approve: boolean }[] = [];

  constructor(private readonly hooks: SimMcpHooks) {}

  /** The session as the server keeps and echoes it: no `authorization` in its MCP tools. */
  static withoutSecrets(session: Json): Json {
    if (!Array.isArray(session.tools)) return session;
    const tools = (session.tools as Json[]).map((tool) => {
      if (tool.type !== 'mcp' || !('authorization' in tool)) return tool;
      const { authorization: _kept, ...rest } = tool;
      return rest;
    });
    return { ...session, tools };
  }

  /** After session.updated: each server new to this connection (or changed) has its tools listed. */
  sessionChanged(session: Json): void {
    for (const tool of mcpTools(session)) {
      const key = JSON.stringify(tool);
      if (this.listed.has(key)) continue;
      this.listed.add(key);
      const label = String(tool.server_label);
      const allowed = namesIn(tool.allowed_tools);
      const tools = madeUpTools(label).filter((t) => !allowed || allowed.includes(String(t.name)));
      const id = this.hooks.nextId('mcpl');
      const item = (listed: Json[]) => ({ id, type: 'mcp_list_tools', server_label: label, tools: listed });
      this.hooks.send({ type: 'conversation.item.added', previous_item_id: null, item: item([]) });
      this.hooks.send({ type: 'mcp_list_tools.in_progress', item_id: id });
      this.hooks.send({ type: 'mcp_list_tools.completed', item_id: id });
      this.hooks.send({ type: 'conversation.item.done', previous_item_id: null, item: item(tools) });
    }
  }

  /** A client's `mcp_approval_response`: it must answer a request this session made, once. */
  answer(item: Json): void {
    const requestId = String(item.approval_request_id);
    const call = this.requests.get(requestId);
    if (!call) return this.hooks.violation(`mcp_approval_response for unknown request ${requestId}`);
    this.requests.delete(requestId);
    this.answered.push({ call, requestId, approve: item.approve === true });
  }

  /** Before a response's message: the answered call runs, or the scripted one is asked about or run. */
  respond(call: SimMcpCall | undefined, session: Json, responseId: string): McpLead {
    const answered = this.answered.shift();
    if (answered) {
      const output = answered.approve ? [this.run(answered.call, responseId, 0, answered.requestId)] : [];
      return { output, asked: false, usedReply: false };
    }
    if (!call) return { output: [], asked: false, usedReply: false };
    const tool = mcpTools(session).find((t) => t.server_label === call.server_label);
    if (!tool) {
      this.hooks.simError(`scripted mcpCall for "${call.server_label}", which the session does not declare`);
      return { output: [], asked: false, usedReply: false };
    }
    if (needsApproval(tool, call.name))
      return { output: [this.ask(call, responseId)], asked: true, usedReply: true };
    return { output: [this.run(call, responseId, 0, null)], asked: false, usedReply: true };
  }

  private ask(call: SimMcpCall, responseId: string): Json {
    const item = {
      id: this.hooks.nextId('mcpr'),
      type: 'mcp_approval_request',
      server_label: call.server_label,
      name: call.name,
      arguments: call.arguments,
    };
    this.requests.set(item.id, call);
    const base = { response_id: responseId, output_index: 0 };
    this.hooks.send({ type: 'response.output_item.added', ...base, item });
    this.hooks.addItem(item);
    this.hooks.send({ type: 'response.output_item.done', ...base, item });
    return item;
  }

  private run(call: SimMcpCall, responseId: string, index: number, requestId: string | null): Json {
    const id = this.hooks.nextId('mcp');
    const base = { response_id: responseId, output_index: index };
    const item = (fields: Json) => ({
      id,
      type: 'mcp_call',
      server_label: call.server_label,
      name: call.name,
      approval_request_id: requestId,
      ...fields,
    });
    this.hooks.send({ type: 'response.output_item.added', ...base, item: item({ arguments: '' }) });
    this.hooks.send({
      type: 'response.mcp_call_arguments.delta',
      ...base,
      item_id: id,
      delta: call.arguments,
    });
    this.hooks.send({
      type: 'response.mcp_call_arguments.done',
      ...base,
      item_id: id,
      arguments: call.arguments,
    });
    this.hooks.send({ type: 'response.mcp_call.in_progress', output_index: index, item_id: id });
    const done = call.error
      ? item({
          arguments: call.arguments,
          output: null,
          error: { type: 'tool_execution_error', message: call.error },
        })
      : item({
          arguments: call.arguments,
          output: `${call.name} on ${call.server_label} answered ${call.arguments}`,
        });
    const ended = call.error ? 'response.mcp_call.failed' : 'response.mcp_call.completed';
    this.hooks.send({ type: ended, output_index: index, item_id: id });
    this.hooks.addItem(done);
    this.hooks.send({ type: 'response.output_item.done', ...base, item: done });
    return done;
  }
}
