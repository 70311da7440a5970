// Server frames are checked at the edge against the official GA schema: what the real server sends passes
// (including where it differs from the document), frames with broken fields are reported as 'invalid' and
// never reach a handler.
import { Ajv } from 'ajv';
import { describe, expect, it, vi } from 'vitest';
import { gaAjv } from '../../../src-main/core/realtime/ga-ajv';
import { gaSchemas, optionalMayBeNull } from '../../../src-main/core/realtime/ga-schema';
import { parseServerFrame, type ServerEvent } from '../../../src-main/core/realtime/protocol';
import { checkServerEvent, serverEventTypes } from '../../../src-main/core/realtime/server-event-schema';
import { officialExamples, realServerFrames } from '../../support/realtime/server-frames';

// Every server event type of the SDK's union, written as a record so the compiler checks both ways: a key the
// SDK does not have, or an SDK type missing here, is a type error. The schema must define exactly these.
const sdkServerTypes = {
  'session.created': true,
  'session.updated': true,
  error: true,
  'conversation.created': true,
  'conversation.item.created': true,
  'conversation.item.added': true,
  'conversation.item.done': true,
  'conversation.item.deleted': true,
  'conversation.item.truncated': true,
  'conversation.item.retrieved': true,
  'conversation.item.input_audio_transcription.delta': true,
  'conversation.item.input_audio_transcription.completed': true,
  'conversation.item.input_audio_transcription.failed': true,
  'conversation.item.input_audio_transcription.segment': true,
  'input_audio_buffer.committed': true,
  'input_audio_buffer.cleared': true,
  'input_audio_buffer.speech_started': true,
  'input_audio_buffer.speech_stopped': true,
  'input_audio_buffer.timeout_triggered': true,
  'input_audio_buffer.dtmf_event_received': true,
  'output_audio_buffer.started': true,
  'output_audio_buffer.stopped': true,
  'output_audio_buffer.cleared': true,
  'rate_limits.updated': true,
  'response.created': true,
  'response.done': true,
  'response.output_item.added': true,
  'response.output_item.done': true,
  'response.content_part.added': true,
  'response.content_part.done': true,
  'response.output_audio.delta': true,
  'response.output_audio.done': true,
  'response.output_audio_transcript.delta': true,
  'response.output_audio_transcript.done': true,
  'response.output_text.delta': true,
  'response.output_text.done': true,
  'response.function_call_arguments.delta': true,
  'response.function_call_arguments.done': true,
  'mcp_list_tools.in_progress': true,
  'mcp_list_tools.completed': true,
  'mcp_list_tools.failed': true,
  'response.mcp_call_arguments.delta': true,
  'response.mcp_call_arguments.done': true,
  'response.mcp_call.in_progress': true,
  'response.mcp_call.completed': true,
  'response.mcp_call.failed': true,
} satisfies Record<ServerEvent['type'], true>;

describe('server events at the edge', () => {
  it('knows exactly the GA server event types of the SDK (what passes may be typed as ServerEvent)', () => {
    expect([...serverEventTypes()].sort()).toEqual(Object.keys(sdkServerTypes).sort());
  });

  it('the server-side schema document is valid JSON Schema (main skips this check at run time)', () => {
    const schemas = gaSchemas();
    optionalMayBeNull(schemas);
    const ajv = gaAjv('meta-checked', schemas, { validateSchema: true });
    expect(ajv.errors ?? null).toBeNull();
    for (const name of Object.keys(schemas))
      expect(ajv.getSchema(`meta-checked#/components/schemas/${name}`)).toBeTruthy();
  });

  it('accepts the official example of every server event, except the three that are not GA-shaped', () => {
    const examples = officialExamples();
    expect(examples.size).toBe(serverEventTypes().size);
    const refused = [...examples]
      .filter(([, example]) => !checkServerEvent(example).ok)
      .map(([type]) => type)
      .sort();
    // These examples in the document are not what a GA server sends: response.output_item.done shows the beta
    // content type `text`; conversation.item.retrieved shows beta `audio` content with `format: "pcm16"`;
    // the dtmf example's type has a stray leading space and no event_id.
    expect(refused).toEqual([
      'conversation.item.retrieved',
      'input_audio_buffer.dtmf_event_received',
      'response.output_item.done',
    ]);
  });

  it.each(Object.entries(realServerFrames))('accepts what the real server sends: %s', (_name, frame) => {
    expect(checkServerEvent(frame)).toEqual({ ok: true });
  });

  it.each([
    ['response.done without a response', { type: 'response.done', event_id: 'e1' }, 'response.done: /'],
    [
      'a transcript delta that is not a string',
      {
        type: 'response.output_audio_transcript.delta',
        event_id: 'e1',
        response_id: 'r',
        item_id: 'i',
        output_index: 0,
        content_index: 0,
        delta: 42,
      },
      'response.output_audio_transcript.delta: /delta must be string',
    ],
    [
      'an error event whose error is null',
      { type: 'error', event_id: 'e1', error: null },
      'error: /error must be object',
    ],
    [
      'response.created whose response is a string',
      { type: 'response.created', event_id: 'e1', response: 'resp_1' },
      'response.created: /response must be object',
    ],
    [
      'an audio delta without its item',
      {
        type: 'response.output_audio.delta',
        event_id: 'e1',
        response_id: 'r',
        output_index: 0,
        content_index: 0,
        delta: 'AAAA',
      },
      "response.output_audio.delta: / must have required property 'item_id'",
    ],
  ])('refuses %s, naming the type and the first error', (_name, frame, detail) => {
    const parsed = parseServerFrame(JSON.stringify(frame));
    expect(parsed.kind).toBe('invalid');
    if (parsed.kind !== 'invalid') return;
    expect(parsed.type).toBe(frame.type);
    expect(parsed.reason.startsWith(detail)).toBe(true);
    expect(parsed.reason.length).toBeLessThanOrEqual(200);
  });

  it('warms every event type ahead of its first frame, one type per turn of the event loop', async () => {
    vi.resetModules(); // a fresh module: nothing compiled yet
    const fresh = await import('../../../src-main/core/realtime/server-event-schema');
    const compile = vi.spyOn(Ajv.prototype, 'getSchema');
    let turns = 0;
    let turning = true;
    const turn = () => {
      turns++;
      if (turning) setImmediate(turn);
    };
    setImmediate(turn);
    const warming = fresh.warmServerEventChecks();
    expect(fresh.warmServerEventChecks()).toBe(warming); // once per process
    await warming;
    turning = false;
    const types = [...fresh.serverEventTypes()];
    expect(compile).toHaveBeenCalledTimes(types.length);
    expect(turns).toBeGreaterThanOrEqual(types.length); // the loop went on between types
    // Every frame type now finds its validator compiled.
    compile.mockClear();
    for (const type of types) fresh.checkServerEvent({ type, event_id: 'event_1' });
    expect(compile).not.toHaveBeenCalled();
    compile.mockRestore();
  });

  it('keeps non-JSON and unknown types apart from invalid ones', () => {
    expect(parseServerFrame('not json').kind).toBe('not-json');
    expect(parseServerFrame('[1,2]').kind).toBe('not-json');
    expect(parseServerFrame('{"type":"response.brand_new"}').kind).toBe('unknown');
    expect(parseServerFrame('{"type":7}').kind).toBe('unknown');
  });
});
