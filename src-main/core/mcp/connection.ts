// One session with one MCP server through the official SDK client: stdio (a child process) or streamable
// HTTP. Initialize, list every tool (all pages), hear `notifications/tools/list_changed`, call tools with a
// time limit and cancellation (the SDK sends `notifications/cancelled`), and say when the server went away.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { ToolListChangedNotificationSchema, type CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { isHttpServer, type McpServerConfig } from '../../../src-preload/contract';

/**
 * A listed tool as far as this app needs it. The SDK's own `listTools` rejects the whole list when one tool
 * breaks its schema (an input schema without `type: "object"`, which servers do send): the list is read
 * loosely instead, and each tool is judged on its own (see catalogue.ts).
 */
export interface ListedTool {
  /** Empty when the server sent none (the tool is left out, with a note). */
  name: string;
  title?: string;
  description?: string;
  inputSchema?: unknown;
}

const looseList = z.looseObject({ tools: z.array(z.unknown()), nextCursor: z.string().optional() });
const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

function listedTool(raw: unknown): ListedTool {
  const t = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  return {
    name: text(t.name) ?? '',
    ...(text(t.title) !== undefined ? { title: text(t.title) } : {}),
    ...(text(t.description) !== undefined ? { description: text(t.description) } : {}),
    ...('inputSchema' in t ? { inputSchema: t.inputSchema } : {}),
  };
}

export interface ConnectionHooks {
  /** The server says its tool list changed. */
  toolsChanged(): void;
  /** The server went away (exited, crashed, the HTTP session ended) without us closing it. */
  closed(reason: string): void;
}

export interface ConnectOptions {
  /** Initialize must answer within this (a server that hangs at start is a failed one). */
  startTimeoutMs: number;
  clientVersion: string;
}

/** The last lines a stdio server wrote to stderr: what a failure is explained with. */
class StderrTail {
  private text = '';
  add(chunk: Buffer | string): void {
    this.text = (this.text + chunk.toString()).slice(-2_000);
  }
  lastLine(): string | undefined {
    const lines = this.text
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
    return lines.at(-1)?.slice(0, 300);
  }
}

/** A stdout line bigger than this from a server is a broken server, not a message (the SDK drops the session). */
const MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

function transportFor(config: McpServerConfig, stderr: StderrTail): Transport {
  if (isHttpServer(config))
    return new StreamableHTTPClientTransport(new URL(config.url), {
      requestInit: { headers: config.headers ?? {} },
    });
  const transport = new StdioClientTransport({
    command: config.command,
    args: config.args ?? [],
    // The SDK adds a safe minimum of the app's environment (PATH, HOME…), never the rest of it (the API key).
    env: config.env ?? {},
    cwd: config.cwd,
    stderr: 'pipe',
    maxBufferSize: MAX_MESSAGE_BYTES,
  });
  transport.stderr?.on('data', (chunk: Buffer) => stderr.add(chunk));
  return transport;
}

/** The error's message, with the system error under it when there is one ("fetch failed (ECONNREFUSED)"). */
function messageOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error.cause as NodeJS.ErrnoException | undefined)?.code;
  return code && !error.message.includes(code) ? `${error.message} (${code})` : error.message;
}

export class McpConnection {
  /** Initialized: from now on a close we did not ask for is news. */
  private open = false;
  private closing = false;

  private constructor(private readonly client: Client) {}

  /** Starts (or reaches) the server and initializes the session; rejects with a reason a person can read. */
  static async open(
    config: McpServerConfig,
    hooks: ConnectionHooks,
    options: ConnectOptions,
  ): Promise<McpConnection> {
    const stderr = new StderrTail();
    const transport = transportFor(config, stderr);
    const client = new Client(
      { name: 'voice-assistant', version: options.clientVersion },
      { capabilities: {} },
    );
    const connection = new McpConnection(client);
    let exited = false;
    const explain = (what: string) => {
      const said = stderr.lastLine();
      return said ? `${what}; it said: ${said}` : what;
    };
    client.onclose = () => {
      exited = true;
      if (connection.open && !connection.closing)
        hooks.closed(explain(isHttpServer(config) ? 'the server closed the session' : 'the server exited'));
    };
    client.setNotificationHandler(ToolListChangedNotificationSchema, () => hooks.toolsChanged());
    try {
      await client.connect(transport, { timeout: options.startTimeoutMs });
    } catch (error) {
      await transport.close().catch(() => {});
      const code = (error as NodeJS.ErrnoException).code;
      const reason =
        code === 'ENOENT' && !isHttpServer(config)
          ? `"${config.command}" was not found (is it installed and on PATH?)`
          : explain(exited && !isHttpServer(config) ? 'the server exited while starting' : messageOf(error));
      throw new Error(reason, { cause: error });
    }
    connection.open = true;
    return connection;
  }

  /** Every tool, following `nextCursor` (bounded: a server that pages forever is cut off). */
  async listTools(timeoutMs: number): Promise<ListedTool[]> {
    const tools: ListedTool[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 100; page++) {
      const result = await this.client.request(
        { method: 'tools/list', params: cursor ? { cursor } : {} },
        looseList,
        { timeout: timeoutMs },
      );
      tools.push(...result.tools.map(listedTool));
      cursor = result.nextCursor;
      if (!cursor) break;
    }
    return tools;
  }

  callTool(
    name: string,
    args: Record<string, unknown>,
    options: { signal: AbortSignal; timeoutMs: number },
  ): Promise<CallToolResult> {
    return this.client.callTool({ name, arguments: args }, undefined, {
      signal: options.signal,
      // The whole call, progress or not: the user is waiting for a spoken answer.
      timeout: options.timeoutMs,
    }) as Promise<CallToolResult>;
  }

  async close(): Promise<void> {
    this.closing = true;
    await this.client.close().catch(() => {});
  }
}
