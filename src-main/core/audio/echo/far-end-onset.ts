// When the assistant starts speaking again after a pause (a new reply), in the far end as AEC3 reads it.
// The canceller starts AEC3 afresh there: its echo path learnt in the last reply may no longer hold. The
// speaker's and the microphone's clocks drift apart (measured on the PulseAudio rig: 0.22 ms/s, two sound
// cards or a resampling sound server do the same), and AEC3 only follows that while the far end plays. After
// a 2.5 s pause, 0.5 ms of drift left AEC3's filter so wrong that the next reply's echo came through 12–14 dB
// down instead of 45, yet AEC3 trusted the filter and its suppressor let the rest pass. A fresh instance
// distrusts its filter and suppresses until it has converged (the first reply's ≈ 45 dB from its start).
import { farActiveDbfs } from './constants';

/**
 * A pause at least this long makes the next loud frame an onset. Pauses between sentences of one answer
 * are shorter (espeak ≈ 0.3 s); between replies there is at least the server's turn detection (0.5 s of
 * silence or more) and the time to answer.
 */
export const onsetGapMs = 600;

export interface FarEndOnset {
  /** One frame of the far end as AEC3 reads it: true on its first loud frame after a long enough pause. */
  push(frame: Float32Array): boolean;
  reset(): void;
}

export function createFarEndOnset(frameMs: number, gapMs = onsetGapMs): FarEndOnset {
  const gapFrames = Math.ceil(gapMs / frameMs);
  // Frames since the last loud one. Before the first, no onset: the instance has heard no echo path yet.
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
