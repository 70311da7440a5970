// The simulator's own protocol checks, driven by a bare WebSocket client (the engine never breaks them).
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startRealtimeSim, type RealtimeSim } from '../realtime-sim/server';
import { waitFor } from '../support/realtime/harness';

let sim: RealtimeSim | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

async function client(s: RealtimeSim): Promise<{ ws: WebSocket; events: Record<string, unknown>[] }> {
  const ws = new WebSocket(`${s.baseUrl.replace('http', 'ws')}/realtime?model=gpt-realtime`, {
    headers: { Authorization: 'Bearer sk-test' },
  });
  const events: Record<string, unknown>[] = [];
  ws.on('message', (data) => events.push(JSON.parse(String(data)) as Record<string, unknown>));
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  return { ws, events };
}

describe('realtime simulator protocol checks', () => {
  it('a function_call_output must answer a call the simulator issued', async () => {
    sim = await startRealtimeSim();
    const { ws, events } = await client(sim);
    ws.send(
      JSON.stringify({
        type: 'conversation.item.create',
        event_id: 'out_1',
        item: { type: 'function_call_output', call_id: 'call_never_issued', output: '{}' },
      }),
    );
    await waitFor(() => events.some((e) => e.type === 'error'), 2_000, 'error event');
    expect(sim.violations).toEqual([
      'connection 1: function_call_output for call_id call_never_issued, which this session never issued',
    ]);
    expect(events.find((e) => e.type === 'error')).toMatchObject({
      error: { param: 'item.call_id', event_id: 'out_1' },
    });
    expect(events.some((e) => e.type === 'conversation.item.added')).toBe(false);
    ws.close();
  });
});
