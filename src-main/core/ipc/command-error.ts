// The one error type a core handler throws on purpose; the dispatcher turns it into an envelope.
import type { ContractErrorCode } from '../../../src-preload/contract';

export class CommandError extends Error {
  constructor(
    readonly code: ContractErrorCode,
    message: string,
    readonly fieldErrors?: Record<string, string[]>,
  ) {
    super(message);
    this.name = 'CommandError';
  }
}

/** zod issues → `{ "session.audio.output.voice": ["…"] }`, the shape the editor shows inline. */
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
