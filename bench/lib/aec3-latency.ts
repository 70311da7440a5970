// How many samples AEC3 delays the capture by, measured rather than assumed: its band-splitting filters and
// 64-sample blocks inside 10 ms frames add about 8–10 ms, depending on the rate and on the library's own
// resampling (measured: 430 samples at 48 kHz, 260 at 32 kHz, 128 at 16 kHz, 427 for 44.1 kHz through 48 kHz).
// A throwaway instance hears a noise burst with a silent far end (so nothing is cancelled) and the lag of
// the best match is the latency. Cached per rate pair: the probe costs a few ms.
import { frameMs, framesPerSecond } from '../../src-main/core/audio/echo/constants';
import type { Aec3Module } from './aec3-loader';

const cache = new Map<string, number>();
const burstFrames = 8;
const silentFrames = 4;

export function aec3LatencySamples(module: Aec3Module, aecRate: number, captureRate: number): number {
  const key = `${aecRate}/${captureRate}`;
  const known = cache.get(key);
  if (known !== undefined) return known;
  const aec = new module.AEC3(aecRate, 1, 1);
  try {
    const frame = captureRate / framesPerSecond;
    const frames = silentFrames + burstFrames + silentFrames;
    const input = new Float32Array(frame * frames);
    let seed = 1;
    for (let i = silentFrames * frame; i < (silentFrames + burstFrames) * frame; i++) {
      seed = (seed * 16807) % 2147483647; // Park–Miller: a fixed burst, so the result never varies
      input[i] = (seed / 2147483647 - 0.5) * 0.2;
    }
    const output = new Float32Array(input.length);
    const silence = [new Float32Array(aecRate / framesPerSecond)];
    const opts =
      aecRate === captureRate ? undefined : { sampleRateIn: captureRate, sampleRateOut: captureRate };
    const out = [new Float32Array(frame)];
    for (let k = 0; k < frames; k++) {
      aec.analyze(silence);
      aec.process(out, [input.subarray(k * frame, (k + 1) * frame)], opts);
      output.set(out[0]!, k * frame);
    }
    let best = { score: -Infinity, lag: 0 };
    const maxLag = Math.round((2 * frameMs * captureRate) / 1000);
    for (let lag = 0; lag < Math.min(maxLag, silentFrames * frame); lag++) {
      let cross = 0;
      let energy = 0;
      for (let i = silentFrames * frame; i < (silentFrames + burstFrames) * frame; i++) {
        cross += input[i]! * output[i + lag]!;
        energy += output[i + lag]! ** 2;
      }
      const score = cross / Math.sqrt(energy || 1);
      if (score > best.score) best = { score, lag };
    }
    cache.set(key, best.lag);
    return best.lag;
  } finally {
    aec.free();
  }
}
