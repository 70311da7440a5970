// Validates client events against the official GA schemas the way the real server does, and the simulator's
// own replies against the server-event schemas main checks every frame with. Both come from the one copy of
// the schema, src-main/core/realtime/realtime-ga.schema.json (via ga-schema.ts).
import type { ValidateFunction } from 'ajv';
import { gaAjv } from '../../src-main/core/realtime/ga-ajv';
import { eventSchemaNames, gaSchemas, type Json } from '../../src-main/core/realtime/ga-schema';
import { checkServerEvent } from '../../src-main/core/realtime/server-event-schema';

const schemas = gaSchemas();

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

const ajv = gaAjv('ga-client', clientSchemas, { allErrors: true });

const cache = new Map<string, ValidateFunction>();
const validator = (name: string): ValidateFunction => {
  let fn = cache.get(name);
  if (!fn) {
    fn = ajv.getSchema(`ga-client#/components/schemas/${name}`);
    if (!fn) throw new Error(`no schema ${name}`);
    cache.set(name, fn);
  }
  return fn;
};

/** Client event type → its schema name, read from each schema's `type` enum. */
const clientSchemaByType = eventSchemaNames(schemas, 'RealtimeClientEvent');

/**
 * Compiles every client event's validator now (once per process; about 140 ms here). The real server is another
 * process: compiled on arrival here, the simulator's first frames of each type held the app's event loop,
 * which it shares in tests, just as the app's speaker opened for the first reply.
 */
export function compileClientValidators(): void {
  for (const name of clientSchemaByType.values()) validator(name);
  validator('RealtimeSessionCreateRequestGA');
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
  const fn = validator(name);
  return fn(event) ? [] : [`${type}: ${describe(fn)}`];
}

/** Validates a session object on its own (POST /realtime/client_secrets). */
export function validateSession(session: unknown): string[] {
  const fn = validator('RealtimeSessionCreateRequestGA');
  return fn(session) ? [] : [`session: ${describe(fn)}`];
}

/**
 * Validates a server event the simulator emits, so its own replies stay honest: with the very check main
 * applies to every frame it receives (the GA schema, where the real server differs, as it does).
 */
export function validateServerEvent(event: Json): string[] {
  const check = checkServerEvent(event);
  if (check.ok) return [];
  return [
    'unknownType' in check ? `unknown server event type "${String(event.type)}"` : `server ${check.error}`,
  ];
}
