// fast-check arbitraries derived from the contract's zod schemas: values shaped like a command's request,
// most of them valid. Derived, not written per command, so a command added to the contract is fuzzed
// without touching the fuzzer. Refinements (unique tool names…) are not modelled: the fuzzer's oracle is the
// schema itself (safeParse), never this generator's intent.
import fc from 'fast-check';
import type { z } from 'zod';

interface CheckDef {
  check: string;
  value?: number;
  inclusive?: boolean;
  minimum?: number;
  maximum?: number;
  format?: string;
  pattern?: RegExp;
}

interface Def {
  type: string;
  format?: string;
  checks?: { _zod: { def: CheckDef } }[];
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  element?: z.ZodType;
  keyType?: z.ZodType;
  valueType?: z.ZodType;
  options?: z.ZodType[];
  items?: z.ZodType[];
  entries?: Record<string, string | number>;
  values?: unknown[];
  in?: z.ZodType;
}

const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;
const checksOf = (def: Def): CheckDef[] => (def.checks ?? []).map((check) => check._zod.def);

/** Long enough to reach the limits that matter, short enough for 10,000 runs. */
const GENERATED_STRING_MAX = 80;

function stringArbitrary(def: Def): fc.Arbitrary<string> {
  const checks = checksOf(def);
  const min = checks.find((c) => c.check === 'min_length')?.minimum ?? 0;
  const max = checks.find((c) => c.check === 'max_length')?.maximum;
  const pattern = checks.find((c) => c.check === 'string_format' && c.pattern)?.pattern;
  if (def.format === 'url') return fc.webUrl({ withQueryParameters: true });
  if (pattern) {
    const matching = fc.stringMatching(pattern);
    return max === undefined ? matching : matching.filter((s) => s.length >= min && s.length <= max);
  }
  const cap = Math.min(max ?? GENERATED_STRING_MAX, GENERATED_STRING_MAX);
  const fitting = fc.string({
    unit: 'grapheme',
    minLength: Math.min(min, cap),
    maxLength: Math.max(min, cap),
  });
  // The exact limit now and then: off-by-one errors live there.
  return max !== undefined && max > cap
    ? fc.oneof({ weight: 9, arbitrary: fitting }, { weight: 1, arbitrary: fc.constant('x'.repeat(max)) })
    : fitting;
}

function numberArbitrary(def: Def): fc.Arbitrary<number> {
  const checks = checksOf(def);
  const lower = checks.find((c) => c.check === 'greater_than');
  const upper = checks.find((c) => c.check === 'less_than');
  const integer = checks.some((c) => c.check === 'number_format' && /int/.test(c.format ?? ''));
  if (integer) {
    const min = lower ? Math.ceil(lower.value! + (lower.inclusive ? 0 : 1)) : -1_000_000;
    const max = upper ? Math.floor(upper.value! - (upper.inclusive ? 0 : 1)) : 1_000_000;
    return fc.integer({ min, max });
  }
  return fc.double({
    noNaN: true,
    noDefaultInfinity: true,
    min: lower?.value ?? -1e6,
    max: upper?.value ?? 1e6,
    minExcluded: lower ? !lower.inclusive : false,
    maxExcluded: upper ? !upper.inclusive : false,
  });
}

/**
 * An arbitrary of values shaped like `schema`. `replace` supplies an arbitrary for particular schemas (by
 * identity): custom schemas the walker cannot see into, or ids worth drawing from real ones.
 */
export function schemaArbitrary(
  schema: z.ZodType,
  replace: ReadonlyMap<z.ZodType, fc.Arbitrary<unknown>> = new Map(),
): fc.Arbitrary<unknown> {
  const walk = (node: z.ZodType): fc.Arbitrary<unknown> => {
    const replaced = replace.get(node);
    if (replaced) return replaced;
    const def = defOf(node);
    switch (def.type) {
      case 'void':
      case 'undefined':
        return fc.constant(undefined);
      case 'null':
        return fc.constant(null);
      case 'string':
        return stringArbitrary(def);
      case 'number':
        return numberArbitrary(def);
      case 'boolean':
        return fc.boolean();
      case 'enum':
        return fc.constantFrom(...Object.values(def.entries!));
      case 'literal':
        return fc.constantFrom(...def.values!);
      case 'optional':
      case 'default':
        return fc.option(walk(def.innerType!), { nil: undefined, freq: 3 });
      case 'nullable':
        return fc.option(walk(def.innerType!), { nil: null, freq: 3 });
      case 'object': {
        const shape = def.shape!;
        const required = Object.keys(shape).filter(
          (key) => !['optional', 'default'].includes(defOf(shape[key]!).type),
        );
        // Optional fields are left out by fc.record (absent), not set to undefined.
        const fields = Object.fromEntries(
          Object.entries(shape).map(([key, value]) => {
            const valueDef = defOf(value);
            return [
              key,
              ['optional', 'default'].includes(valueDef.type) ? walk(valueDef.innerType!) : walk(value),
            ];
          }),
        );
        return fc.record(fields, { requiredKeys: required });
      }
      case 'array': {
        const max = checksOf(def).find((c) => c.check === 'max_length')?.maximum ?? 4;
        return fc.array(walk(def.element!), { maxLength: Math.min(max, 4) });
      }
      case 'tuple':
        return fc.tuple(...def.items!.map(walk));
      case 'record':
        return fc.dictionary(walk(def.keyType!) as fc.Arbitrary<string>, walk(def.valueType!), {
          maxKeys: 3,
        });
      case 'union':
        return fc.oneof(...def.options!.map(walk));
      case 'pipe':
        return walk(def.in!);
      case 'unknown':
      case 'any':
        return fc.jsonValue({ maxDepth: 2 });
      default:
        // custom and anything newer: whatever it is, the oracle decides.
        return fc.jsonValue({ maxDepth: 2 });
    }
  };
  return walk(schema);
}
