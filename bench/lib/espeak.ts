// Real speech for the echo benchmark and tests, synthesised when they run (espeak-ng is a Debian package the
// CI installs), so no audio lives in the repository. espeak-ng is deterministic for a given text and voice,
// and the resampler is too, so the same call gives the same samples on every run.
import { execFileSync } from 'node:child_process';
import { createResampler } from '../../src-main/core/audio/dsp/resampler';
import { parseWav } from '../../src-main/core/audio/wav';

const cache = new Map<string, Float32Array>();

/** `text` spoken by espeak-ng `voice` (e.g. "en-us", "en-gb+f3"), mono float at `rate`. */
export function espeakSpeech(text: string, voice: string, rate: number): Float32Array {
  const key = `${voice}\u0000${rate}\u0000${text}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const wav = parseWav(execFileSync('espeak-ng', ['--stdout', '-v', voice, text]), 'espeak-ng output');
  const resampler = createResampler(wav.rate, rate);
  const head = resampler.process(wav.samples);
  const tail = resampler.flush();
  const out = new Float32Array(head.length + tail.length);
  out.set(head);
  out.set(tail, head.length);
  cache.set(key, out);
  return out;
}
