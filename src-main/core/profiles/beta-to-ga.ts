// Converts a beta-era `session.update` session dict (OpenAI-Beta: realtime=v1) to the GA session shape.
// Pure: no I/O, no validation (callers validate the result with gaSessionSchema, so a bad value is reported
// at its GA path). Everything the beta dict held that GA lacks is dropped with a note saying so.
// Used by profile import, the v1 → v2 profiles migration and the headless shell's --profile.

export interface BetaConversion {
  /** GA session object (unvalidated). */
  session: Record<string, unknown>;
  /** A model named inside the dict, if any (beta client_secrets requests carried one). */
  model?: string;
  notes: string[];
}

/** Keys only the beta interface had; their presence marks a dict as beta-shaped. */
export const betaOnlyKeys = [
  'modalities',
  'voice',
  'input_audio_format',
  'output_audio_format',
  'input_audio_transcription',
  'turn_detection',
  'input_audio_noise_reduction',
  'temperature',
  'max_response_output_tokens',
  'speed',
] as const;

export function looksLikeBetaSession(value: Record<string, unknown>): boolean {
  return value.type !== 'realtime' && betaOnlyKeys.some((key) => Object.hasOwn(value, key));
}

const betaFormats: Record<string, { type: string; rate?: number }> = {
  pcm16: { type: 'audio/pcm', rate: 24_000 },
  g711_ulaw: { type: 'audio/pcmu' },
  g711_alaw: { type: 'audio/pcma' },
};

/** Fields of a session.created/updated echo, or server-side bookkeeping: not configuration. */
const ignoredQuietly = new Set(['object', 'id', 'expires_at', 'client_secret']);

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export function betaSessionToGa(beta: Record<string, unknown>): BetaConversion {
  const notes: string[] = [];
  const session: Record<string, unknown> = { type: 'realtime' };
  const input: Record<string, unknown> = {};
  const output: Record<string, unknown> = {};
  let model: string | undefined;

  const format = (key: string, value: unknown) => {
    if (typeof value === 'string') {
      const mapped = betaFormats[value];
      if (mapped) return { ...mapped };
      notes.push(`${key} "${value}" is not a known audio format; it was kept as given and will be checked.`);
      return { type: value };
    }
    return value; // already an object (GA-style); validation decides
  };

  for (const [key, value] of Object.entries(beta)) {
    switch (key) {
      case 'type':
        break; // beta dicts had none; a stray value is replaced by "realtime"
      case 'modalities': {
        const list = Array.isArray(value) ? value : [];
        if (list.includes('audio')) {
          session.output_modalities = ['audio'];
          if (list.includes('text')) {
            notes.push(
              'modalities ["text","audio"] became output_modalities ["audio"]: GA audio replies carry their ' +
                'transcript as text anyway.',
            );
          }
        } else if (list.includes('text')) {
          session.output_modalities = ['text'];
        } else {
          session.output_modalities = value; // reported by validation
        }
        break;
      }
      case 'instructions':
      case 'tools':
      case 'tool_choice':
        session[key] = value;
        break;
      case 'max_response_output_tokens':
      case 'max_output_tokens':
        session.max_output_tokens = value;
        break;
      case 'voice':
        output.voice = value;
        break;
      case 'speed':
        output.speed = value;
        break;
      case 'input_audio_format':
        input.format = format(key, value);
        break;
      case 'output_audio_format':
        output.format = format(key, value);
        break;
      case 'input_audio_transcription':
        input.transcription = value;
        break;
      case 'turn_detection':
        input.turn_detection = convertTurnDetection(value, notes);
        break;
      case 'input_audio_noise_reduction':
        input.noise_reduction = value;
        break;
      case 'temperature':
        notes.push(
          `temperature (${JSON.stringify(value)}) was dropped: GA Realtime sessions have no temperature.`,
        );
        break;
      case 'model':
        if (typeof value === 'string') model = value;
        break;
      default:
        if (!ignoredQuietly.has(key)) notes.push(`"${key}" was dropped: it is not a setting this app keeps.`);
    }
  }
  // The beta default was PCM16 both ways; GA's is the same, but a profile says so explicitly.
  if (Object.keys(input).length > 0) session.audio = { input };
  if (Object.keys(output).length > 0) session.audio = { ...(session.audio as object | undefined), output };
  return { session, ...(model !== undefined ? { model } : {}), notes };
}

/** Beta server_vad/semantic_vad objects are GA-compatible; GA has no fields beyond what is kept here. */
function convertTurnDetection(value: unknown, notes: string[]): unknown {
  if (!isObject(value)) return value; // null = push-to-talk (same in GA)
  const known: Record<string, readonly string[]> = {
    server_vad: [
      'type',
      'threshold',
      'prefix_padding_ms',
      'silence_duration_ms',
      'idle_timeout_ms',
      'create_response',
      'interrupt_response',
    ],
    semantic_vad: ['type', 'eagerness', 'create_response', 'interrupt_response'],
  };
  const allowed = known[String(value.type)];
  if (!allowed) return value; // validation names the bad type
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    if (allowed.includes(key)) out[key] = field;
    else notes.push(`turn_detection.${key} was dropped: GA ${String(value.type)} has no such field.`);
  }
  return out;
}
