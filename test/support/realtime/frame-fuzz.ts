// Broken server frames for the frame fuzzer: a valid frame of a GA server event type (the official examples),
// its ids pointed at the live response, then fields removed, retyped, nulled or made oversized.
import fc from 'fast-check';
import type { LiveResponse } from '../../realtime-sim/server';
import { validFrameOfEveryType } from './server-frames';

type Json = Record<string, unknown>;

const bases: ReadonlyMap<string, Json> = validFrameOfEveryType();
export const eventTypes: readonly string[] = [...bases.keys()].sort();

/**
 * A copy of `value` aimed at the live response: every id a handler looks up names the response, item and call
 * being sent, and a session is the one the connection holds. A frame that is still valid after its mutations
 * then tests the handlers on live state, not on ids nobody knows; and it cannot claim a configuration the
 * server does not have (a session.updated switching on server VAD would rightly make the client wait for the
 * server's commit, which this simulator's push-to-talk session never sends).
 */
function aimAtLive(value: unknown, live: LiveResponse, key = ''): unknown {
  // A response's `output` holds items.
  if (Array.isArray(value)) return value.map((v) => aimAtLive(v, live, key === 'output' ? 'item' : key));
  if (!value || typeof value !== 'object') return value;
  const parent = key;
  return Object.fromEntries(
    Object.entries(value as Json).map(([k, v]) => {
      if (k === 'session' && v && typeof v === 'object') return [k, structuredClone(live.session)];
      if (typeof v !== 'string') return [k, aimAtLive(v, live, k)];
      if (k === 'response_id' || (k === 'id' && parent === 'response')) return [k, live.responseId];
      if (k === 'item_id' || k === 'previous_item_id' || (k === 'id' && parent === 'item'))
        return [k, live.itemId ?? 'item_none'];
      if (k === 'call_id') return [k, live.callId ?? 'call_none'];
      return [k, v];
    }),
  );
}

/**
 * Every path to a value inside `value` (object keys and array indices), the root excluded, down to a depth
 * that covers every GA frame's own structure (oversized values put in by earlier mutations are not walked).
 */
function pathsOf(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (prefix.length >= 10) return [];
  const children: [string | number, unknown][] = Array.isArray(value)
    ? value.slice(0, 16).map((v, i) => [i, v])
    : value && typeof value === 'object'
      ? Object.entries(value as Json).slice(0, 64)
      : [];
  return children.flatMap(([k, v]) => [[...prefix, k], ...pathsOf(v, [...prefix, k])]);
}

const oversized = {
  // 64 KiB of 'A' is valid base64 too: on an audio field it is ~1.4 s of real audio.
  string: () => 'A'.repeat(64 * 1024),
  unicode: () => '\u{1F50A}\uD800 é'.repeat(8 * 1024),
  number: () => 1e308,
  negative: () => -(2 ** 53) - 2,
  array: () => Array.from({ length: 10_000 }, (_, i) => i),
  deep: () => JSON.parse('['.repeat(2_000) + ']'.repeat(2_000)) as unknown,
  object: () => Object.fromEntries(Array.from({ length: 5_000 }, (_, i) => [`k${i}`, i])),
} as const;

export type Mutation =
  /** The frame claims another GA event type (its fields stay those of the first). */
  | { op: 'relabel'; type: string }
  /** The frame's text is cut short: no longer JSON. */
  | { op: 'truncate'; at: number }
  | { op: 'remove'; at: number }
  | { op: 'null'; at: number }
  | { op: 'retype'; at: number; value: unknown }
  | { op: 'oversize'; at: number; kind: keyof typeof oversized };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  {
    weight: 1,
    arbitrary: fc.record({ op: fc.constant('relabel' as const), type: fc.constantFrom(...eventTypes) }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('remove' as const), at: fc.nat() }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('null' as const), at: fc.nat() }) },
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant('retype' as const),
      at: fc.nat(),
      value: fc.oneof(
        fc.integer(),
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.boolean(),
        fc.string({ maxLength: 20 }),
        fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 4 }),
        fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
      ),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant('oversize' as const),
      at: fc.nat(),
      kind: fc.constantFrom(...(Object.keys(oversized) as (keyof typeof oversized)[])),
    }),
  },
);

/** One to three mutations per frame; a few frames keep none (valid, odd, aimed at the live response). */
export const frameMutations: fc.Arbitrary<Mutation[]> = fc.oneof(
  { weight: 1, arbitrary: fc.constant<Mutation[]>([]) },
  { weight: 9, arbitrary: fc.array(mutation, { minLength: 1, maxLength: 3 }) },
);

function applyMutation(frame: Json, m: Exclude<Mutation, { op: 'truncate' }>): void {
  if (m.op === 'relabel') {
    frame.type = m.type;
    return;
  }
  // The type stays (relabel changes it): the frame is then checked against that type's schema.
  const paths = pathsOf(frame).filter((path) => !(path.length === 1 && path[0] === 'type'));
  if (!paths.length) return;
  const path = paths[m.at % paths.length]!;
  let parent: unknown = frame;
  for (const key of path.slice(0, -1)) parent = (parent as Record<string | number, unknown>)[key];
  const last = path.at(-1)!;
  const target = parent as Record<string | number, unknown>;
  if (m.op === 'remove') {
    if (Array.isArray(target)) target.splice(Number(last), 1);
    else delete target[last];
  } else if (m.op === 'null') target[last] = null;
  else if (m.op === 'retype') target[last] = structuredClone(m.value);
  else target[last] = oversized[m.kind]();
}

/** The frame of `type` aimed at the live response, with `mutations`, as sent. */
export function brokenFrame(type: string, mutations: Mutation[], live: LiveResponse): string {
  const frame = aimAtLive(bases.get(type), live) as Json;
  let cut: number | undefined;
  for (const m of mutations)
    if (m.op === 'truncate') cut = m.at;
    else applyMutation(frame, m);
  const text = JSON.stringify(frame);
  return cut === undefined ? text : text.slice(0, cut % text.length);
}
