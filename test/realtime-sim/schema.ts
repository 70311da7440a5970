// Validates client events against the official GA schemas (realtime-ga.schema.json, copied here from the
// OpenAI OpenAPI spec so the repository never reads ../shared at run time), the way the real server does.
import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

type Json = Record<string, unknown>;
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => void;

const doc = JSON.parse(readFileSync(new URL('./realtime-ga.schema.json', import.meta.url), 'utf8')) as {
  components: { schemas: Record<string, Json> };
};
const schemas = doc.components.schemas;

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

for (const name of Object.keys(schemas)) schemas[name] = normalize(schemas[name]) as Json;

// The GA reference documents `null` as the way to switch these off ("can be set to `null` to turn off")
// although their JSON types omit it; the real server accepts null, so the simulator does too.
// Same for the session the server reports back (session.created / session.updated).
for (const name of ['RealtimeSessionCreateRequestGA', 'RealtimeSessionCreateResponseGA']) {
  const audio = (schemas[name] as { properties: Record<string, Json> }).properties.audio as {
    properties: { input: { properties: Record<string, Json> } };
  };
  const audioInput = audio.properties.input.properties;
  for (const key of ['transcription', 'noise_reduction'] as const)
    audioInput[key] = { anyOf: [audioInput[key], { type: 'null' }] };
}
// `tracing` carried `nullable: true` (normalized above) and `prompt` already lists null among its forms.

/**
 * The real server rejects unknown keys (`unknown_parameter`) — in `session`, in `response`, on items, at
 * the top of an event; the OpenAPI schema is open. Client events are checked against a copy in which every
 * object schema reachable from a client event that lists its properties is closed, following $refs (tool
 * `parameters` and `metadata` list none and stay open, as they must). Server events keep the open schemas:
 * a real server may add fields.
 */
const clientSchemas = structuredClone(schemas);
function closeObjects(node: unknown, seen: Set<string>): void {
  if (Array.isArray(node)) return node.forEach((n) => closeObjects(n, seen));
  if (!node || typeof node !== 'object') return;
  const obj = node as Json;
  if (typeof obj.$ref === 'string') {
    const name = obj.$ref.replace('#/components/schemas/', '');
    if (!seen.has(name)) {
      seen.add(name);
      closeObjects(clientSchemas[name], seen);
    }
  }
  if (obj.properties && obj.additionalProperties === undefined) obj.additionalProperties = false;
  // "It is not possible to request both text and audio at the same time": one modality or none.
  const props = obj.properties as Json | undefined;
  if (props?.output_modalities) (props.output_modalities as Json).maxItems = 1;
  for (const [key, value] of Object.entries(obj))
    if (key === 'properties') Object.values(value as Json).forEach((v) => closeObjects(v, seen));
    else if (typeof value === 'object') closeObjects(value, seen);
}
const closed = new Set<string>();
for (const name of Object.keys(clientSchemas))
  if (name.startsWith('RealtimeClientEvent')) {
    closed.add(name);
    closeObjects(clientSchemas[name], closed);
  }

const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
// OpenAI's own format name for epoch seconds; any integer is fine.
ajv.addFormat('unixtime', true);
ajv.addSchema({ $id: 'ga', components: { schemas } });
ajv.addSchema({ $id: 'ga-client', components: { schemas: clientSchemas } });

const cache = new Map<string, ValidateFunction>();
const validator = (name: string, doc: 'ga' | 'ga-client' = 'ga'): ValidateFunction => {
  let fn = cache.get(`${doc}/${name}`);
  if (!fn) {
    fn = ajv.getSchema(`${doc}#/components/schemas/${name}`);
    if (!fn) throw new Error(`no schema ${name}`);
    cache.set(`${doc}/${name}`, fn);
  }
  return fn;
};

/** Client event type → its schema name, read from each schema's `type` enum. */
const clientSchemaByType = new Map<string, string>();
for (const [name, schema] of Object.entries(schemas)) {
  if (!name.startsWith('RealtimeClientEvent') || name === 'RealtimeClientEvent') continue;
  const typeEnum = (schema as { properties?: { type?: { enum?: string[] } } }).properties?.type?.enum;
  if (typeEnum?.[0]) clientSchemaByType.set(typeEnum[0], name);
}

const describe = (fn: ValidateFunction): string =>
  (fn.errors ?? [])
    .map(
      (e) => `${e.instancePath || '/'} ${e.message ?? ''}${e.params ? ' ' + JSON.stringify(e.params) : ''}`,
    )
    .join('; ');

/** Returns the violations of one client event (empty when valid). */
export function validateClientEvent(event: unknown): string[] {
  const type = (event as { type?: unknown } | null)?.type;
  if (typeof type !== 'string') return ['event has no string "type"'];
  const name = clientSchemaByType.get(type);
  if (!name) return [`unknown client event type "${type}"`];
  const fn = validator(name, 'ga-client');
  return fn(event) ? [] : [`${type}: ${describe(fn)}`];
}

/** Validates a session object on its own (POST /realtime/client_secrets). */
export function validateSession(session: unknown): string[] {
  const fn = validator('RealtimeSessionCreateRequestGA', 'ga-client');
  return fn(session) ? [] : [`session: ${describe(fn)}`];
}

/** Validates a server event the simulator emits, so its own replies stay honest. */
export function validateServerEvent(event: unknown): string[] {
  const type = (event as { type?: string }).type ?? '';
  for (const [name, schema] of Object.entries(schemas)) {
    if (!name.startsWith('RealtimeServerEvent') || name === 'RealtimeServerEvent') continue;
    const typeEnum = (schema as { properties?: { type?: { enum?: string[] } } }).properties?.type?.enum;
    if (typeEnum?.[0] !== type) continue;
    const fn = validator(name);
    return fn(event) ? [] : [`server ${type}: ${describe(fn)}`];
  }
  return [`unknown server event type "${type}"`];
}
