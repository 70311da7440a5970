// When the assistant starts speaking again after a pause (a new reply), in the far end as the filter reads it.
// The canceller starts its filter afresh there: the echo path learnt in the last reply may no longer hold.
// The speaker's and the microphone's clocks drift apart (measured on the PulseAudio rig: 0.22 ms/s, two sound
// cards or a resampling sound server do the same). The drift follower (echo-path-drift.ts) predicts that
// through a pause, but the speaker may also have underrun or been reopened meanwhile, which it cannot see.
// With AEC3, after a 2.5 s pause 0.5 ms of drift left its filter so wrong that the next reply's echo came
// through 12–14 dB down instead of 45, yet it trusted the filter and its suppressor let the rest pass. A fresh
// filter is distrusted, and suppressed behind, until it has converged (as the first reply's start).
import { farActiveDbfs } from './constants';

/**
 * A pause at least this long makes the next loud frame an onset. Pauses between sentences of one answer
 * are shorter (espeak ≈ 0.3 s); between replies there is at least the server's turn detection (0.5 s of
 * silence or more) and the time to answer.
 */
export const onsetGapMs = 600;

export interface FarEndOnset {
  /** One block of the far end as the filter reads it: true on its first loud block after a long enough pause. */
  push(frame: Float32Array): boolean;
  reset(): void;
}

export function createFarEndOnset(frameMs: number, gapMs = onsetGapMs): FarEndOnset {
  const gapFrames = Math.ceil(gapMs / frameMs);
  // Frames since the last loud one. Before the first, no onset: the filter has heard no echo path yet.
  let quiet = -Infinity;
  const threshold = 10 ** (farActiveDbfs / 10); // mean square at the threshold level

  return {
    push(frame) {
      let sum = 0;
      for (let i = 0; i < frame.length; i++) sum += frame[i]! * frame[i]!;
      if (sum <= threshold * frame.length) {
        quiet++;
        return false;
      }
      const onset = quiet >= gapFrames;
      quiet = 0;
      return onset;
    },
    reset() {
      quiet = -Infinity;
    },
  };
}
