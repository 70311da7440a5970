// Server frames for the edge-validation tests and the frame fuzzer: the official example of every GA server
// event (from the one schema copy), and frames shaped like what the real server sends (../shared/DESIGN.md,
// "What the real server does").
import gaDocument from '../../../src-main/core/realtime/realtime-ga.schema.json';
import { eventSchemaNames } from '../../../src-main/core/realtime/ga-schema';

type Json = Record<string, unknown>;
const schemas = (gaDocument as unknown as { components: { schemas: Record<string, Json> } }).components
  .schemas;

/** Event type → its example in the document (parsed; a few carry trailing commas, which JSON refuses). */
export function officialExamples(): Map<string, Json> {
  const examples = new Map<string, Json>();
  for (const [type, name] of eventSchemaNames(schemas, 'RealtimeServerEvent')) {
    const text = (schemas[name]?.['x-oaiMeta'] as { example?: string } | undefined)?.example;
    if (text) examples.set(type, JSON.parse(text.replace(/,(\s*[}\]])/g, '$1')) as Json);
  }
  return examples;
}

/**
 * A valid frame of every GA server event type: the official examples, with the three that are not GA-shaped
 * put right (server-event-schema.test.ts shows which and why).
 */
export function validFrameOfEveryType(): Map<string, Json> {
  const frames = officialExamples();
  const assistantItem = (content: Json[]): Json => ({
    id: 'item_1',
    object: 'realtime.item',
    type: 'message',
    status: 'completed',
    role: 'assistant',
    content,
  });
  const set = (type: string, patch: Json) => frames.set(type, { ...frames.get(type), ...patch });
  set('response.output_item.done', {
    item: assistantItem([{ type: 'output_text', text: 'Sure, I can help with that.' }]),
  });
  set('conversation.item.retrieved', {
    item: assistantItem([{ type: 'output_audio', transcript: 'Yes, I can hear you.' }]),
  });
  set('input_audio_buffer.dtmf_event_received', {
    type: 'input_audio_buffer.dtmf_event_received',
    event_id: 'event_dtmf',
  });
  return frames;
}

const zeroUsage = {
  total_tokens: 0,
  input_tokens: 0,
  output_tokens: 0,
  input_token_details: {
    text_tokens: 0,
    audio_tokens: 0,
    image_tokens: 0,
    cached_tokens: 0,
    cached_tokens_details: { text_tokens: 0, audio_tokens: 0, image_tokens: 0 },
  },
  output_token_details: { text_tokens: 0, audio_tokens: 0 },
};

const response = (patch: Json): Json => ({
  object: 'realtime.response',
  id: 'resp_real',
  status: 'completed',
  status_details: null,
  output: [],
  conversation_id: 'conv_real',
  output_modalities: ['audio'],
  max_output_tokens: 'inf',
  audio: { output: { format: { type: 'audio/pcm', rate: 24000 }, voice: 'marin' } },
  usage: zeroUsage,
  metadata: null,
  ...patch,
});

const delta = { event_id: 'event_d', response_id: 'resp_real', item_id: 'item_real', output_index: 0 };

/** Shapes the real server sends where they differ from, or go beyond, the document's examples. */
export const realServerFrames: Record<string, Json> = {
  'an error with code null (missing key) and event_id null': {
    type: 'error',
    event_id: 'event_e1',
    error: {
      type: 'invalid_request_error',
      code: null,
      message: 'Missing bearer or basic authentication in header',
      param: null,
      event_id: null,
    },
  },
  'an unknown_parameter error naming the param': {
    type: 'error',
    event_id: 'event_e2',
    error: {
      type: 'invalid_request_error',
      code: 'unknown_parameter',
      message: "Unknown parameter: 'session.bogus_field'.",
      param: 'session.bogus_field',
      event_id: null,
    },
  },
  'an unsolicited server_error': {
    type: 'error',
    event_id: 'event_e3',
    error: {
      type: 'server_error',
      code: null,
      message: 'The server had an error.',
      param: null,
      event_id: null,
    },
  },
  'a rate-limited response.done (status failed, zero usage)': {
    type: 'response.done',
    event_id: 'event_f1',
    response: response({
      status: 'failed',
      status_details: {
        type: 'failed',
        error: {
          type: 'tokens',
          code: 'rate_limit_exceeded',
          message: 'Rate limit reached for gpt-realtime. Please try again in 4.494s.',
        },
      },
    }),
  },
  'a response.done cancelled by VAD': {
    type: 'response.done',
    event_id: 'event_f2',
    response: response({
      status: 'cancelled',
      status_details: { type: 'cancelled', reason: 'turn_detected' },
    }),
  },
  'a response.done with cached-token usage and an audio item': {
    type: 'response.done',
    event_id: 'event_f3',
    response: response({
      output: [
        {
          id: 'item_real',
          type: 'message',
          status: 'completed',
          role: 'assistant',
          content: [{ type: 'output_audio', transcript: 'Loud and clear!' }],
        },
      ],
      usage: {
        total_tokens: 253,
        input_tokens: 132,
        output_tokens: 121,
        input_token_details: {
          text_tokens: 119,
          audio_tokens: 13,
          image_tokens: 0,
          cached_tokens: 64,
          cached_tokens_details: { text_tokens: 64, audio_tokens: 0, image_tokens: 0 },
        },
        output_token_details: { text_tokens: 30, audio_tokens: 91 },
      },
    }),
  },
  'response.created with null status_details, usage and metadata': {
    type: 'response.created',
    event_id: 'event_c1',
    response: response({ status: 'in_progress', usage: null }),
  },
  'rate_limits.updated with only a tokens entry': {
    type: 'rate_limits.updated',
    event_id: 'event_r1',
    rate_limits: [{ name: 'tokens', limit: 40000, remaining: 39000, reset_seconds: 1.5 }],
  },
  'an audio delta with obfuscation': {
    type: 'response.output_audio.delta',
    ...delta,
    content_index: 0,
    delta: 'AAAAAA==',
    obfuscation: 'x9',
  },
  'a transcript delta with obfuscation': {
    type: 'response.output_audio_transcript.delta',
    ...delta,
    content_index: 0,
    delta: 'Hello',
    obfuscation: 'abc',
  },
  'a text delta with obfuscation': {
    type: 'response.output_text.delta',
    ...delta,
    content_index: 0,
    delta: 'Hi',
    obfuscation: 'q',
  },
  'content_part.added with part.type audio': {
    type: 'response.content_part.added',
    ...delta,
    content_index: 0,
    part: { type: 'audio', transcript: '' },
  },
  'a newer session.created: reasoning, truncation ratio, parallel tool calls, an MCP tool, nulls': {
    type: 'session.created',
    event_id: 'event_s1',
    session: {
      type: 'realtime',
      object: 'realtime.session',
      id: 'sess_real',
      model: 'gpt-realtime-2.1',
      output_modalities: ['audio'],
      instructions: 'Be brief.',
      tools: [
        {
          type: 'mcp',
          server_label: 'docs',
          server_url: 'https://mcp.example.com/mcp',
          require_approval: 'never',
        },
      ],
      tool_choice: 'auto',
      parallel_tool_calls: true,
      reasoning: { effort: 'low' },
      truncation: { type: 'retention_ratio', retention_ratio: 0.8 },
      max_output_tokens: 'inf',
      tracing: null,
      prompt: null,
      include: null,
      expires_at: 1756324625,
      audio: {
        input: {
          format: { type: 'audio/pcm', rate: 24000 },
          transcription: null,
          noise_reduction: null,
          turn_detection: {
            type: 'server_vad',
            threshold: 0.5,
            prefix_padding_ms: 300,
            silence_duration_ms: 200,
            idle_timeout_ms: null,
            create_response: true,
            interrupt_response: true,
          },
        },
        output: { format: { type: 'audio/pcm', rate: 24000 }, voice: 'cedar', speed: 1 },
      },
    },
  },
  'a transcription failure with param null': {
    type: 'conversation.item.input_audio_transcription.failed',
    event_id: 'event_t1',
    item_id: 'item_real',
    content_index: 0,
    error: { type: 'transcription_error', code: 'audio_unintelligible', message: 'No speech.', param: null },
  },
};
