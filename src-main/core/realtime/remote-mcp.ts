// Remote MCP tools (`type: "mcp"` in the session): the Realtime server itself reaches the MCP server, lists
// its tools and calls them. What the app does: shows each listing as a system line, answers each
// `mcp_approval_request` through the user's approval (the same prompt, notification, 60 s limit and
// headless --approve-tools as local MCP tools) with an `mcp_approval_response` item and a response.create,
// and shows each `mcp_call` (arguments, output, error) in the transcript like a function call.
import type { CallApproval } from '../../../src-preload/contract';
import { mcpApprovalResponse, type Wire } from './client-events';
import type { ServerEvent, ServerEventOf } from './protocol';
import type { Transcript } from './transcript';

type OutputItem = ServerEventOf<'response.output_item.done'>['item'];
type ApprovalRequest = Extract<OutputItem, { type: 'mcp_approval_request' }>;
type McpCall = Extract<OutputItem, { type: 'mcp_call' }>;
type ListTools = Extract<OutputItem, { type: 'mcp_list_tools' }>;

export interface RemoteMcpVerdict {
  allowed: boolean;
  how: CallApproval;
  /** Why the call was refused, in words the model can pass on. */
  reason?: string;
}

/** The user's side of a remote server's approval request (core/mcp/remote-approvals.ts). */
export interface RemoteMcpApprover {
  decide(
    call: { server: string; tool: string; arguments: string },
    signal: AbortSignal,
  ): Promise<RemoteMcpVerdict>;
}

export interface RemoteMcpHooks {
  /** Asks for the response that goes on after an approval answer (queued while one is active). */
  requestResponse(): void;
  warn(message: string): void;
  changed(): void;
}

/** Without an approver nobody can be asked, so nothing runs (as headless --approve-tools none). */
const noApprover: RemoteMcpApprover = {
  decide: async () => ({
    allowed: false,
    how: 'auto-denied',
    reason: 'the user did not approve this call (this app cannot ask)',
  }),
};

export class RemoteMcp {
  /** Approval requests waiting for the user. */
  private asking = 0;
  /** Approval request id → the transcript item its call will fill in. */
  private decided = new Map<string, { entryId: string; how: CallApproval }>();
  /** mcp_list_tools item id → server label (a failure names only the item). */
  private listings = new Map<string, string>();
  /** Aborted by every reset: an answer that comes after it belongs to a session that is gone. */
  private session = new AbortController();

  constructor(
    private readonly approver: RemoteMcpApprover = noApprover,
    private readonly transcript: Transcript,
    private readonly wire: Wire,
    private readonly hooks: RemoteMcpHooks,
  ) {}

  /** The user is being asked about a call. */
  busy(): boolean {
    return this.asking > 0;
  }

  /** Takes the remote MCP events (false for any other). */
  handle(event: ServerEvent): boolean {
    switch (event.type) {
      case 'conversation.item.added':
      case 'conversation.item.done':
        if (event.item.type !== 'mcp_list_tools') return false;
        if (event.item.id) this.listings.set(event.item.id, event.item.server_label);
        if (event.type === 'conversation.item.done') this.showListing(event.item);
        return true;
      case 'mcp_list_tools.failed': {
        const label = this.listings.get(event.item_id) ?? 'a remote MCP server';
        const message = `Remote MCP server "${label}": its tools could not be listed`;
        this.transcript.add('system', { text: message, final: true });
        this.hooks.warn(message);
        return true;
      }
      case 'mcp_list_tools.in_progress':
      case 'mcp_list_tools.completed':
      case 'response.mcp_call_arguments.delta':
      case 'response.mcp_call_arguments.done':
      case 'response.mcp_call.in_progress':
      case 'response.mcp_call.completed':
      case 'response.mcp_call.failed':
        return true; // the item itself (done) says it all
      case 'response.output_item.done':
        if (event.item.type === 'mcp_approval_request') void this.ask(event.item);
        else if (event.item.type === 'mcp_call') this.showCall(event.item);
        else return false;
        return true;
      default:
        return false;
    }
  }

  /** The session is gone or the conversation restarts: open prompts close, their answers are not sent. */
  reset(): void {
    this.session.abort();
    this.session = new AbortController();
    this.asking = 0;
    this.decided = new Map();
    this.listings = new Map();
  }

  private showListing(item: ListTools): void {
    const names = item.tools.map((tool) => tool.name);
    const list = names.length ? `: ${names.join(', ')}` : '';
    const text = `Remote MCP server "${item.server_label}": ${names.length} tool${names.length === 1 ? '' : 's'}${list}`;
    this.transcript.add('system', { text, final: true });
  }

  private async ask(item: ApprovalRequest): Promise<void> {
    const call = { name: item.name, arguments: item.arguments, server: item.server_label };
    const entry = this.transcript.add('tool', { text: item.name, tool: { ...call, approval: 'asking' } });
    const { signal } = this.session;
    this.asking++;
    this.hooks.changed();
    const verdict = await this.approver
      .decide({ server: item.server_label, tool: item.name, arguments: item.arguments }, signal)
      .catch((error: Error): RemoteMcpVerdict => ({ allowed: false, how: 'denied', reason: error.message }));
    if (signal.aborted) {
      this.transcript.update(entry.id, { final: true, tool: { ...call, approval: 'denied' } });
      return;
    }
    this.asking--;
    this.decided.set(item.id, { entryId: entry.id, how: verdict.how });
    // A refused call never runs: its item is done now, with the words the model is given.
    if (!verdict.allowed)
      this.transcript.update(entry.id, {
        final: true,
        tool: { ...call, approval: verdict.how, output: verdict.reason ?? 'not approved' },
      });
    else this.transcript.update(entry.id, { tool: { ...call, approval: verdict.how } });
    this.wire.send(mcpApprovalResponse(item.id, verdict.allowed, verdict.reason));
    // The response that asked is over: the server goes on (runs the call, or says it could not) when asked.
    this.hooks.requestResponse();
    this.hooks.changed();
  }

  private showCall(item: McpCall): void {
    const error = item.error ? `${item.error.type}: ${item.error.message}` : undefined;
    const linked = item.approval_request_id ? this.decided.get(item.approval_request_id) : undefined;
    const tool = {
      name: item.name,
      arguments: item.arguments,
      server: item.server_label,
      ...(item.output != null ? { output: item.output } : {}),
      ...(error ? { error } : {}),
      ...(linked ? { approval: linked.how } : {}),
    };
    if (linked) this.transcript.update(linked.entryId, { final: true, tool });
    else this.transcript.add('tool', { text: item.name, final: true, tool });
  }
}
