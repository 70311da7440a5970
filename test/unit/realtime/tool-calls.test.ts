// Tool calls against a recording wire, a real transcript and tools the test finishes by hand: outputs go
// after the response is done, all together with one response.create, and never to a session that is gone.
import { describe, expect, it, vi } from 'vitest';
import { ToolCalls } from '../../../src-main/core/realtime/tool-calls';
import { ToolReply, type ToolContext, type ToolHandler } from '../../../src-main/core/realtime/tools';
import { Transcript } from '../../../src-main/core/realtime/transcript';
import { RecordingWire, deferred, settle } from '../../support/realtime/part-fakes';

function toolCalls() {
  const pending = new Map<string, ReturnType<typeof deferred<unknown>>>();
  const slow: ToolHandler = (args) => {
    const d = deferred<unknown>();
    pending.set(String(args.id), d);
    return d.promise;
  };
  const wire = new RecordingWire();
  const transcript = new Transcript(() => {});
  let responseActive = true;
  const hooks = { canAnswer: () => !responseActive, requestResponse: vi.fn(), warn: vi.fn() };
  const calls = new ToolCalls(new Map([['slow', slow]]), transcript, wire, hooks);
  const call = (id: string) => calls.run({ name: 'slow', arguments: JSON.stringify({ id }), call_id: id });
  const finish = async (id: string, result: unknown) => {
    pending.get(id)!.resolve(result);
    await settle();
  };
  /** response.done: the reply part then offers the outputs. */
  const responseDone = () => {
    responseActive = false;
    calls.sendOutputs();
  };
  const outputs = () => wire.of('conversation.item.create').map((e) => e.item);
  return { calls, wire, transcript, hooks, call, finish, responseDone, outputs };
}

describe('ToolCalls', () => {
  it('sends outputs only after the response is done, then one response.create for several', async () => {
    const t = toolCalls();
    t.call('c1');
    t.call('c2');
    await t.finish('c1', { a: 1 });
    await t.finish('c2', 'two');
    expect(t.wire.sent).toEqual([]);
    expect(t.calls.pending()).toBe(true);
    t.responseDone();
    expect(t.outputs()).toEqual([
      { type: 'function_call_output', call_id: 'c1', output: '{"a":1}' },
      { type: 'function_call_output', call_id: 'c2', output: 'two' },
    ]);
    expect(t.hooks.requestResponse).toHaveBeenCalledOnce();
    expect(t.calls.pending()).toBe(false);
  });

  it('waits for every running call before answering', async () => {
    const t = toolCalls();
    t.call('c1');
    t.call('c2');
    t.responseDone();
    await t.finish('c1', 1);
    expect(t.wire.sent).toEqual([]);
    expect(t.calls.busy()).toBe(true);
    await t.finish('c2', 2);
    expect(t.outputs().map((i) => 'call_id' in i && i.call_id)).toEqual(['c1', 'c2']);
    expect(t.hooks.requestResponse).toHaveBeenCalledOnce();
  });

  it('shows each call in the transcript, with its output once it finishes', async () => {
    const t = toolCalls();
    t.call('c1');
    expect(t.transcript.list()).toMatchObject([
      { role: 'tool', text: 'slow', final: false, tool: { name: 'slow', arguments: '{"id":"c1"}' } },
    ]);
    await t.finish('c1', 'ok');
    expect(t.transcript.list()[0]).toMatchObject({ final: true, tool: { output: 'ok' } });
  });

  it('a call finishing after a reset is shown but not sent', async () => {
    const t = toolCalls();
    t.call('c1');
    t.calls.reset();
    expect(t.calls.busy()).toBe(false);
    t.responseDone();
    await t.finish('c1', 'late');
    expect(t.transcript.list()[0]).toMatchObject({ final: true, tool: { output: 'late' } });
    expect(t.wire.sent).toEqual([]);
    expect(t.hooks.requestResponse).not.toHaveBeenCalled();
    expect(t.calls.pending()).toBe(false);
  });

  it('answers an unknown tool with an error output and a warning', async () => {
    const t = toolCalls();
    t.responseDone();
    t.calls.run({ name: 'launch', arguments: '{}', call_id: 'c9' });
    await settle();
    expect(t.outputs()).toEqual([
      {
        type: 'function_call_output',
        call_id: 'c9',
        output: JSON.stringify({ error: 'no handler for tool "launch" in this app' }),
      },
    ]);
    expect(t.hooks.warn).toHaveBeenCalledWith('no handler for tool "launch" in this app');
  });

  it('a reset cancels the calls still running (their signal aborts) and hides their progress', async () => {
    const t = toolCalls();
    let seen: ToolContext | undefined;
    const waiting = deferred<unknown>();
    const asking: ToolHandler = (_args, context) => {
      seen = context;
      context.progress({ server: 'files', approval: 'asking' });
      return waiting.promise;
    };
    const calls = new ToolCalls(new Map([['ask', asking]]), t.transcript, t.wire, t.hooks);
    calls.run({ name: 'ask', arguments: '{"path":"/x"}', call_id: 'c1' });
    expect(seen!.argumentsJson).toBe('{"path":"/x"}');
    expect(seen!.callId).toBe('c1');
    expect(t.transcript.list()[0]).toMatchObject({
      final: false,
      tool: { server: 'files', approval: 'asking' },
    });
    calls.reset();
    expect(seen!.signal.aborted).toBe(true);
    waiting.resolve(new ToolReply('{"error":"cancelled"}', undefined, { approval: 'denied' }));
    await settle();
    expect(t.transcript.list()[0]).toMatchObject({
      final: true,
      tool: { server: 'files', approval: 'denied' },
    });
    expect(t.wire.sent).toEqual([]);
  });

  it('a ToolReply is sent as is, with its server and approval in the transcript', async () => {
    const t = toolCalls();
    const mcp: ToolHandler = () =>
      new ToolReply('raw text, not JSON', undefined, { server: 's', approval: 'once' });
    const calls = new ToolCalls(new Map([['mcp', mcp]]), t.transcript, t.wire, t.hooks);
    calls.run({ name: 'mcp', arguments: '{}', call_id: 'c2' });
    await settle();
    calls.sendOutputs();
    expect(t.transcript.list()[0]).toMatchObject({
      tool: { output: 'raw text, not JSON', server: 's', approval: 'once' },
    });
  });
});
