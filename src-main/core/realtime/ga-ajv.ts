// One Ajv set-up for the GA schemas, shared by main (server frames) and the protocol simulator (client events).
import { Ajv, type Options } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { Json } from './ga-schema';

// ajv-formats is CommonJS with `module.exports = formatsPlugin`: its default import is the plugin itself.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => void;

/**
 * An Ajv holding `schemas` as one document under `id` (`<id>#/components/schemas/<Name>` resolves a schema
 * and compiles it, with what it references, on first use). `strict: false`: the OpenAPI text carries
 * descriptions and titles Ajv's strict mode would refuse as unknown keywords.
 */
export function gaAjv(id: string, schemas: Record<string, Json>, options: Options = {}): Ajv {
  const ajv = new Ajv({ strict: false, ...options });
  addFormats(ajv);
  // OpenAI's own format name for epoch seconds; any integer is fine.
  ajv.addFormat('unixtime', true);
  ajv.addSchema({ $id: id, components: { schemas } });
  return ajv;
}
