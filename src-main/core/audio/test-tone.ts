// The "test sound" button: a short, soft two-note chime as 24 kHz PCM16, faded in and out (no clicks).

export function testTone(): Buffer {
  const rate = 24_000;
  const notes = [660, 880];
  const noteSamples = Math.round(rate * 0.18);
  const fade = Math.round(rate * 0.01);
  const out = Buffer.alloc(notes.length * noteSamples * 2);
  notes.forEach((hz, n) => {
    for (let i = 0; i < noteSamples; i++) {
      const envelope = Math.min(1, i / fade, (noteSamples - 1 - i) / fade);
      const s = 0.25 * envelope * Math.sin((2 * Math.PI * hz * i) / rate);
      out.writeInt16LE(Math.round(s * 32767), (n * noteSamples + i) * 2);
    }
  });
  return out;
}
