// Profiles shared by the realtime tests and the realtime bench (no test-runner imports here).
import type { ProfileDocument } from '../../../src-preload/contract';

export const pttProfile: ProfileDocument = {
  name: 'PTT',
  model: 'gpt-realtime',
  session: {
    type: 'realtime',
    instructions: 'Answer briefly.',
    audio: {
      input: { format: { type: 'audio/pcm', rate: 24_000 }, turn_detection: null },
      output: { format: { type: 'audio/pcm', rate: 24_000 }, voice: 'marin' },
    },
  },
};
