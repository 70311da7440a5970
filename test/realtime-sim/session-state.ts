// The simulator's model of one session's configuration: server defaults, and session.update semantics
// (only the fields sent change; null clears; model and — after the first audio — voice are fixed).
type Json = Record<string, unknown>;

export function defaultSession(model: string): Json {
  return {
    type: 'realtime',
    object: 'realtime.session',
    id: `sess_${Math.random().toString(36).slice(2, 14)}`,
    model,
    output_modalities: ['audio'],
    instructions: 'You are a helpful assistant (simulator default).',
    tools: [],
    tool_choice: 'auto',
    max_output_tokens: 'inf',
    tracing: null,
    prompt: null,
    truncation: 'auto',
    expires_at: Math.floor(Date.now() / 1000) + 3600,
    audio: {
      input: {
        format: { type: 'audio/pcm', rate: 24_000 },
        transcription: null,
        noise_reduction: null,
        turn_detection: {
          type: 'server_vad',
          threshold: 0.5,
          prefix_padding_ms: 300,
          silence_duration_ms: 500,
          idle_timeout_ms: null,
          create_response: true,
          interrupt_response: true,
        },
      },
      output: { format: { type: 'audio/pcm', rate: 24_000 }, voice: 'alloy', speed: 1 },
    },
  };
}

const isPlainObject = (v: unknown): v is Json => !!v && typeof v === 'object' && !Array.isArray(v);

/** Applies a session.update's `session` to the current config the way the server does. */
export function mergeSession(current: Json, patch: Json): Json {
  const out: Json = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    // Objects that are configuration groups merge; values (formats, turn detection, tools) replace.
    if (
      isPlainObject(value) &&
      isPlainObject(current[key]) &&
      (key === 'audio' || key === 'input' || key === 'output')
    )
      out[key] = mergeSession(current[key] as Json, value);
    else out[key] = value;
  }
  return out;
}

export const voiceOf = (session: Json): unknown =>
  ((session.audio as Json | undefined)?.output as Json | undefined)?.voice;

export const turnDetectionOf = (session: Json): Json | null =>
  (((session.audio as Json | undefined)?.input as Json | undefined)?.turn_detection as Json | null) ?? null;

export const transcriptionOf = (session: Json): Json | null =>
  (((session.audio as Json | undefined)?.input as Json | undefined)?.transcription as Json | null) ?? null;

export const outputModalityOf = (session: Json): 'audio' | 'text' =>
  (session.output_modalities as string[] | undefined)?.[0] === 'text' ? 'text' : 'audio';

type Format = 'audio/pcm' | 'audio/pcmu' | 'audio/pcma';
const formatAt = (session: Json, side: 'input' | 'output'): Format =>
  ((((session.audio as Json | undefined)?.[side] as Json | undefined)?.format as Json | undefined)?.type as
    Format | undefined) ?? 'audio/pcm';

export const inputFormatOf = (session: Json): Format => formatAt(session, 'input');
export const outputFormatOf = (session: Json): Format => formatAt(session, 'output');
