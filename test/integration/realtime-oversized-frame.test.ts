// Issue 17, finding 3: a frame over the socket's cap is refused from its header, the connection is dropped and
// comes back, and the turn is answered. Without a cap ws buffered a 64 MB frame whole (the issue measured a
// peak of ~370 MB of RSS; this test sees ~270 MB more without the cap, a few MB with it).
import { afterEach, describe, expect, it } from 'vitest';
import { maxServerFrameBytes } from '../../src-main/core/realtime/connection';
import { crashWatch, type CrashWatch } from '../support/realtime/crash-watch';
import { expectClean, rig, waitFor, waitTurns, type Rig } from '../support/realtime/harness';
import { talkWhenReady } from '../support/realtime/push-to-talk';

describe('an oversized server frame', () => {
  let r: Rig | undefined;
  let watch: CrashWatch | undefined;
  afterEach(async () => {
    watch?.stop();
    await r?.close();
    r = watch = undefined;
  });

  it(`a 64 MB frame (cap ${maxServerFrameBytes / 1024 / 1024} MiB) is refused: reconnect, the turn is answered, RSS stays flat`, async () => {
    watch = crashWatch();
    const huge = 64 * 1024 * 1024;
    r = await rig({ hugeFrameBytes: huge, defaultReply: { text: 'Answered anyway.', audioMs: 300 } });
    r.engine.connect();
    await waitFor(() => r!.engine.getState().status === 'ready', 5_000, 'ready');
    const baseline = process.memoryUsage.rss();
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 2);
    try {
      await talkWhenReady(r);
      await waitTurns(r, 1, 15_000);
    } finally {
      clearInterval(sampler);
    }
    const grewMb = (peak - baseline) / 1024 / 1024;
    console.log(`64 MB frame: RSS grew ${grewMb.toFixed(1)} MB at peak`);

    expect(r.sim.connectionCount()).toBe(2);
    expect(r.turns).toEqual([{ outcome: 'completed', text: 'Answered anyway.' }]);
    // Without the cap the client buffers, joins, decodes and parses the frame: hundreds of megabytes.
    expect(grewMb).toBeLessThan(48);

    // The session goes on: a following turn is answered on the new connection.
    await talkWhenReady(r);
    await waitTurns(r, 2);
    expect(r.turns[1]).toEqual({ outcome: 'completed', text: 'Answered anyway.' });
    expect(r.engine.getState().status).not.toBe('error');
    expect(watch.crashes).toEqual([]);
    expectClean(r);
  });
});
