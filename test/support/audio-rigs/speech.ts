// Speech fixtures made at test time (espeak-ng + sox), so no audio binaries live in the repository.
// sox runs with -D (no dither) so the same input always gives the same bytes.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/** Synthesises `text` to a 16-bit WAV at `rate`/`channels` (mono speech copied to every channel). */
export function speechWav(
  dir: string,
  text: string,
  rate: number,
  channels: number,
  name = 'speech',
): string {
  const voice = join(dir, `${name}-espeak.wav`);
  const out = join(dir, `${name}-${rate}-${channels}.wav`);
  execFileSync('espeak-ng', ['-w', voice, text]);
  execFileSync('sox', [
    '-D',
    voice,
    '-r',
    String(rate),
    '-c',
    String(channels),
    '-b',
    '16',
    '-e',
    'signed-integer',
    out,
  ]);
  return out;
}

/** The samples of a 16-bit WAV as raw S16_LE (what the ALSA file microphone reads). */
export function wavToRaw(wav: string): string {
  const raw = wav.replace(/\.wav$/, '.raw');
  execFileSync('sox', ['-D', wav, '-t', 'raw', '-e', 'signed-integer', '-b', '16', raw]);
  return raw;
}
