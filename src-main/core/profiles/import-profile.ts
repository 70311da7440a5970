// Turns pasted or loaded text into a profile document. Accepts, in this order of recognition:
//  - a profile document or an exported profile: {name, model, session} (+ id/builtIn/updatedAt, ignored);
//  - a whole session.update event: {type: "session.update", session: {...}};
//  - a bare GA session ({type: "realtime", ...});
//  - a beta-era session dict (modalities, voice, input_audio_format, …), converted to GA with notes;
// as JSON or as the Python/JS dict literal of a beta code sample. Pure; validation is the caller's.
import { profileDocumentSchema, type ProfileDocument } from '../../../src-preload/contract';
import { CommandError, fieldErrorsFromIssues } from '../ipc/command-error';
import { betaSessionToGa, looksLikeBetaSession } from './beta-to-ga';
import { DictLiteralError, parseDictLiteral } from './dict-literal';

export interface ImportCandidate {
  name?: string;
  model?: string;
  /** GA-shaped (converted if it was beta), not yet validated. */
  session: unknown;
  notes: string[];
}

export class ImportParseError extends Error {}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function parseText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    try {
      return parseDictLiteral(text);
    } catch (error) {
      if (error instanceof DictLiteralError) {
        throw new ImportParseError(`Not JSON, nor a dict literal: ${error.message}.`);
      }
      throw error;
    }
  }
}

export function readImport(text: string): ImportCandidate {
  let value = parseText(text);
  if (!isObject(value))
    throw new ImportParseError('Expected an object: a profile, a session or a session.update event.');
  if (value.type === 'session.update' && isObject(value.session)) value = value.session;
  if (!isObject(value)) throw new ImportParseError('session.update has no session object.');

  const isDocument = isObject(value.session) && ('name' in value || 'model' in value || 'id' in value);
  const wrapped = !isDocument && isObject(value.session) && Object.keys(value).length === 1;
  const sessionLike = isDocument || wrapped ? (value.session as Record<string, unknown>) : value;

  const notes: string[] = [];
  let session: unknown = sessionLike;
  let model: string | undefined;
  if (looksLikeBetaSession(sessionLike)) {
    const converted = betaSessionToGa(sessionLike);
    session = converted.session;
    model = converted.model;
    notes.push('Converted from the beta session shape to GA.', ...converted.notes);
  }
  const name = isDocument && typeof value.name === 'string' ? value.name : undefined;
  const chosenModel = isDocument && typeof value.model === 'string' ? value.model : model;
  return {
    ...(name !== undefined ? { name } : {}),
    ...(chosenModel !== undefined ? { model: chosenModel } : {}),
    session,
    notes,
  };
}

/**
 * Text → a valid profile document, or a CommandError('invalid_request') whose field errors name GA paths
 * (`session.audio.output.speed`; `json` when the text itself is unreadable). The headless shell's
 * --profile and the import command both go through here.
 */
export function profileDocumentFromText(
  text: string,
  nameFor: (suggested: string) => string = (name) => name,
): { document: ProfileDocument; notes: string[] } {
  let candidate: ImportCandidate;
  try {
    candidate = readImport(text);
  } catch (error) {
    if (error instanceof ImportParseError) {
      throw new CommandError('invalid_request', error.message, { json: [error.message] });
    }
    throw error;
  }
  const parsed = profileDocumentSchema.safeParse({
    name: nameFor(candidate.name?.trim() || 'Imported profile'),
    model: candidate.model ?? '',
    session: candidate.session,
  });
  if (!parsed.success) {
    throw new CommandError(
      'invalid_request',
      'The profile has invalid fields.',
      fieldErrorsFromIssues(parsed.error.issues),
    );
  }
  return { document: parsed.data, notes: candidate.notes };
}
