// Function calls the model makes: each runs (in the app, or on an MCP server after the user's approval),
// shows in the transcript with its server and how it was approved, and its output goes back once the
// response that asked for it is done, followed by one response.create for all of them.
import type { Transcript } from './transcript';
import { toolOutput, type Wire } from './client-events';
import { runTool, type ToolCallDetail, type ToolRegistry } from './tools';

export interface ToolCallHooks {
  /** No response is active: outputs may go. */
  canAnswer(): boolean;
  requestResponse(): void;
  warn(message: string): void;
}

export interface FunctionCallItem {
  name?: string;
  arguments?: string;
  call_id?: string;
}

export class ToolCalls {
  private running = 0;
  private outputs: { callId: string; output: string }[] = [];
  /** Aborted by every reset: a call that finishes after one belongs to a session that is gone. */
  private session = new AbortController();

  constructor(
    private readonly registry: ToolRegistry,
    private readonly transcript: Transcript,
    private readonly wire: Wire,
    private readonly hooks: ToolCallHooks,
  ) {}

  /** A call is running (or waiting for the user's approval). */
  busy(): boolean {
    return this.running > 0;
  }

  /** A call is running or its output waits to be sent. */
  pending(): boolean {
    return this.running > 0 || this.outputs.length > 0;
  }

  run(item: FunctionCallItem): void {
    const name = item.name ?? '';
    const args = item.arguments ?? '';
    const callId = item.call_id ?? '';
    const entry = this.transcript.add('tool', { text: name, tool: { name, arguments: args } });
    this.running++;
    const { signal } = this.session;
    let detail: ToolCallDetail = {};
    const progress = (next: ToolCallDetail) => {
      detail = { ...detail, ...next };
      if (!signal.aborted) this.transcript.update(entry.id, { tool: { name, arguments: args, ...detail } });
    };
    runTool(this.registry, name, args, { callId, argumentsJson: args, signal, progress })
      .then(({ output, error, detail: last }) => {
        detail = { ...detail, ...last };
        this.transcript.update(entry.id, {
          final: true,
          tool: { name, arguments: args, output, error, ...detail },
        });
        // The connection dropped or the conversation restarted meanwhile: the call_id means nothing to the
        // new session, so the result is shown but not sent.
        if (signal.aborted) return;
        this.running--;
        if (error) this.hooks.warn(error);
        this.outputs.push({ callId, output });
        this.sendOutputs();
      })
      .catch((error: Error) => this.hooks.warn(`tool "${name}": ${error.message}`));
  }

  /** Outputs go once no response is active and no call is still running; then one response.create. */
  sendOutputs(): void {
    if (!this.hooks.canAnswer() || this.running > 0 || !this.outputs.length) return;
    for (const { callId, output } of this.outputs.splice(0)) this.wire.send(toolOutput(callId, output));
    this.hooks.requestResponse();
  }

  /**
   * The session is gone or the conversation restarts: calls still running are cancelled (an MCP server is
   * told, an approval prompt closes) and will not be answered.
   */
  reset(): void {
    this.session.abort();
    this.session = new AbortController();
    this.running = 0;
    this.outputs = [];
  }
}
