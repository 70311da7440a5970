// PCM16 helpers of the simulator (24 kHz mono, the GA default); formats.ts adds the G.711 formats.
export const SIM_RATE = 24_000;

/** A tone of `ms` milliseconds, PCM16 at `rate`: recognisable, non-silent audio. */
export function tone(ms: number, hz = 440, amplitude = 0.3, rate = SIM_RATE): Buffer {
  const samples = Math.round((ms / 1000) * rate);
  const out = Buffer.alloc(samples * 2);
  for (let i = 0; i < samples; i++)
    out.writeInt16LE(Math.round(Math.sin((2 * Math.PI * hz * i) / rate) * amplitude * 32767), i * 2);
  return out;
}

/** RMS level (0..1) of a PCM16 buffer: the simulator's voice-activity detector. */
export function rms(pcm: Buffer): number {
  const n = pcm.length >> 1;
  if (n === 0) return 0;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const v = pcm.readInt16LE(i * 2) / 32768;
    sum += v * v;
  }
  return Math.sqrt(sum / n);
}

/** Strict base64 check: Node's decoder silently skips bad characters, a real server does not. */
export const isStrictBase64 = (text: string): boolean =>
  text.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(text);
