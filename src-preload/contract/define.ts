// Building blocks for the IPC contract. Runs in every process (main, preload, renderer): zod only.
import { z } from 'zod';

/** A command: renderer → main, request/response. */
export interface CommandSpec<Req extends z.ZodType = z.ZodType, Res extends z.ZodType = z.ZodType> {
  readonly request: Req;
  readonly response: Res;
}

export const command = <Req extends z.ZodType, Res extends z.ZodType>(
  request: Req,
  response: Res,
): CommandSpec<Req, Res> => ({ request, response });

/** Commands that take no argument declare this request schema. */
export const noRequest = z.void();

/** Why a command failed; `fieldErrors` maps a dotted field path to messages an editor can show inline. */
export const contractErrorSchema = z.object({
  code: z.enum([
    'invalid_request',
    'unknown_command',
    'forbidden_sender',
    'not_found',
    'conflict',
    'unavailable',
    'failed',
    'internal',
  ]),
  message: z.string(),
  fieldErrors: z.record(z.string(), z.array(z.string())).optional(),
});
export type ContractError = z.infer<typeof contractErrorSchema>;
export type ContractErrorCode = ContractError['code'];

/** What crosses every transport for a command: errors are values, never thrown across a process boundary. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ContractError };

/** zod issues → `{ "session.audio.output.voice": ["…"] }`: the field-error shape main sends and editors show. */
export function fieldErrorsFromIssues(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of issues) {
    const key = issue.path.map(String).join('.') || '(root)';
    (out[key] ??= []).push(issue.message);
  }
  return out;
}
