// The real core, engine and Realtime simulator with MCP servers configured: what the MCP integration tests
// (and the bench) drive. Every call goes through the contract's dispatcher, as the window's would.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore, type Core, type CoreOptions } from '../../../src-main/core/app/create-core';
import { memorySecrets } from '../../../src-main/core/secrets/secret-store';
import { confStoreFactory } from '../../../src-main/core/storage/conf-store';
import type { McpServerStatus, ToolApprovalRequest, TranscriptItem } from '../../../src-preload/contract';
import { startRealtimeSim, type RealtimeSim, type SimOptions } from '../../realtime-sim/server';
import { testAudio } from '../realtime/test-audio';
import { until } from '../until';

export interface McpRig {
  core: Core;
  sim: RealtimeSim;
  /** Where settings.json, mcp.json… are written. */
  storageDir: string;
  call(name: string, payload?: unknown): Promise<unknown>;
  /** The dispatcher's envelope as is (for the failures). */
  dispatch(name: string, payload?: unknown): ReturnType<Core['dispatcher']['dispatch']>;
  server(name: string): McpServerStatus | undefined;
  waitServer(name: string, state: McpServerStatus['state'], ms?: number): Promise<McpServerStatus>;
  /** Approval prompts as the window sees them (the toolApprovalsChanged event). */
  approvals(): ToolApprovalRequest[];
  /** One typed turn; resolves when its answer (after any tool call) is done. */
  turn(text: string): Promise<void>;
  tools(): TranscriptItem[];
  /** Client events of a type the simulator received. */
  sent(type: string): Record<string, unknown>[];
  /** The function_call_output items sent, in order. */
  outputs(): { call_id: string; output: string }[];
  /** The function tools of the last session.update that carried tools. */
  declared(): { name: string; description?: string; parameters?: Record<string, unknown> }[];
  notices(): string[];
  close(): Promise<void>;
}

export async function startMcpRig(
  simOptions: SimOptions,
  mcp: { config?: unknown; knobs?: CoreOptions['mcp']; core?: Pick<CoreOptions, 'appLog'> } = {},
): Promise<McpRig> {
  const sim = await startRealtimeSim({ apiKey: 'sk-sim-mcp-1234', ...simOptions });
  const audio = testAudio();
  const storageDir = mkdtempSync(join(tmpdir(), 'mcp-rig-'));
  const core = createCore({
    storage: confStoreFactory(storageDir),
    shell: 'headless',
    version: '0.0.0-test',
    secrets: memorySecrets('sk-sim-mcp-1234'),
    audio: audio.factory,
    mcp: { backoff: { baseMs: 50, maxMs: 200, maxAttempts: 3 }, startTimeoutMs: 10_000, ...mcp.knobs },
    ...mcp.core,
  });
  const notices: string[] = [];
  core.events.on('notice', (n) => void notices.push(n.message));
  let pending: ToolApprovalRequest[] = [];
  core.events.on('toolApprovalsChanged', (list) => void (pending = list));
  const dispatch = (name: string, payload?: unknown) => core.dispatcher.dispatch(name, payload);
  const call = async (name: string, payload?: unknown) => {
    const envelope = await dispatch(name, payload);
    if (!envelope.ok) throw new Error(`${name}: ${envelope.error.message}`);
    return envelope.value;
  };
  await call('updateSettings', { baseUrl: sim.baseUrl });
  if (mcp.config !== undefined) await call('setMcpConfig', { json: JSON.stringify(mcp.config) });
  let turns = 0;
  core.session.engine.on('turnDone', () => void turns++);
  const server = (name: string) => core.mcp.state().servers.find((s) => s.name === name);
  const sent = (type: string) =>
    sim.received.map((r) => r.event).filter((e) => e.type === type) as Record<string, unknown>[];
  return {
    core,
    sim,
    storageDir,
    call,
    dispatch,
    server,
    async waitServer(name, state, ms) {
      await until(
        () => server(name)?.state === state,
        `server "${name}" ${state} (is ${server(name)?.state}: ${server(name)?.message})`,
        ms,
      );
      return server(name)!;
    },
    approvals: () => pending,
    async turn(text) {
      const before = turns;
      core.session.sendText(text);
      await until(() => turns > before, `the answer to "${text}"`, 30_000);
    },
    tools: () => core.session.getTranscript().filter((item) => item.role === 'tool'),
    sent,
    outputs: () =>
      sent('conversation.item.create')
        .map((e) => e.item as { type: string; call_id: string; output: string })
        .filter((item) => item.type === 'function_call_output'),
    declared: () => {
      const updates = sent('session.update')
        .map((e) => (e.session as { tools?: unknown[] }).tools)
        .filter((tools): tools is unknown[] => Array.isArray(tools));
      return (updates.at(-1) ?? []) as ReturnType<McpRig['declared']>;
    },
    notices: () => notices,
    async close() {
      await core.dispose();
      await sim.close();
      rmSync(storageDir, { recursive: true, force: true });
    },
  };
}
