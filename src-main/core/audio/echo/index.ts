// The echo canceller (issue 13): see types.ts for the seam and create.ts for the modes.
export { createEchoCanceller, type CreateEchoCancellerOptions, type CreatedEchoCanceller } from './create';
export type { EchoCanceller, EchoCancellerOptions, EchoCancelMode } from './types';
