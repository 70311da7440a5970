// Server frames are checked against the official GA schema of their event type before any handler sees
// them, so a handler never reads a field that is missing or of the wrong type. Schemas stay open: a real
// server may add fields (it does: `obfuscation` on deltas).
import type { Ajv, ValidateFunction } from 'ajv';
import { gaAjv } from './ga-ajv';
import { eventSchemaNames, gaSchemas, optionalMayBeNull } from './ga-schema';

interface Validators {
  ajv: Ajv;
  /** Event type → schema name, from the schemas themselves (every GA server event type). */
  byType: Map<string, string>;
  compiled: Map<string, ValidateFunction>;
}

// Built on the first frame, not at import: the app starts without paying for it, and each event type's
// validator is compiled the first time that type arrives (loading ~30 ms; session.created, the first frame
// of a session and the largest schema, 50-100 ms; all types ~130 ms). Checking an audio delta then adds
// under a microsecond to its JSON.parse (measured: 0.1-0.9 µs on 1.4-64 KB deltas), a response.done 2-4 µs.
let validators: Validators | undefined;
function load(): Validators {
  if (!validators) {
    const schemas = gaSchemas();
    optionalMayBeNull(schemas);
    // First error only: the frame is skipped either way, and stopping early keeps audio deltas cheap. The
    // document is the official one (its meta-schema check is a test's job, not each start's: ~50 ms);
    // shared $refs compile once as functions rather than inlined into every event type. Formats (a tool's
    // `uri`, `unixtime`) are not checked: no handler reads them, and a quirk in a field the server echoes
    // must not drop the whole frame; types and required fields are what handlers rely on.
    validators = {
      ajv: gaAjv('ga-server', schemas, {
        allErrors: false,
        validateSchema: false,
        inlineRefs: false,
        validateFormats: false,
      }),
      byType: eventSchemaNames(schemas, 'RealtimeServerEvent'),
      compiled: new Map(),
    };
  }
  return validators;
}

/** Every GA server event type the schema defines. */
export function serverEventTypes(): ReadonlySet<string> {
  return new Set(load().byType.keys());
}

export type ServerEventCheck = { ok: true } | { ok: false; unknownType: true } | { ok: false; error: string };

/** Checks a parsed frame. `error` names the event type and the first schema error, for the skip log. */
export function checkServerEvent(value: Record<string, unknown>): ServerEventCheck {
  const { ajv, byType, compiled } = load();
  const type = value.type;
  const name = typeof type === 'string' ? byType.get(type) : undefined;
  if (typeof type !== 'string' || name === undefined) return { ok: false, unknownType: true };
  let validate = compiled.get(type);
  if (!validate) {
    validate = ajv.getSchema(`ga-server#/components/schemas/${name}`);
    if (!validate) throw new Error(`GA schema ${name} did not compile`);
    compiled.set(type, validate);
  }
  if (validate(value)) return { ok: true };
  const first = validate.errors?.[0];
  const where = first?.instancePath || '/';
  // Ajv's message names the missing property or the expected type; an enum's message needs its values.
  const params = first && ['enum', 'const'].includes(first.keyword) ? ` ${JSON.stringify(first.params)}` : '';
  // Short: it goes to the skip log, and an enum's allowed values can be a long list.
  const detail = `${type}: ${where} ${first?.message ?? 'invalid'}${params}`;
  return { ok: false, error: detail.length > 200 ? `${detail.slice(0, 199)}…` : detail };
}
