// The engine's seams for usage, in the assistant's reply (against a recording wire and a fake gate): every
// response.done reaches onUsage before the turn's outcome, and a closed budget gate holds each
// response.create — a turn's and a tool output's — until it opens.
import { describe, expect, it, vi } from 'vitest';
import { AssistantReply } from '../../../src-main/core/realtime/assistant-reply';
import type { ResponseGate, UsageEvent } from '../../../src-main/core/realtime/engine-types';
import type { ServerEvent } from '../../../src-main/core/realtime/protocol';
import type { ToolHandler } from '../../../src-main/core/realtime/tools';
import { Transcript } from '../../../src-main/core/realtime/transcript';
import { TranscriptFeed } from '../../../src-main/core/realtime/transcript-feed';
import { ManualSpeaker, RecordingWire, serverEvent, settle } from '../../support/realtime/part-fakes';

class FakeGate implements ResponseGate {
  why: string | undefined;
  private listeners = new Set<() => void>();
  refusal() {
    return this.why;
  }
  onOpen(listener: () => void) {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }
  open() {
    this.why = undefined;
    for (const l of this.listeners) l();
  }
  get subscribers() {
    return this.listeners.size;
  }
}

function reply(tools = new Map<string, ToolHandler>()) {
  const wire = new RecordingWire();
  const transcript = new Transcript(() => {});
  const feed: TranscriptFeed = new TranscriptFeed(transcript, (id): boolean => r.isCut(id));
  const order: string[] = [];
  const hooks = {
    turnDone: vi.fn(() => void order.push('turnDone')),
    playedOut: vi.fn(),
    changed: vi.fn(),
    warn: vi.fn(),
    outputFormat: () => 'audio/pcm' as const,
    badAudio: vi.fn(),
    notice: vi.fn(),
    failed: vi.fn(),
  };
  const gate = new FakeGate();
  const usage: UsageEvent[] = [];
  const onUsage = (event: UsageEvent) => {
    usage.push(event);
    order.push(`usage ${event.type}`);
  };
  const speaker = new ManualSpeaker();
  const audio = { createSource: () => Promise.reject(new Error('unused')), createSink: () => speaker };
  const r: AssistantReply = new AssistantReply(
    { audio, tools, wire, transcript, feed, responseGate: gate, onUsage },
    hooks,
  );
  const server = (event: ServerEvent) => void (feed.handle(event) || r.handle(event));
  return { r, wire, hooks, gate, usage, order, server };
}

const done = (status: string, usage: unknown = undefined, details: unknown = null) =>
  serverEvent('response.done', { response: { id: 'resp_1', status, status_details: details, usage } });

describe('usage from the reply', () => {
  it('every response.done — completed, failed with zero usage, cancelled — before the turn’s outcome', () => {
    const { r, server, usage, order } = reply();
    const zero = { total_tokens: 0, input_tokens: 0, output_tokens: 0 };
    for (const [status, details] of [
      ['completed', null],
      ['failed', { type: 'failed', error: { type: 'invalid_request_error', code: 'x', message: 'no' } }],
      ['cancelled', { type: 'cancelled', reason: 'client_cancelled' }],
    ] as const) {
      r.request();
      server(serverEvent('response.created', { response: { id: 'resp_1' } }));
      server(done(status, status === 'failed' ? zero : { input_tokens: 1 }, details));
    }
    expect(usage.map((e) => e.type === 'response.done' && e.response.status)).toEqual([
      'completed',
      'failed',
      'cancelled',
    ]);
    expect(order.slice(0, 2)).toEqual(['usage response.done', 'turnDone']);
  });

  it('a transcription’s usage is passed on as it came', () => {
    const { r, usage } = reply();
    const event = serverEvent('conversation.item.input_audio_transcription.completed', {
      item_id: 'item_1',
      usage: { type: 'duration', seconds: 1.2 },
    }) as UsageEvent;
    r.reportUsage(event);
    expect(usage).toEqual([event]);
  });
});

describe('the budget gate', () => {
  it('a closed gate holds the turn’s response.create, says why, and sends it when it opens', () => {
    const { r, wire, hooks, gate } = reply();
    gate.why = 'Daily budget reached';
    r.request();
    expect(wire.types()).toEqual([]);
    expect(hooks.notice).toHaveBeenLastCalledWith('Daily budget reached');
    // A second turn while held: still one request when the gate opens.
    r.request();
    gate.open();
    expect(wire.types()).toEqual(['response.create']);
    expect(hooks.notice).toHaveBeenLastCalledWith(undefined);
  });

  it('the response after tool outputs waits at a closed gate too', async () => {
    const clock: ToolHandler = () => '16:00';
    const { r, wire, gate, server } = reply(new Map([['clock', clock]]));
    r.request();
    server(serverEvent('response.created', { response: { id: 'resp_1' } }));
    server(
      serverEvent('response.output_item.done', {
        item: { type: 'function_call', name: 'clock', call_id: 'c1' },
      }),
    );
    await settle();
    gate.why = 'Monthly budget reached';
    server(done('completed'));
    expect(wire.types()).toEqual(['response.create', 'conversation.item.create']);
    gate.open();
    expect(wire.types()).toEqual(['response.create', 'conversation.item.create', 'response.create']);
  });

  it('an open gate changes nothing; closing the reply lets go of the gate', async () => {
    const { r, wire, gate } = reply();
    r.request();
    expect(wire.types()).toEqual(['response.create']);
    expect(gate.subscribers).toBe(1);
    await r.close();
    expect(gate.subscribers).toBe(0);
  });
});
