import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

/** Tests on the PulseAudio rig, in real time (see the 'rigs' project). */
const realTimeRigs = [
  'test/integration/audio/pulse-*.test.ts',
  'test/integration/hotkey-hold-duration.test.ts',
];

export default defineConfig({
  test: {
    reporters: ['default', 'json'],
    // scripts/test.sh reads this to print one plain 'N passed, N failed' summary line at the end.
    outputFile: { json: 'test-results/vitest.json' },
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'], environment: 'node' } },
      {
        plugins: [react()],
        test: { name: 'component', include: ['test/component/**/*.test.tsx'], environment: 'jsdom' },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          exclude: realTimeRigs,
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'rigs',
          include: realTimeRigs,
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 30_000,
          // Real-time audio through PulseAudio measures latency and compares what a speaker monitor heard:
          // with other test files saturating both cores, the pacing timer starves and the device underruns
          // (silence inside the speech). So these run last, alone, one file at a time.
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // One browser at a time: the CI machine has two cores.
          fileParallelism: false,
        },
      },
    ],
  },
});
