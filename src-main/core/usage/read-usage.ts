// Reads the usage a server reports, trusting nothing: `response.done`'s `response.usage` and a transcription's
// `usage`. A usage that is missing, of the wrong shape, negative, fractional, or inconsistent (more cached
// tokens of a modality than input tokens of it) is unknown: undefined here, counted as unknown by the caller,
// never a crash and never a guessed number.
import type { TokenCounts } from '../../../src-preload/contract';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A field that is absent counts 0; present, it must be a whole non-negative number. */
function count(parent: Json, key: string): number | undefined {
  const v = parent[key];
  if (v === undefined || v === null) return 0;
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? v : undefined;
}

/** A details object: absent is fine only when the total it breaks down is 0. */
function details(parent: Json, key: string, total: number): Json | undefined {
  const v = parent[key];
  if (isObject(v)) return v;
  return (v === undefined || v === null) && total === 0 ? {} : undefined;
}

export const zeroTokens = (): TokenCounts => ({
  inputText: 0,
  inputAudio: 0,
  inputImage: 0,
  cachedText: 0,
  cachedAudio: 0,
  cachedImage: 0,
  outputText: 0,
  outputAudio: 0,
});

/** `response.usage` → tokens by modality, or undefined when it cannot be trusted. */
export function readResponseUsage(usage: unknown): TokenCounts | undefined {
  if (!isObject(usage)) return undefined;
  const input = count(usage, 'input_tokens');
  const output = count(usage, 'output_tokens');
  if (input === undefined || output === undefined) return undefined;
  const inDetails = details(usage, 'input_token_details', input);
  const outDetails = details(usage, 'output_token_details', output);
  if (!inDetails || !outDetails) return undefined;
  const cachedTotal = count(inDetails, 'cached_tokens');
  if (cachedTotal === undefined) return undefined;
  const cached = details(inDetails, 'cached_tokens_details', cachedTotal);
  if (!cached) return undefined;
  const tokens = {
    inputText: count(inDetails, 'text_tokens'),
    inputAudio: count(inDetails, 'audio_tokens'),
    inputImage: count(inDetails, 'image_tokens'),
    cachedText: count(cached, 'text_tokens'),
    cachedAudio: count(cached, 'audio_tokens'),
    cachedImage: count(cached, 'image_tokens'),
    outputText: count(outDetails, 'text_tokens'),
    outputAudio: count(outDetails, 'audio_tokens'),
  };
  if (Object.values(tokens).some((v) => v === undefined)) return undefined;
  const t = tokens as TokenCounts;
  if (t.cachedText > t.inputText || t.cachedAudio > t.inputAudio || t.cachedImage > t.inputImage)
    return undefined;
  // The modalities must account for the totals the server states; otherwise the split is not to be trusted.
  if (t.inputText + t.inputAudio + t.inputImage !== input) return undefined;
  if (t.outputText + t.outputAudio !== output) return undefined;
  if (t.cachedText + t.cachedAudio + t.cachedImage !== cachedTotal) return undefined;
  return t;
}

export type TranscriptionUsage = { tokens: TokenCounts } | { seconds: number };

/** A transcription's `usage`: tokens (gpt-4o-transcribe and its kin) or seconds (whisper-1). */
export function readTranscriptionUsage(usage: unknown): TranscriptionUsage | undefined {
  if (!isObject(usage)) return undefined;
  if (usage.type === 'duration') {
    const s = usage.seconds;
    return typeof s === 'number' && Number.isFinite(s) && s >= 0 ? { seconds: s } : undefined;
  }
  if (usage.type !== 'tokens') return undefined;
  const input = count(usage, 'input_tokens');
  const output = count(usage, 'output_tokens');
  if (input === undefined || output === undefined) return undefined;
  const inDetails = details(usage, 'input_token_details', input);
  if (!inDetails) return undefined;
  const text = count(inDetails, 'text_tokens');
  const audio = count(inDetails, 'audio_tokens');
  if (text === undefined || audio === undefined || text + audio !== input) return undefined;
  return { tokens: { ...zeroTokens(), inputText: text, inputAudio: audio, outputText: output } };
}
