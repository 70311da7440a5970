// Streaming text goes out as appends of only the new part (issue 17): a long answer used to re-send the
// item's whole text with every delta, so what crossed IPC grew with the square of its length.
import { afterEach, describe, expect, it } from 'vitest';
import { expectClean, rig, waitFor, waitTurns, type Rig } from '../support/realtime/harness';

let r: Rig | undefined;
afterEach(async () => {
  await r?.close();
  r = undefined;
});

describe('streaming transcript text', () => {
  it('is told as appends: the text sent for a 400-word answer is about its length, not its square', async () => {
    const text = Array.from({ length: 400 }, (_, i) => `word${i}`).join(' ');
    r = await rig({ defaultReply: { text, audioMs: 8_000 }, audioChunkMs: 20 });
    r.engine.connect();
    await waitFor(() => r!.engine.getState().status === 'ready');
    r.engine.sendText('Say a lot.');
    await waitTurns(r, 1, 10_000);
    const answer = [...r.items.values()].find((i) => i.role === 'assistant')!;
    expect(answer.text).toBe(text);
    const mine = r.appends.filter((a) => a.id === answer.id);
    expect(mine.length).toBeGreaterThan(100);
    // Every append carries only new text: together they are the answer once.
    expect(mine.map((a) => a.text).join('')).toBe(text);
    // Whole-item events for the answer: when it starts and when it becomes final, not per delta.
    const whole = r.updates.filter((u) => u.id === answer.id).length - mine.length;
    expect(whole).toBeLessThanOrEqual(3);
    expectClean(r);
  });
});
