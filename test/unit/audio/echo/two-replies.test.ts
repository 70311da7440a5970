// A hands-free conversation through the canceller: a reply, the user alone in the pause, a second reply,
// with the speaker's and the microphone's clocks drifting apart as on the PulseAudio rig (220 ppm) over its
// short, clean echo path (a loopback: no reverberation, no noise). AEC3 kept across the pause started the
// second reply with the echo path it had learnt in the first, trusted it, and let the echo through (on the
// rig: 12–14 dB of cancellation instead of 45, and the assistant interrupted itself); the canceller now starts
// AEC3 afresh when a reply begins after a pause (far-end-onset.ts).
import { describe, expect, it } from 'vitest';
import { erleDb } from '../../../../bench/lib/echo-metrics';
import { runCanceller } from '../../../../bench/lib/echo-run';
import { createEchoCanceller } from '../../../../src-main/core/audio/echo';
import { rate, twoReplies } from './scenes';

const loopback = { rt60Sec: 0.02, echoGainDb: -9, noiseDbfs: -90 };

describe('two replies with the user speaking in the pause between them', () => {
  it('cancels the second reply from its start, as well as a fresh canceller', async () => {
    const { canceller } = await createEchoCanceller('on', { captureRate: rate, renderRate: rate });
    const { scene: s, secondEcho } = twoReplies(220, loopback);
    const out = runCanceller(canceller, s);
    const L = canceller.latencySamples;
    // Measured 59 dB over the second reply's first second (AEC3 kept across the pause: 46 dB; 34 dB without
    // the drift).
    expect(erleDb(s.mic, out, L, secondEcho, secondEcho + rate)).toBeGreaterThan(52);
    // The user alone in the pause passes untouched (a restart does not touch what was already said).
    const [from, to] = s.nearSpan;
    expect(erleDb(s.mic, out, L, from, to)).toBeLessThan(1);
    canceller.dispose();
  });
});
