// Issue 17, finding 2: a frame of a known type with broken fields is skipped at the edge, counted, and the turn
// goes on. Before the schema check such frames reached the handlers and crashed main (response.done without
// a response, an error without its error, an output item that is null).
import { afterEach, describe, expect, it } from 'vitest';
import type { LiveResponse } from '../realtime-sim/server';
import { crashWatch, type CrashWatch } from '../support/realtime/crash-watch';
import { expectClean, rig, waitTurns, type Rig } from '../support/realtime/harness';
import { talkWhenReady } from '../support/realtime/push-to-talk';

const skippedTotal = (r: Rig) => Object.values(r.engine.skipped).reduce((a, b) => a + b, 0);

describe('broken server frames', () => {
  let r: Rig | undefined;
  let watch: CrashWatch | undefined;
  afterEach(async () => {
    watch?.stop();
    await r?.close();
    r = watch = undefined;
  });

  it('frames of known types with broken fields are skipped before any handler; the turn completes', async () => {
    watch = crashWatch();
    let injected = false;
    // Into the live response, naming its real ids, once its message item exists.
    const broken = (live: LiveResponse): string[] => {
      if (injected || !live.itemId) return [];
      injected = true;
      const ids = { event_id: 'event_x', response_id: live.responseId, item_id: live.itemId };
      return [
        { type: 'response.done', event_id: 'event_x' },
        {
          type: 'response.output_audio_transcript.delta',
          ...ids,
          output_index: 0,
          content_index: 0,
          delta: 42,
        },
        {
          type: 'response.output_audio_transcript.delta',
          ...ids,
          output_index: 0,
          content_index: 0,
          delta: null,
        },
        { type: 'response.output_item.added', ...ids, output_index: 0, item: null },
        { type: 'response.output_audio.delta', ...ids, output_index: 0, content_index: 0, delta: 123 },
        { type: 'error', event_id: 'event_x', error: null },
        { type: 'response.created', event_id: 'event_x', response: 'resp' },
      ].map((frame) => JSON.stringify(frame));
    };
    r = await rig({ interleave: broken, defaultReply: { text: 'Still here.', audioMs: 300 } });
    r.engine.connect();
    await talkWhenReady(r);
    await waitTurns(r, 1);

    expect(watch.crashes).toEqual([]);
    expect(injected).toBe(true);
    expect(skippedTotal(r)).toBe(7);
    expect(r.turns).toEqual([{ outcome: 'completed', text: 'Still here.' }]);
    expect([...r.items.values()].map((item) => item.text)).toEqual(['Still here.']);
    expectClean(r);
  });
});
