// The assistant's side of a turn against a recording wire, a hand-driven speaker and a real transcript: the
// server events of one response, barge-in, tool calls and a new session, as the coordinator routes them.
import { describe, expect, it, vi } from 'vitest';
import { AssistantReply } from '../../../src-main/core/realtime/assistant-reply';
import type { ServerEvent } from '../../../src-main/core/realtime/protocol';
import type { ToolHandler } from '../../../src-main/core/realtime/tools';
import { Transcript } from '../../../src-main/core/realtime/transcript';
import { TranscriptFeed } from '../../../src-main/core/realtime/transcript-feed';
import { ManualSpeaker, RecordingWire, serverEvent, settle } from '../../support/realtime/part-fakes';

function reply(tools = new Map<string, ToolHandler>()) {
  const wire = new RecordingWire();
  const speaker = new ManualSpeaker();
  const transcript = new Transcript(() => {});
  const feed: TranscriptFeed = new TranscriptFeed(transcript, (id): boolean => r.isCut(id));
  const hooks = {
    turnDone: vi.fn(),
    playedOut: vi.fn(),
    changed: vi.fn(),
    warn: vi.fn(),
    outputFormat: () => 'audio/pcm' as const,
    badAudio: vi.fn(),
    notice: vi.fn(),
    failed: vi.fn(),
  };
  const audio = { createSource: () => Promise.reject(new Error('unused')), createSink: () => speaker };
  const r: AssistantReply = new AssistantReply({ audio, tools, wire, transcript, feed }, hooks);
  /** A server event, routed as the coordinator does: the transcript's to the feed, the rest here. */
  const server = (event: ServerEvent) => void (feed.handle(event) || r.handle(event));
  return { r, wire, speaker, transcript, hooks, server };
}

const created = () => serverEvent('response.created', { response: { id: 'resp_1' } });
const message = (id: string) => serverEvent('response.output_item.added', { item: { id, type: 'message' } });
/** `ms` of PCM16 for the item, and its transcript. */
const speech = (id: string, ms: number, text: string) => [
  serverEvent('response.output_audio.delta', {
    item_id: id,
    delta: Buffer.alloc(ms * 48).toString('base64'),
  }),
  serverEvent('response.output_audio_transcript.delta', { item_id: id, delta: text }),
];
const done = (status: string, details: unknown = null) =>
  serverEvent('response.done', { response: { id: 'resp_1', status, status_details: details } });

/** A response under way that has sent `ms` of audio saying `text`. */
async function speaking(ms: number, text: string) {
  const t = reply();
  t.r.request();
  for (const event of [created(), message('item_1'), ...speech('item_1', ms, text)]) t.server(event);
  await settle();
  return t;
}

describe('AssistantReply', () => {
  it('tells a completed answer with its text once the speaker has played it', async () => {
    const { r, speaker, hooks, server } = await speaking(500, 'It is four.');
    expect(r.audible()).toBe(true);
    server(done('completed'));
    expect(hooks.turnDone).toHaveBeenCalledWith({ outcome: 'completed', text: 'It is four.' }, true);
    expect(hooks.playedOut).not.toHaveBeenCalled();
    speaker.finish();
    await settle();
    expect(hooks.playedOut).toHaveBeenCalledOnce();
    expect(r.audible()).toBe(false);
  });

  it('barge-in: silences, cancels once, truncates at what was heard and shows only that', async () => {
    const { r, wire, speaker, transcript, server } = await speaking(1000, 'one two three four');
    speaker.played = 500.9;
    r.interrupt();
    r.interrupt();
    expect(wire.types()).toEqual(['response.create', 'response.cancel', 'conversation.item.truncate']);
    expect(wire.of('conversation.item.truncate')[0]?.audio_end_ms).toBe(500);
    // What was still on its way is neither played nor shown.
    for (const event of speech('item_1', 200, ' five')) server(event);
    await settle();
    expect(speaker.written).toHaveLength(1);
    expect(transcript.list()).toMatchObject([{ text: 'one two', interrupted: true, final: true }]);
    expect(r.audible()).toBe(false);
  });

  it('a turn during the answer waits; after the cancelled response is done, it gets its own', async () => {
    const { r, wire, speaker, hooks, server } = await speaking(300, 'Well');
    speaker.played = 300;
    r.interrupt();
    r.request();
    // All received audio was heard, but the server was still generating: its copy is cut to what we got.
    expect(wire.types()).toEqual(['response.create', 'response.cancel', 'conversation.item.truncate']);
    expect(wire.of('conversation.item.truncate')[0]?.audio_end_ms).toBe(300);
    server(done('cancelled'));
    expect(hooks.turnDone).toHaveBeenCalledWith({ outcome: 'cancelled', text: 'Well' }, false);
    expect(wire.of('response.create')).toHaveLength(2);
    expect(r.isActive()).toBe(true);
  });

  it('after the whole answer was heard, a barge-in sends nothing', async () => {
    const { r, wire, speaker, server } = await speaking(300, 'Done.');
    server(done('completed'));
    speaker.played = 300;
    speaker.finish();
    r.interrupt();
    expect(wire.types()).toEqual(['response.create']);
  });

  it('sends tool outputs after response.done, with one response.create for several calls', async () => {
    const clock: ToolHandler = () => '16:00';
    const { wire, hooks, server, r } = reply(new Map([['clock', clock]]));
    r.request();
    server(created());
    for (const id of ['c1', 'c2'])
      server(
        serverEvent('response.output_item.done', {
          item: { type: 'function_call', name: 'clock', call_id: id },
        }),
      );
    await settle();
    expect(wire.types()).toEqual(['response.create']);
    expect(r.busy()).toBe(true);
    server(done('completed'));
    expect(wire.types()).toEqual([
      'response.create',
      'conversation.item.create',
      'conversation.item.create',
      'response.create',
    ]);
    expect(hooks.turnDone).not.toHaveBeenCalled(); // the answer comes with the next response
  });

  it('recognises the error refusing its own response.create and is idle after it', () => {
    const { r, wire } = reply();
    r.request();
    expect(r.refused('evt_someone_else')).toBe(false);
    expect(r.refused(wire.of('response.create')[0]?.event_id)).toBe(true);
    expect(r.isActive()).toBe(false);
    r.request();
    expect(wire.of('response.create')).toHaveLength(2);
  });

  it('a new session ends the streaming item as interrupted; the assistant has not spoken there', async () => {
    const { r, transcript } = await speaking(300, 'Half a sen');
    expect(r.hasSpoken()).toBe(true);
    r.newSession();
    expect(transcript.list()).toMatchObject([{ text: 'Half a sen', interrupted: true, final: true }]);
    expect(r.hasSpoken()).toBe(false);
    expect(r.busy()).toBe(false);
  });

  it('a new session after a completed reply leaves that reply as it was', async () => {
    const { r, transcript, server } = await speaking(300, 'All of it.');
    server(done('completed'));
    r.newSession();
    expect(transcript.list()).toMatchObject([{ text: 'All of it.', final: true }]);
    expect(transcript.list()[0]?.interrupted).toBeUndefined();
  });

  it('skips and counts audio whose base64 is broken', async () => {
    const { hooks, speaker, server, r } = reply();
    r.request();
    server(serverEvent('response.output_audio.delta', { item_id: 'item_1', delta: 'not*base64' }));
    await settle();
    expect(hooks.badAudio).toHaveBeenCalledOnce();
    expect(speaker.written).toEqual([]);
  });

  it('asks once more after a rate limit, then shows the failure', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    try {
      const { r, wire, hooks, server } = reply();
      const limited = {
        type: 'failed',
        error: { code: 'rate_limit_exceeded', message: 'Try again in 1.5s.' },
      };
      r.request();
      server(done('failed', limited));
      expect(hooks.turnDone).not.toHaveBeenCalled();
      expect(r.busy()).toBe(true);
      await vi.advanceTimersByTimeAsync(1_499);
      expect(wire.of('response.create')).toHaveLength(1);
      await vi.advanceTimersByTimeAsync(1);
      expect(wire.of('response.create')).toHaveLength(2);
      server(done('failed', limited));
      expect(hooks.turnDone).toHaveBeenCalledWith(expect.objectContaining({ outcome: 'failed' }), true);
      expect(hooks.failed).toHaveBeenCalledWith('rate limited');
    } finally {
      vi.useRealTimers();
    }
  });
});
