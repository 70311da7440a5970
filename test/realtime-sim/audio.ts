// Audio the simulator speaks and listens to: PCM16 LE mono 24 kHz, the GA wire format.
export const SIM_RATE = 24_000;

/** A tone of `ms` milliseconds: recognisable, non-silent assistant audio. */
export function tone(ms: number, hz = 440, amplitude = 0.3): Buffer {
  const samples = Math.round((ms / 1000) * SIM_RATE);
  const out = Buffer.alloc(samples * 2);
  for (let i = 0; i < samples; i++)
    out.writeInt16LE(Math.round(Math.sin((2 * Math.PI * hz * i) / SIM_RATE) * amplitude * 32767), i * 2);
  return out;
}

export const pcmMs = (bytes: number): number => (bytes / 2 / SIM_RATE) * 1000;

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
