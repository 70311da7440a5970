// MCP tool calls through the engine, against the protocol simulator and the reference filesystem server
// (@modelcontextprotocol/server-filesystem, a real stdio process started from node_modules):
//   the function call arriving in the engine → its function_call_output received by the server
// It includes the engine's tool part, the approval decision (the server's policy is `always`), the SDK
// client's request over stdio, the server reading a small file, the output, the wait for the response's
// response.done, and the socket. Both ends are in this process (one clock). Each figure is the median, over 5
// runs of 40 calls, of that run's p50 or p99.
import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ClientRecord } from '../../test/realtime-sim/server';
import { startMcpRig } from '../../test/support/mcp/rig';
import { filesystemServer, nodeServer } from '../../test/support/mcp/servers';
import { median, percentile, type BenchFigure } from '../figure';

const RUNS = 5;
const CALLS = 40;

async function oneRun(): Promise<number[]> {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'bench-mcp-')));
  const file = join(dir, 'note.txt');
  writeFileSync(file, 'The meeting moved to Thursday at 10.\n');
  const call = { toolCall: { name: 'files__read_text_file', arguments: JSON.stringify({ path: file }) } };
  const rig = await startMcpRig(
    { replies: Array.from({ length: CALLS }, () => [call, { text: 'Thursday.', audioMs: 20 }]).flat() },
    { config: { mcpServers: { files: { ...nodeServer(filesystemServer, [dir]), approval: 'always' } } } },
  );
  const times: number[] = [];
  try {
    await rig.waitServer('files', 'ready');
    let calledAt = 0;
    const seen = new Set<string>();
    rig.core.session.engine.on('transcript', (item) => {
      if (item.role !== 'tool' || seen.has(item.id)) return;
      seen.add(item.id);
      calledAt = performance.now();
    });
    const stop = rig.sim.onClientEvent((record: ClientRecord) => {
      const item = record.event.item as { type?: string } | undefined;
      if (record.event.type === 'conversation.item.create' && item?.type === 'function_call_output')
        times.push(record.at - calledAt);
    });
    for (let i = 0; i < CALLS; i++) await rig.turn(`when is the meeting (${i})?`);
    stop();
    if (rig.sim.violations.length) throw new Error(rig.sim.violations.join('; '));
    if (!rig.outputs().every((o) => o.output.includes('Thursday at 10'))) throw new Error('wrong output');
  } finally {
    await rig.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return times;
}

export default async function mcpSuite(): Promise<BenchFigure[]> {
  const runs: number[][] = [];
  for (let i = 0; i < RUNS; i++) runs.push(await oneRun());
  const figure = (p: number, goal: string): BenchFigure => ({
    name: `MCP tool call → function_call_output on the wire (filesystem server, stdio) p${p}`,
    value: Number(median(runs.map((times) => percentile(times, p))).toFixed(3)),
    unit: 'ms',
    runs: RUNS,
    samplesPerRun: runs[0]!.length,
    goal,
  });
  return [figure(50, '<= 10'), figure(99, '<= 50')];
}
