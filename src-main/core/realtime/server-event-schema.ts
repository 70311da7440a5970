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

// Built when the first session connects (warmServerEventChecks) or on the first frame, not at import: the app
// starts without paying for it (loading ~30 ms; session.created, the first frame of a session and the largest
// schema, 50-100 ms; all types ~130-200 ms). Checking an audio delta then adds
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

function validatorFor(type: string, name: string): ValidateFunction {
  const { ajv, compiled } = load();
  let validate = compiled.get(type);
  if (!validate) {
    validate = ajv.getSchema(`ga-server#/components/schemas/${name}`);
    if (!validate) throw new Error(`GA schema ${name} did not compile`);
    compiled.set(type, validate);
  }
  return validate;
}

let warming: Promise<void> | undefined;
/**
 * Compiles every event type's validator ahead of its first frame, one type per turn of the event loop
 * (about 200 ms in all, the longest turn about 60 ms). Compiled on arrival instead, the first reply's new
 * types held the loop for 50-100 ms at a time just as the assistant began to speak (profiled on the
 * PulseAudio rig), and a speaker whose queue runs dry drops what it held and pauses (device-sink.ts). Called
 * when a session starts connecting, before anything plays; once per process.
 */
export function warmServerEventChecks(): Promise<void> {
  warming ??= (async () => {
    const turn = () => new Promise<void>((resolve) => setImmediate(resolve));
    await turn(); // the caller's own work first (a connect)
    for (const [type, name] of load().byType) {
      validatorFor(type, name);
      await turn();
    }
  })();
  return warming;
}

/** Every GA server event type the schema defines. */
export function serverEventTypes(): ReadonlySet<string> {
  return new Set(load().byType.keys());
}

export type ServerEventCheck = { ok: true } | { ok: false; unknownType: true } | { ok: false; error: string };

/** Checks a parsed frame. `error` names the event type and the first schema error, for the skip log. */
export function checkServerEvent(value: Record<string, unknown>): ServerEventCheck {
  const { byType } = load();
  const type = value.type;
  const name = typeof type === 'string' ? byType.get(type) : undefined;
  if (typeof type !== 'string' || name === undefined) return { ok: false, unknownType: true };
  const validate = validatorFor(type, name);
  if (validate(value)) return { ok: true };
  const first = validate.errors?.[0];
  const where = first?.instancePath || '/';
  // Ajv's message names the missing property or the expected type; an enum's message needs its values.
  const params = first && ['enum', 'const'].includes(first.keyword) ? ` ${JSON.stringify(first.params)}` : '';
  // Short: it goes to the skip log, and an enum's allowed values can be a long list.
  const detail = `${type}: ${where} ${first?.message ?? 'invalid'}${params}`;
  return { ok: false, error: detail.length > 200 ? `${detail.slice(0, 199)}…` : detail };
}
