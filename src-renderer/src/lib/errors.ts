// Turns whatever a contract call rejected with into something calm to show. "unavailable" is expected
// while a back-end service is not there yet (or the core is restarting): it reads as a note, not a failure.
import { ContractCallError } from '../client';

export interface ShownError {
  tone: 'note' | 'error';
  message: string;
  fieldErrors: Record<string, string[]>;
}

export function describeError(error: unknown): ShownError {
  if (error instanceof ContractCallError) {
    if (error.code === 'unavailable') {
      return { tone: 'note', message: `Not available right now: ${error.message}.`, fieldErrors: {} };
    }
    return { tone: 'error', message: error.message, fieldErrors: error.fieldErrors };
  }
  return {
    tone: 'error',
    message: error instanceof Error ? error.message : String(error),
    fieldErrors: {},
  };
}

/**
 * Field errors from main are keyed by the request's dotted path: `patch.session.audio.output.speed` for an
 * update, `session.audio.output.speed` for a create. Editors key fields by the document path, so the
 * request wrapper is dropped.
 */
export function normalizeFieldErrors(
  fieldErrors: Record<string, string[]>,
  wrappers: readonly string[] = ['patch'],
): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [key, messages] of Object.entries(fieldErrors)) {
    const wrapper = wrappers.find((w) => key === w || key.startsWith(`${w}.`));
    const path = wrapper ? key.slice(wrapper.length + 1) || '(root)' : key;
    (out[path] ??= []).push(...messages);
  }
  return out;
}
