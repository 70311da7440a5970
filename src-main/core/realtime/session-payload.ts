// Profile → the GA `session` object sent to the server, live-apply diffs, and the "did the server really
// apply it" check used to confirm a session.
import type { RealtimeSessionCreateRequest } from 'openai/resources/realtime/realtime';
import type { FunctionTool, GaSession, ProfileDocument } from '../../../src-preload/contract';

type Json = Record<string, unknown>;

/**
 * What session.update carries for a profile. Fields the profile leaves out that only exist as "on or
 * off" (turn detection, transcription, noise reduction) are sent as explicit null: this app is
 * push-to-talk unless the profile asks for VAD, and a profile without transcription must switch it off
 * even on a server whose default has it on. (`JSON.stringify` would silently drop `undefined`.)
 */
export function sessionPayload(session: GaSession): GaSession {
  const input = session.audio?.input ?? {};
  return {
    ...session,
    audio: {
      ...session.audio,
      input: {
        ...input,
        transcription: input.transcription ?? null,
        turn_detection: input.turn_detection ?? null,
        noise_reduction: input.noise_reduction ?? null,
      },
    },
  };
}

/** The session with the model included (client_secrets takes the model inside the session). */
export function sessionWithModel(session: GaSession, model: string): RealtimeSessionCreateRequest {
  // Null-clearing fields are valid on the wire (documented in the GA reference) though the SDK type omits
  // null; the cast is confined to this boundary.
  return { ...(sessionPayload(session) as RealtimeSessionCreateRequest), model };
}

/** The most tools a session declares (the profile schema's limit). */
export const MAX_SESSION_TOOLS = 128;

/**
 * The profile's own tools, then `extra` ones (its MCP servers') whose names it does not use, up to
 * MAX_SESSION_TOOLS; `left` names the extra tools that did not fit.
 */
export function withExtraTools(
  session: GaSession,
  extra: FunctionTool[],
): { session: GaSession; left: string[] } {
  const own = session.tools ?? [];
  const names = new Set(own.map((tool) => (tool.type === 'function' ? tool.name : undefined)));
  const added = extra.filter((tool) => !names.has(tool.name));
  const room = Math.max(0, MAX_SESSION_TOOLS - own.length);
  if (!added.length) return { session, left: [] };
  return {
    session: { ...session, tools: [...own, ...added.slice(0, room)] },
    left: added.slice(room).map((tool) => tool.name),
  };
}

export const effectiveModel = (profile: ProfileDocument, defaultModel: string): string =>
  profile.model.trim() || defaultModel;

/** Values that reset a field the new profile no longer sets (the server default, or "cleared"). */
const clearValue: Record<string, unknown> = {
  instructions: '',
  tools: [],
  tool_choice: 'auto',
  max_output_tokens: 'inf',
  truncation: 'auto',
  output_modalities: ['audio'],
  format: { type: 'audio/pcm', rate: 24_000 },
  speed: 1,
  voice: 'alloy',
  transcription: null,
  turn_detection: null,
  noise_reduction: null,
};
/** Groups that merge field by field; everything else is one value that is replaced whole. */
const groups = new Set(['audio', 'input', 'output']);

const isObject = (v: unknown): v is Json => !!v && typeof v === 'object' && !Array.isArray(v);

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((v, i) => deepEqual(v, b[i]));
  if (isObject(a) && isObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every((k) => deepEqual(a[k], b[k]));
  }
  return false;
}

function diffGroup(prev: Json, next: Json): Json | undefined {
  const out: Json = {};
  for (const key of new Set([...Object.keys(prev), ...Object.keys(next)])) {
    const a = prev[key];
    const b = next[key];
    if (groups.has(key) && (isObject(a) || isObject(b))) {
      const sub = diffGroup(isObject(a) ? a : {}, isObject(b) ? b : {});
      if (sub) out[key] = sub;
    } else if (!deepEqual(a, b)) {
      out[key] = b === undefined ? (key in clearValue ? clearValue[key] : null) : b;
    }
  }
  return Object.keys(out).length ? out : undefined;
}

/**
 * The one session.update for a live profile change: only what changed, explicit null for cleared fields
 * (e.g. turn detection removed → push-to-talk). Undefined when nothing changed.
 */
export function diffSession(prev: GaSession, next: GaSession): GaSession | undefined {
  const diff = diffGroup(sessionPayload(prev) as Json, sessionPayload(next) as Json);
  if (!diff) return undefined;
  delete diff.type;
  return Object.keys(diff).length ? ({ type: 'realtime', ...diff } as GaSession) : undefined;
}

/**
 * Dotted paths of requested fields the effective session does not hold. Objects compare as subsets (the
 * server adds defaults, e.g. `rate` to a format or `idle_timeout_ms` to VAD); null matches null or absent.
 */
export function missingFields(requested: unknown, effective: unknown, path = ''): string[] {
  if (requested === null) return effective === null || effective === undefined ? [] : [path];
  if (isObject(requested)) {
    if (!isObject(effective)) return [path];
    // A remote MCP server's authorization is a secret a server need not hand back: never compared.
    return Object.entries(requested).flatMap(([k, v]) =>
      v === undefined || k === 'authorization'
        ? []
        : missingFields(v, effective[k], path ? `${path}.${k}` : k),
    );
  }
  if (Array.isArray(requested)) {
    if (!Array.isArray(effective) || effective.length !== requested.length) return [path];
    return requested.some((v, i) => missingFields(v, effective[i]).length) ? [path] : [];
  }
  if (typeof requested === 'number' && typeof effective === 'number')
    return Math.abs(requested - effective) < 1e-9 ? [] : [path];
  return requested === effective ? [] : [path];
}

/** Why a profile change needs a new session instead of a session.update, or undefined. */
export function newSessionReason(
  prev: { model: string; session: GaSession },
  next: { model: string; session: GaSession },
  assistantHasSpoken: boolean,
): string | undefined {
  if (prev.model !== next.model) return `model changed to ${next.model}`;
  const voice = (s: GaSession) => s.audio?.output?.voice ?? 'alloy';
  if (assistantHasSpoken && voice(prev.session) !== voice(next.session))
    return `voice changed to ${voice(next.session)} after the assistant has spoken`;
  return undefined;
}

export const turnDetectionOf = (session: unknown): unknown =>
  ((session as { audio?: { input?: { turn_detection?: unknown } } } | undefined)?.audio?.input
    ?.turn_detection ?? null) as unknown;

export const inputFormatOf = (session: GaSession | undefined): 'audio/pcm' | 'audio/pcmu' | 'audio/pcma' =>
  session?.audio?.input?.format?.type ?? 'audio/pcm';
export const outputFormatOf = (session: GaSession | undefined): 'audio/pcm' | 'audio/pcmu' | 'audio/pcma' =>
  session?.audio?.output?.format?.type ?? 'audio/pcm';

/** The server transcribes the user's audio in this (effective) session. */
export const transcriptionOn = (session: unknown): boolean =>
  !!(session as { audio?: { input?: { transcription?: unknown } } } | undefined)?.audio?.input?.transcription;
