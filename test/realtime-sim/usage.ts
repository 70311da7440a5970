// The simulator's token meter: what one session's conversation holds, in tokens by modality, and the usage
// each response.done reports, in the real payload's shape (DESIGN.md "What the real server does"):
// - the whole conversation is input again for every response (instructions, tools, every item so far);
// - from the second response on, the part of the input the previous response already read (the same
//   instructions and the same leading items) is reported as cached, by modality;
// - user audio is about 1 token per 100 ms, assistant audio 1 per 50 ms, text about 1 token per 4 characters,
//   an image 85 tokens; a reply's transcript counts as output text beside its audio;
// - when the post-instruction context outgrows its limit the oldest items are dropped (truncation `auto`
//   drops just enough, `retention_ratio` down to that fraction); the cache then breaks at the first dropped
//   item and the input tokens drop, as the real server's do.
// A transcription reports tokens, or its duration for whisper-1.
type Json = Record<string, unknown>;

interface Tokens {
  text: number;
  audio: number;
  image: number;
}
interface Entry extends Tokens {
  id: string;
}

const textTokens = (text: string): number => Math.ceil(text.length / 4);
export const userAudioTokens = (ms: number): number => Math.max(1, Math.round(ms / 100));
export const assistantAudioTokens = (ms: number): number => Math.round(ms / 50);
const IMAGE_TOKENS = 85;
/** The context a post-instruction budget of `auto` allows (a 32k model keeping 4,096 for its answer). */
const AUTO_LIMIT = 28_224;

const add = (a: Tokens, b: Tokens): Tokens => ({
  text: a.text + b.text,
  audio: a.audio + b.audio,
  image: a.image + b.image,
});
const none = (): Tokens => ({ text: 0, audio: 0, image: 0 });
const total = (t: Tokens) => t.text + t.audio + t.image;

/** The tokens of a conversation item a client created (messages, tool outputs). */
function itemTokens(item: Json): Tokens {
  const tokens = none();
  if (item.type === 'function_call_output') tokens.text += textTokens(String(item.output ?? ''));
  for (const part of (item.content as Json[] | undefined) ?? []) {
    if (typeof part.text === 'string') tokens.text += textTokens(part.text);
    if (part.type === 'input_image') tokens.image += IMAGE_TOKENS;
  }
  return tokens;
}

function instructionTokens(session: Json): number {
  const tools = session.tools as unknown[] | undefined;
  return (
    textTokens(String(session.instructions ?? '')) + (tools?.length ? textTokens(JSON.stringify(tools)) : 0)
  );
}

export interface ReplyOutput {
  /** Assistant audio sent (audio sessions). */
  audioMs: number;
  /** The transcript or text actually sent, or a tool call's name and arguments. */
  text: string;
}

export class SimUsage {
  private items: Entry[] = [];
  /** What the previous response read: its instructions and the ids of its items, for the cache. */
  private previous: { instructions: string; ids: string[]; instructionTokens: number } | undefined;

  /** A committed user turn. */
  userAudio(id: string, ms: number): void {
    this.items.push({ id, ...none(), audio: userAudioTokens(ms) });
  }

  /** An item the client created (a typed message, a tool's output, an image). */
  clientItem(id: string, item: Json): void {
    this.items.push({ id, ...itemTokens(item) });
  }

  /** The assistant's audio was cut where the user stopped hearing it: the rest is not in the context. */
  truncate(id: string, audioEndMs: number): void {
    const entry = this.items.find((e) => e.id === id);
    if (entry && entry.audio > 0) entry.audio = Math.min(entry.audio, assistantAudioTokens(audioEndMs));
  }

  /**
   * The usage of a response that produced `output` as item `itemId` (undefined: nothing, e.g. cancelled
   * before its first item) — reported, then its output joins the conversation.
   */
  respond(session: Json, itemId: string | undefined, output: ReplyOutput): Json {
    this.truncateTo(session);
    const instructions = JSON.stringify([session.instructions ?? '', session.tools ?? []]);
    const fixed = instructionTokens(session);
    const input = this.items.reduce<Tokens>((sum, e) => add(sum, e), { ...none(), text: fixed });
    // The cache: the same instructions, then the items both inputs start with.
    const cached = none();
    const before = this.previous;
    if (before && before.instructions === instructions) {
      cached.text += before.instructionTokens;
      for (const [i, entry] of this.items.entries()) {
        if (before.ids[i] !== entry.id) break;
        Object.assign(cached, add(cached, entry));
      }
    }
    this.previous = { instructions, ids: this.items.map((e) => e.id), instructionTokens: fixed };
    const out = {
      text: textTokens(output.text),
      audio: assistantAudioTokens(output.audioMs),
    };
    if (itemId)
      this.items.push({ id: itemId, text: output.audioMs ? 0 : out.text, audio: out.audio, image: 0 });
    return {
      total_tokens: total(input) + out.text + out.audio,
      input_tokens: total(input),
      output_tokens: out.text + out.audio,
      input_token_details: {
        text_tokens: input.text,
        audio_tokens: input.audio,
        image_tokens: input.image,
        cached_tokens: total(cached),
        cached_tokens_details: {
          text_tokens: cached.text,
          audio_tokens: cached.audio,
          image_tokens: cached.image,
        },
      },
      output_token_details: { text_tokens: out.text, audio_tokens: out.audio },
    };
  }

  /** The server's truncation of an overlong conversation, oldest items first. */
  private truncateTo(session: Json): void {
    const truncation = session.truncation as Json | string | undefined;
    if (truncation === 'disabled') return;
    const retention = typeof truncation === 'object' && truncation?.type === 'retention_ratio';
    const limits = retention ? (truncation.token_limits as Json | undefined) : undefined;
    const limit = typeof limits?.post_instructions === 'number' ? limits.post_instructions : AUTO_LIMIT;
    const context = () => this.items.reduce((sum, e) => sum + total(e), 0);
    if (context() <= limit) return;
    const target = retention ? Number(truncation.retention_ratio) * limit : limit;
    while (this.items.length > 1 && context() > target) this.items.shift();
  }
}

/** A transcription's usage: whisper-1 bills by duration, the gpt-4o transcribers by tokens. */
export function transcriptionUsage(model: unknown, audioMs: number, transcript: string): Json {
  if (model === 'whisper-1') return { type: 'duration', seconds: audioMs / 1000 };
  const audio = userAudioTokens(audioMs);
  const text = textTokens(transcript);
  return {
    type: 'tokens',
    total_tokens: audio + text,
    input_tokens: audio,
    input_token_details: { text_tokens: 0, audio_tokens: audio },
    output_tokens: text,
  };
}
