// A tool's MCP input schema → `parameters` the Realtime API accepts. The API refuses a function whose schema
// is not `type: "object"` at the top, has `oneOf`/`anyOf`/`allOf`/`enum`/`not` there (invalid_function_
// parameters), or has an array without `items` anywhere ("array schema missing items"); MCP servers send all
// of these. What can be kept is adapted (and said so); what cannot, leaves the tool out with the reason.
type Json = Record<string, unknown>;

/** A schema bigger than this (as JSON) would weigh on every session.update: the tool is left out. */
export const MAX_PARAMETERS_CHARS = 50_000;
/** The profile schema's (and the API's documented) description limit. */
export const MAX_DESCRIPTION_CHARS = 1_024;

export type Adapted = { parameters: Json; notes: string[] } | { refused: string };

const isObject = (v: unknown): v is Json => !!v && typeof v === 'object' && !Array.isArray(v);
const combinators = ['oneOf', 'anyOf', 'allOf'] as const;
/** Keys describing the document, not the arguments. */
const documentKeys = ['$schema', '$id', '$comment'];

/** Adds `items: {}` to every array schema without one; returns how many it fixed. */
function fillArrayItems(schema: unknown, depth = 0): number {
  if (depth > 64) return 0;
  if (Array.isArray(schema)) return schema.reduce((n: number, s) => n + fillArrayItems(s, depth + 1), 0);
  if (!isObject(schema)) return 0;
  let fixed = 0;
  const type = schema.type;
  const isArray = type === 'array' || (Array.isArray(type) && type.includes('array'));
  if (isArray && !('items' in schema) && !('prefixItems' in schema)) {
    schema.items = {};
    fixed++;
  }
  for (const [key, value] of Object.entries(schema)) {
    // `properties`, `$defs` and `definitions` are maps of schemas; `enum`, `const`, `default`, `examples` hold data.
    if (key === 'enum' || key === 'const' || key === 'default' || key === 'examples') continue;
    if ((key === 'properties' || key === '$defs' || key === 'definitions') && isObject(value))
      fixed += Object.values(value).reduce((n: number, s) => n + fillArrayItems(s, depth + 1), 0);
    else fixed += fillArrayItems(value, depth + 1);
  }
  return fixed;
}

/** The object branches of a top-level combinator merged into one object (properties of all of them). */
function mergeBranches(kind: (typeof combinators)[number], branches: unknown[]): Json | string {
  const properties: Json = {};
  let required: string[] | undefined;
  for (const branch of branches) {
    if (!isObject(branch) || (branch.type !== undefined && branch.type !== 'object'))
      return `its top-level ${kind} has a branch that is not an object`;
    Object.assign(properties, isObject(branch.properties) ? branch.properties : {});
    const own = Array.isArray(branch.required) ? branch.required.filter((r) => typeof r === 'string') : [];
    // allOf: every branch's requirement holds; oneOf/anyOf: only what every branch requires.
    required =
      required === undefined
        ? own
        : kind === 'allOf'
          ? [...new Set([...required, ...own])]
          : required.filter((r) => own.includes(r));
  }
  return { type: 'object', properties, ...(required?.length ? { required } : {}) };
}

export function adaptInputSchema(input: unknown): Adapted {
  if (input === undefined) return { parameters: { type: 'object', properties: {} }, notes: [] };
  if (!isObject(input)) return { refused: 'its input schema is not a JSON object' };
  const notes: string[] = [];
  let schema: Json = structuredClone(input);
  for (const key of documentKeys) delete schema[key];

  if (Array.isArray(schema.type) && schema.type.length === 1) schema.type = schema.type[0];
  if (schema.type === undefined) {
    schema.type = 'object';
    notes.push('"type": "object" added at the top');
  } else if (schema.type !== 'object') {
    return { refused: `its arguments are not an object (type ${JSON.stringify(schema.type)})` };
  }
  for (const kind of combinators) {
    if (!Array.isArray(schema[kind])) continue;
    const merged = mergeBranches(kind, schema[kind]);
    if (typeof merged === 'string') return { refused: merged };
    const { [kind]: _dropped, ...rest } = schema;
    const ownProps = isObject(rest.properties) ? rest.properties : {};
    const ownRequired = Array.isArray(rest.required) ? rest.required : [];
    schema = {
      ...rest,
      properties: { ...(merged.properties as Json), ...ownProps },
      required: [...new Set([...ownRequired, ...((merged.required as string[] | undefined) ?? [])])],
    };
    if (!(schema.required as string[]).length) delete schema.required;
    notes.push(`top-level ${kind} merged into one object`);
  }
  for (const key of ['enum', 'not'] as const) {
    if (key in schema) {
      delete schema[key];
      notes.push(`top-level ${key} dropped`);
    }
  }
  if (schema.properties !== undefined && !isObject(schema.properties))
    return { refused: '"properties" is not an object' };
  const filled = fillArrayItems(schema);
  if (filled) notes.push(`${filled} array schema${filled > 1 ? 's' : ''} without "items" given "items": {}`);
  const size = JSON.stringify(schema).length;
  if (size > MAX_PARAMETERS_CHARS)
    return { refused: `its input schema is ${size} characters (the limit here is ${MAX_PARAMETERS_CHARS})` };
  return { parameters: schema, notes };
}

/** The description as the API takes it: at most 1,024 characters. */
export function adaptDescription(description: string | undefined): { text?: string; cut: boolean } {
  if (description === undefined || description.length <= MAX_DESCRIPTION_CHARS)
    return { text: description || undefined, cut: false };
  return { text: `${description.slice(0, MAX_DESCRIPTION_CHARS - 1)}…`, cut: true };
}
