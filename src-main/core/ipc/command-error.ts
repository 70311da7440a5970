// The one error type a core handler throws on purpose; the dispatcher turns it into an envelope.
import type { ContractErrorCode } from '../../../src-preload/contract';

export { fieldErrorsFromIssues } from '../../../src-preload/contract';

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
