// Mutations of a valid request: a field removed, nulled, retyped, made huge, an unknown or prototype key
// added, a value wrapped in an array. The classic way to get past a schema's first line of checks and test
// the second: the value is almost right.
import fc from 'fast-check';

export const mutationKinds = [
  'delete',
  'null',
  'undefined',
  'retype',
  'oversize',
  'extraKey',
  'protoKey',
  'wrap',
] as const;
export type MutationKind = (typeof mutationKinds)[number];

export interface Mutation {
  /** Which node of the value (by index into its nodes, depth first, modulo their count). */
  at: number;
  kind: MutationKind;
  /** The replacement for `retype`. */
  value: unknown;
}

/** Values of every type a field might wrongly get, the awkward numbers included. */
export const strayValue = (options: { json: boolean }): fc.Arbitrary<unknown> =>
  fc.oneof(
    fc.integer(),
    fc.double(),
    fc.constantFrom(0, -0, -1, 1e308, Number.MAX_SAFE_INTEGER + 2, 0.1, NaN, Infinity),
    fc.string(),
    fc.constantFrom('', ' ', '\u0000', '\ud800', 'null', 'true', '{}', '__proto__'),
    fc.boolean(),
    fc.constantFrom([], {}, [null], { '': null }),
    ...(options.json
      ? []
      : [fc.bigInt(), fc.date(), fc.constantFrom(new Map([[1, 2]]), new Set([1]), new Uint8Array(3))]),
  );

export const mutationArbitrary = (options: { json: boolean }): fc.Arbitrary<Mutation[]> =>
  fc.array(fc.record({ at: fc.nat(), kind: fc.constantFrom(...mutationKinds), value: strayValue(options) }), {
    minLength: 1,
    maxLength: 3,
  });

type Container = Record<string, unknown> | unknown[];
interface Node {
  parent?: Container;
  key?: string | number;
  value: unknown;
}

const isContainer = (value: unknown): value is Container =>
  typeof value === 'object' &&
  value !== null &&
  (Array.isArray(value) || Object.getPrototypeOf(value) === Object.prototype);

function nodes(root: unknown): Node[] {
  const out: Node[] = [{ value: root }];
  const visit = (value: unknown) => {
    if (!isContainer(value)) return;
    for (const [key, child] of Object.entries(value)) {
      out.push({ parent: value, key: Array.isArray(value) ? Number(key) : key, value: child });
      visit(child);
    }
  };
  visit(root);
  return out;
}

function replacement(node: Node, mutation: Mutation): unknown {
  switch (mutation.kind) {
    case 'null':
      return null;
    case 'undefined':
      return undefined;
    case 'retype':
      return mutation.value;
    case 'oversize':
      return typeof node.value === 'string' || typeof node.value !== 'object'
        ? 'x'.repeat(200_000)
        : Array.from({ length: 10_000 }, (_, index) => index);
    case 'wrap':
      return [node.value];
    case 'extraKey':
    case 'protoKey': {
      const base: Record<string, unknown> =
        isContainer(node.value) && !Array.isArray(node.value) ? { ...node.value } : {};
      if (mutation.kind === 'extraKey') base.unexpected_field = mutation.value;
      // An own property named __proto__ (as JSON.parse makes one), and a constructor.prototype: a validator
      // or a merge that copies keys must not pollute Object.prototype with them.
      else {
        Object.defineProperty(base, '__proto__', {
          value: { polluted: true },
          enumerable: true,
          writable: true,
          configurable: true,
        });
        base['constructor'] = { prototype: { polluted: true } };
      }
      return base;
    }
    default:
      return node.value;
  }
}

/** `value` with the mutations applied to a copy, one after the other. */
export function applyMutations(value: unknown, mutations: readonly Mutation[]): unknown {
  let root = value === undefined ? undefined : structuredClone(value);
  for (const mutation of mutations) {
    const all = nodes(root);
    const node = all[mutation.at % all.length]!;
    if (mutation.kind === 'delete') {
      if (node.parent === undefined) root = undefined;
      else if (Array.isArray(node.parent)) node.parent.splice(node.key as number, 1);
      else delete node.parent[node.key as string];
      continue;
    }
    const next = replacement(node, mutation);
    if (node.parent === undefined) root = next;
    else (node.parent as Record<string | number, unknown>)[node.key!] = next;
  }
  return root;
}
