// One configured MCP server's life: start it, list its tools (again on list_changed), run calls, and when it
// goes away after having run, start it again with backoff. A server that fails its first start is `failed`
// with the reason (starting it again would fail the same way; Restart is the user's to press); one that
// crashed is `restarting` until it is back or has failed `maxAttempts` starts in a row.
import { McpError, type CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { isHttpServer, type McpServerConfig, type McpServerStatus } from '../../../src-preload/contract';
import { backoffDelay, type BackoffPolicy } from '../realtime/backoff';
import { McpConnection, type ListedTool } from './connection';

export interface RunnerHooks {
  /** The state, message or tool list changed. */
  changed(): void;
  /** Something the user should hear of (ready with N tools, failed, restarting). */
  notice(level: 'info' | 'warning', message: string): void;
}

export interface RunnerOptions {
  backoff: BackoffPolicy;
  startTimeoutMs: number;
  clientVersion: string;
  random?: () => number;
}

type State = McpServerStatus['state'];

export class ServerRunner {
  private connection: McpConnection | undefined;
  private state: State = 'off';
  private message: string | undefined;
  private tools: ListedTool[] = [];
  /** Failed starts in a row since it last ran (restart backoff). */
  private failures = 0;
  private hasRun = false;
  private timer: NodeJS.Timeout | undefined;
  /** Bumped by every start and stop: an answer from an older attempt is dropped. */
  private generation = 0;
  private relisting: Promise<void> | undefined;

  constructor(
    readonly name: string,
    /** With its secrets: what the process or request really gets. */
    readonly config: McpServerConfig,
    private readonly hooks: RunnerHooks,
    private readonly options: RunnerOptions,
  ) {}

  status(): { state: State; message?: string } {
    return { state: this.state, ...(this.message ? { message: this.message } : {}) };
  }
  /** The server's tools as listed; kept while it restarts (so the session's declaration does not churn), none once off or failed. */
  listed(): readonly ListedTool[] {
    return this.tools;
  }

  start(): void {
    this.clearTimer();
    const generation = ++this.generation;
    this.set('starting', undefined);
    void this.attempt(generation);
  }

  async stop(): Promise<void> {
    this.generation++;
    this.clearTimer();
    const connection = this.connection;
    this.connection = undefined;
    this.tools = [];
    this.set('off', undefined);
    await connection?.close();
  }

  async call(
    tool: string,
    args: Record<string, unknown>,
    options: { signal: AbortSignal; timeoutMs: number },
  ): Promise<CallToolResult> {
    if (this.state !== 'ready' || !this.connection)
      throw new Error(
        `the server "${this.name}" is ${this.state === 'restarting' ? 'restarting' : this.state}`,
      );
    const generation = this.generation;
    try {
      return await this.connection.callTool(tool, args, options);
    } catch (error) {
      // A stdio server that dies closes its pipe (the connection says so); an HTTP server that went away is
      // only noticed by the next request: not an answer from the server, not our own time limit or abort.
      const unreachable =
        isHttpServer(this.config) && !(error instanceof McpError) && !options.signal.aborted;
      if (unreachable && generation === this.generation && this.state === 'ready') {
        void this.connection?.close();
        this.lost(`the server could not be reached: ${(error as Error).message}`);
      }
      throw error;
    }
  }

  private async attempt(generation: number): Promise<void> {
    let connection: McpConnection | undefined;
    try {
      connection = await McpConnection.open(
        this.config,
        {
          toolsChanged: () => {
            if (generation === this.generation) void this.relist(generation);
          },
          closed: (reason) => {
            if (generation === this.generation) this.lost(reason);
          },
        },
        { startTimeoutMs: this.options.startTimeoutMs, clientVersion: this.options.clientVersion },
      );
      if (generation !== this.generation) return void (await connection.close());
      this.connection = connection;
      this.tools = await connection.listTools(this.options.startTimeoutMs);
      if (generation !== this.generation) return;
    } catch (error) {
      if (generation !== this.generation) return void (await connection?.close());
      await connection?.close();
      this.connection = undefined;
      return this.failed((error as Error).message);
    }
    this.failures = 0;
    this.hasRun = true;
    this.set('ready', undefined);
    this.hooks.notice(
      'info',
      `MCP server "${this.name}" is ready with ${this.tools.length} tool${this.tools.length === 1 ? '' : 's'}`,
    );
  }

  /** list_changed: listed again; notifications that come while a listing runs are served by one more. */
  private async relist(generation: number): Promise<void> {
    if (this.relisting) return void this.relisting.then(() => this.relist(generation));
    const connection = this.connection;
    if (!connection || this.state !== 'ready') return;
    this.relisting = (async () => {
      try {
        const tools = await connection.listTools(this.options.startTimeoutMs);
        if (generation !== this.generation) return;
        this.tools = tools;
        this.hooks.changed();
      } catch (error) {
        if (generation === this.generation)
          this.hooks.notice(
            'warning',
            `MCP server "${this.name}": listing its tools again failed: ${(error as Error).message}`,
          );
      }
    })();
    await this.relisting;
    this.relisting = undefined;
  }

  /** It went away on its own after running: started again with backoff. */
  private lost(reason: string): void {
    this.connection = undefined;
    this.hooks.notice('warning', `MCP server "${this.name}" stopped: ${reason}`);
    this.scheduleRestart(reason);
  }

  private failed(reason: string): void {
    if (!this.hasRun) {
      this.tools = [];
      this.set('failed', reason);
      return this.hooks.notice('warning', `MCP server "${this.name}" failed to start: ${reason}`);
    }
    this.scheduleRestart(reason);
  }

  private scheduleRestart(reason: string): void {
    this.failures++;
    if (this.failures > this.options.backoff.maxAttempts) {
      this.tools = [];
      this.set('failed', `${reason} (gave up after ${this.options.backoff.maxAttempts} restarts)`);
      return this.hooks.notice('warning', `MCP server "${this.name}" failed: ${this.message}`);
    }
    const delay = backoffDelay(this.options.backoff, this.failures, this.options.random);
    const generation = this.generation;
    this.set('restarting', `${reason}; starting it again in ${(delay / 1000).toFixed(1)} s`);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (generation === this.generation) this.start();
    }, delay);
    this.timer.unref?.();
  }

  private set(state: State, message: string | undefined): void {
    this.state = state;
    this.message = message;
    this.hooks.changed();
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
