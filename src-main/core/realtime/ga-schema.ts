// The official Realtime GA schemas (realtime-ga.schema.json: components.schemas of OpenAI's OpenAPI spec, the
// transitive closure of RealtimeClientEvent and RealtimeServerEvent), turned into plain JSON Schema, with the
// places where the real server is known to differ from the document. One copy: main validates server frames
// with it (server-event-schema.ts), the protocol simulator validates client events with it.
import gaDocument from './realtime-ga.schema.json';

export type Json = Record<string, unknown>;

/** OpenAPI's `nullable: true` is not JSON Schema: turn it into `anyOf [schema, null]`; drop vendor keys. */
function normalize(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(normalize);
  if (!node || typeof node !== 'object') return node;
  const out: Json = {};
  let nullable = false;
  for (const [key, value] of Object.entries(node as Json)) {
    if (key.startsWith('x-') || key === 'discriminator' || key === 'default' || key === 'example') continue;
    if (key === 'nullable') {
      nullable = value === true;
      continue;
    }
    out[key] = key === 'properties' ? mapValues(value as Json, normalize) : normalize(value);
  }
  return nullable ? { anyOf: [out, { type: 'null' }] } : out;
}
const mapValues = (o: Json, f: (v: unknown) => unknown): Json =>
  Object.fromEntries(Object.entries(o).map(([k, v]) => [k, f(v)]));

const orNull = (schema: unknown): Json => ({ anyOf: [schema, { type: 'null' }] });

/** A property schema, by the path of `properties` names below a named schema. */
function propertiesOf(schemas: Record<string, Json>, name: string, path: string[]): Record<string, Json> {
  let node = schemas[name] as Json | undefined;
  for (const key of path) node = (node?.properties as Record<string, Json> | undefined)?.[key];
  const properties = node?.properties as Record<string, Json> | undefined;
  if (!properties) throw new Error(`GA schema: no properties at ${name}.${path.join('.')}`);
  return properties;
}

/**
 * The GA reference documents `null` as the way to switch `transcription` and `noise_reduction` off ("can be set
 * to `null` to turn off") although their JSON types omit it; the real server accepts it in a session.update.
 */
function acceptDocumentedNulls(schemas: Record<string, Json>): void {
  const input = propertiesOf(schemas, 'RealtimeSessionCreateRequestGA', ['audio', 'input']);
  for (const key of ['transcription', 'noise_reduction']) input[key] = orNull(input[key]);
}

const allowsNull = (schema: Json): boolean =>
  schema.type === 'null' ||
  (Array.isArray(schema.type) && schema.type.includes('null')) ||
  (Array.isArray(schema.anyOf) && (schema.anyOf as Json[]).some((s) => s.type === 'null'));

/**
 * The real server writes an optional field it has no value for as `null`, where the JSON types of the document
 * allow only a value or absence: `status_details`, `usage` and `metadata` on response.created, `include`,
 * `tracing`, `prompt`, `transcription`, `noise_reduction` and `idle_timeout_ms` in session.created /
 * session.updated, `param` in a transcription error (all in the document's own examples, which are captured
 * traffic). For server events, every property an object schema does not require may therefore be `null`.
 * Applied to the server-side copy only: a client sending such nulls is refused by the real server.
 */
export function optionalMayBeNull(schemas: Record<string, Json>): void {
  const visit = (schema: Json): void => {
    for (const key of ['anyOf', 'oneOf', 'allOf'])
      if (Array.isArray(schema[key])) (schema[key] as Json[]).forEach(visit);
    for (const key of ['items', 'additionalProperties', 'not'])
      if (schema[key] && typeof schema[key] === 'object') visit(schema[key] as Json);
    const properties = schema.properties as Record<string, Json> | undefined;
    if (!properties) return;
    Object.values(properties).forEach(visit);
    const required = new Set((schema.required as string[] | undefined) ?? []);
    for (const [key, property] of Object.entries(properties))
      if (!required.has(key) && !allowsNull(property)) properties[key] = orNull(property);
  };
  Object.values(schemas).forEach(visit);
}

const raw = (gaDocument as unknown as { components: { schemas: Record<string, Json> } }).components.schemas;

/** A fresh copy of every GA schema, as JSON Schema (callers may change their copy). */
export function gaSchemas(): Record<string, Json> {
  const schemas = mapValues(raw, normalize) as Record<string, Json>;
  acceptDocumentedNulls(schemas);
  return schemas;
}

/** Event type → schema name, for the schemas whose name starts with `prefix`, read from each `type` enum. */
export function eventSchemaNames(
  schemas: Record<string, Json>,
  prefix: 'RealtimeClientEvent' | 'RealtimeServerEvent',
): Map<string, string> {
  const byType = new Map<string, string>();
  for (const [name, schema] of Object.entries(schemas)) {
    if (!name.startsWith(prefix) || name === prefix) continue;
    const typeEnum = (schema as { properties?: { type?: { enum?: unknown[] } } }).properties?.type?.enum;
    if (typeof typeEnum?.[0] === 'string') byType.set(typeEnum[0], name);
  }
  return byType;
}
