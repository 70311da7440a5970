// The MCP servers the user configured: their document and secrets, one runner per server (started when
// enabled), the tools they offer as the model sees them, and the calls the model makes to them (approved
// first). Core wiring gives the session `registry` and `functionTools`; the window gets `state`.
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import {
  serverEnabled,
  type ApprovalDecision,
  type ApprovalPolicy,
  type McpDocument,
  type McpServerConfig,
  type McpState,
  type McpServerStatus,
  type Notice,
} from '../../../src-preload/contract';
import { CommandError } from '../ipc/command-error';
import type { EventBus } from '../ipc/event-bus';
import type { BackoffPolicy } from '../realtime/backoff';
import { ToolReply, type ToolContext, type ToolHandler, type ToolRegistry } from '../realtime/tools';
import type { SecretStore } from '../secrets/secret-store';
import type { StoreFactory } from '../storage/store-types';
import { Approvals, refusalOutput } from './approvals';
import { buildCatalogue, functionToolOf, type Catalogue, type CatalogueEntry } from './catalogue';
import { documentText, parseDocumentText, resolvedServer, type McpSecrets } from './config-document';
import { openMcpStore, type McpStore } from './mcp-store';
import { ServerRunner } from './server-runner';
import { outputOf } from './tool-output';

export const DEFAULT_CALL_TIMEOUT_MS = 30_000;

export interface McpServiceOptions {
  storage: StoreFactory;
  /** Where env and header values are kept (safeStorage in the app); memory when omitted. */
  secrets: SecretStore;
  events: EventBus;
  notify: (notice: Notice) => void;
  clientVersion: string;
  /** Restarts of a crashed server (default: 1 s doubling to 60 s, 5 in a row). */
  backoff?: BackoffPolicy;
  /** Initialize and tool listing must answer within this (default 20 s). */
  startTimeoutMs?: number;
  /** No answer to an approval prompt within this is a Deny (default 60 s). */
  approvalTimeoutMs?: number;
}

const defaultBackoff: BackoffPolicy = { baseMs: 1_000, maxMs: 60_000, maxAttempts: 5 };

/** What reaching the server takes: a change here restarts it; approvals and timeouts do not. */
const connectionKey = (server: McpServerConfig): string => {
  const { enabled: _e, disabled: _d, approval: _a, toolApproval: _t, timeoutMs: _m, ...reach } = server;
  return JSON.stringify(reach);
};

export const policyOf = (server: McpServerConfig, tool: string): ApprovalPolicy =>
  server.toolApproval?.[tool] ?? server.approval ?? 'ask';

function describeCallError(error: unknown, server: string, tool: string, timeoutMs: number): string {
  if (error instanceof McpError && error.code === ErrorCode.RequestTimeout)
    return `"${tool}" on "${server}" did not answer within ${timeoutMs / 1000} s`;
  if (error instanceof McpError && error.code === ErrorCode.ConnectionClosed)
    return `the server "${server}" stopped during the call`;
  return `"${tool}" on "${server}" failed: ${(error as Error).message}`;
}

export class McpService {
  private readonly store: McpStore;
  private secrets: McpSecrets = {};
  private storage: McpState['secretStorage'] = 'memory';
  private readonly runners = new Map<string, ServerRunner>();
  private catalogue: Catalogue = { entries: [], notes: new Map() };
  private byName = new Map<string, CatalogueEntry>();
  private readonly noticed = new Set<string>();
  private readonly toolListeners = new Set<() => void>();
  readonly approvals: Approvals;
  /** Resolves once the stored secrets are read and the enabled servers are starting. */
  readonly started: Promise<void>;
  private disposed = false;

  constructor(private readonly options: McpServiceOptions) {
    this.store = openMcpStore(options.storage, options.secrets, options.notify);
    this.approvals = new Approvals(
      {
        changed: (pending) => options.events.emit('toolApprovalsChanged', pending),
        remember: (server, tool) => this.remember(server, tool),
      },
      options.approvalTimeoutMs,
    );
    this.started = this.begin();
  }

  private async begin(): Promise<void> {
    this.storage = await this.options.secrets.storageKind().catch(() => 'memory' as const);
    this.secrets = await this.store.secrets();
    if (!this.disposed) this.apply(this.store.document());
  }

  // ————— the window —————

  state(): McpState {
    const document = this.store.document();
    return {
      document: documentText(document),
      servers: Object.entries(document.mcpServers).map(([name, config]) => this.statusOf(name, config)),
      secretStorage: this.storage,
    };
  }

  /** Validates and saves the whole document; nothing is saved when any field is wrong. */
  async setConfig(text: string): Promise<McpState> {
    await this.started;
    const parsed = parseDocumentText(text, this.secrets);
    if (!parsed.ok) throw new CommandError('invalid_request', parsed.message, parsed.fieldErrors);
    await this.save(parsed.document, parsed.secrets);
    return this.state();
  }

  async setEnabled(name: string, enabled: boolean): Promise<McpState> {
    await this.started;
    const document = this.store.document();
    const server = document.mcpServers[name];
    if (!server) throw new CommandError('not_found', `No MCP server is named "${name}".`);
    const { disabled: _old, ...rest } = server;
    await this.save({ mcpServers: { ...document.mcpServers, [name]: { ...rest, enabled } } }, this.secrets);
    return this.state();
  }

  async restart(name: string): Promise<McpState> {
    await this.started;
    const runner = this.runners.get(name);
    if (!runner) throw new CommandError('not_found', `No MCP server is named "${name}".`);
    await runner.stop();
    if (serverEnabled(this.store.document().mcpServers[name]!)) runner.start();
    return this.state();
  }

  answerApproval(id: string, decision: ApprovalDecision) {
    return this.approvals.answer(id, decision);
  }

  // ————— the session —————

  /** The function tools of these servers (all of them when undefined), as the session declares them. */
  functionTools(servers?: readonly string[]) {
    return this.catalogue.entries
      .filter((entry) => !servers || servers.includes(entry.server))
      .map(functionToolOf);
  }

  /** Called whenever the declared tools change (a server ready, gone, or its list changed). */
  onToolsChanged(listener: () => void): () => void {
    this.toolListeners.add(listener);
    return () => this.toolListeners.delete(listener);
  }

  /** Handlers for the MCP tools, by function name. */
  readonly registry: ToolRegistry = {
    get: (name) => (this.byName.has(name) ? this.handler(name) : undefined),
  };

  async dispose(): Promise<void> {
    this.disposed = true;
    this.approvals.denyAll();
    await Promise.all([...this.runners.values()].map((runner) => runner.stop()));
    this.runners.clear();
  }

  // ————— inside —————

  private handler(name: string): ToolHandler {
    return async (args: Record<string, unknown>, context: ToolContext) => {
      const entry = this.byName.get(name)!;
      const { server, tool } = entry;
      const config = this.store.document().mcpServers[server];
      const runner = this.runners.get(server);
      if (!config || !runner) {
        const error = `the MCP server "${server}" is no longer configured`;
        return new ToolReply(JSON.stringify({ error }), error, { server });
      }
      context.progress({ server });
      const verdict = await this.approvals.decide(
        policyOf(config, tool),
        { server, tool, arguments: context.argumentsJson },
        context.signal,
        () => context.progress({ approval: 'asking' }),
      );
      const detail = { server, approval: verdict.how };
      if (!verdict.allowed) return new ToolReply(refusalOutput(verdict.how, server, tool), undefined, detail);
      context.progress(detail);
      const timeoutMs = config.timeoutMs ?? DEFAULT_CALL_TIMEOUT_MS;
      try {
        const result = await runner.call(tool, args, { signal: context.signal, timeoutMs });
        const { output, error } = outputOf(result);
        return new ToolReply(output, error, detail);
      } catch (e) {
        // The SDK reports its own cancellation as a timeout: a call whose session is gone says so instead.
        const error = context.signal.aborted
          ? `the call to "${tool}" on "${server}" was cancelled (its session ended)`
          : describeCallError(e, server, tool, timeoutMs);
        return new ToolReply(JSON.stringify({ error }), error, detail);
      }
    };
  }

  private async save(document: McpDocument, secrets: McpSecrets): Promise<void> {
    await this.store.saveSecrets(secrets);
    this.store.saveDocument(document);
    this.secrets = secrets;
    this.apply(document);
  }

  /** Runners follow the document: new ones start, changed ones restart, removed or disabled ones stop. */
  private apply(document: McpDocument): void {
    for (const [name, runner] of [...this.runners]) {
      const config = document.mcpServers[name];
      const next = config && resolvedServer(name, config, this.secrets);
      if (next && connectionKey(next) === connectionKey(runner.config)) {
        if (!serverEnabled(config) && runner.status().state !== 'off') void runner.stop();
        else if (serverEnabled(config) && runner.status().state === 'off') runner.start();
        continue;
      }
      this.runners.delete(name);
      void runner.stop();
    }
    for (const [name, config] of Object.entries(document.mcpServers)) {
      if (this.runners.has(name)) continue;
      const runner = new ServerRunner(name, resolvedServer(name, config, this.secrets), this.runnerHooks(), {
        backoff: this.options.backoff ?? defaultBackoff,
        startTimeoutMs: this.options.startTimeoutMs ?? 20_000,
        clientVersion: this.options.clientVersion,
      });
      this.runners.set(name, runner);
      if (serverEnabled(config)) runner.start();
    }
    this.changed();
  }

  private runnerHooks() {
    return {
      changed: () => this.changed(),
      notice: (level: 'info' | 'warning', message: string) => this.options.notify({ level, message }),
    };
  }

  /** "Always allow" from the prompt: the tool's policy is saved as `always`. */
  private remember(server: string, tool: string): void {
    const document = this.store.document();
    const config = document.mcpServers[server];
    if (!config) return;
    const next = { ...config, toolApproval: { ...config.toolApproval, [tool]: 'always' as const } };
    try {
      this.store.saveDocument({ mcpServers: { ...document.mcpServers, [server]: next } });
    } catch (error) {
      this.options.notify({
        level: 'warning',
        message: `"Always allow" was not saved: ${(error as Error).message}`,
      });
    }
    this.changed();
  }

  /** Something changed: the catalogue is rebuilt, the window told, the session told if the tools changed. */
  private changed(): void {
    if (this.disposed) return;
    const document = this.store.document();
    const before = JSON.stringify(this.catalogue.entries);
    this.catalogue = buildCatalogue(
      Object.keys(document.mcpServers).flatMap((server) => {
        const runner = this.runners.get(server);
        return runner ? [{ server, tools: runner.listed() }] : [];
      }),
    );
    this.byName = new Map(this.catalogue.entries.map((entry) => [entry.name, entry]));
    for (const [server, notes] of this.catalogue.notes)
      for (const note of notes) {
        const message = `MCP server "${server}": ${note}`;
        if (this.noticed.has(message)) continue;
        this.noticed.add(message);
        this.options.notify({ level: 'warning', message });
      }
    this.options.events.emit('mcpChanged', this.state());
    if (JSON.stringify(this.catalogue.entries) !== before)
      for (const listener of this.toolListeners) listener();
  }

  private statusOf(name: string, config: McpServerConfig): McpServerStatus {
    const runner = this.runners.get(name);
    const status = runner?.status() ?? { state: 'off' as const };
    return {
      name,
      transport: 'url' in config ? 'http' : 'stdio',
      enabled: serverEnabled(config),
      state: status.state,
      tools: this.catalogue.entries
        .filter((entry) => entry.server === name)
        .map((entry) => ({
          name: entry.name,
          tool: entry.tool,
          ...(entry.description ? { description: entry.description } : {}),
          approval: policyOf(config, entry.tool),
        })),
      ...(status.message ? { message: status.message } : {}),
      notes: this.catalogue.notes.get(name) ?? [],
    };
  }
}
