// Resampler quality and streaming invariants, G.711 round trips, sample conversions.
import { describe, expect, it } from 'vitest';
import { g711Decode, g711Encode } from '../../../src-main/core/audio/dsp/g711';
import { floatToInt16, int16ToFloat } from '../../../src-main/core/audio/dsp/pcm';
import { createResampler } from '../../../src-main/core/audio/dsp/resampler';
import { rejectionDb, tone, toneSnrDb } from '../../../bench/lib/tone-metrics';

const concat = (parts: Float32Array[]) => {
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

describe('resampler', () => {
  it.each([
    [48_000, 24_000],
    [24_000, 48_000],
    [44_100, 24_000],
    [24_000, 44_100],
    [48_000, 8_000],
    [8_000, 48_000],
    [16_000, 24_000],
  ])('%i → %i: clean in-band tone, right length, chunking does not change a bit', (a, b) => {
    const x = tone(a, 1000, 0.5);
    const whole = concat([createResampler(a, b).process(x), createResampler(a, b).flush()]);
    const r = createResampler(a, b);
    const parts: Float32Array[] = [];
    for (let at = 0, step = 1; at < x.length; at += step, step = (step * 7 + 3) % 997)
      parts.push(r.process(x.subarray(at, at + step)));
    parts.push(r.flush());
    const chunked = concat(parts);
    expect(chunked.length).toBe(Math.ceil((x.length * b) / a));
    // Same bits however the input is cut (the first resampler above was not flushed: compare the prefix).
    expect(
      Buffer.from(chunked.buffer)
        .subarray(0, whole.byteLength - 400)
        .equals(Buffer.from(whole.buffer).subarray(0, whole.byteLength - 400)),
    ).toBe(true);
    expect(toneSnrDb(chunked, b, 1000, Math.round(b * 0.01))).toBeGreaterThan(120);
  });

  it('is time-aligned: an impulse comes out where it went in', () => {
    const x = new Float32Array(4800);
    x[2400] = 1;
    const r = createResampler(48_000, 24_000);
    const y = concat([r.process(x), r.flush()]);
    let peak = 0;
    for (let i = 1; i < y.length; i++) if (Math.abs(y[i]!) > Math.abs(y[peak]!)) peak = i;
    expect(peak).toBe(1200);
  });

  it.each([48_000, 44_100, 96_000])('rejects a 15 kHz tone by ≥ 80 dB going %i → 24 kHz', (a) => {
    const x = tone(a, 15_000, 0.5);
    expect(rejectionDb(x, createResampler(a, 24_000).process(x), 240)).toBeGreaterThan(80);
  });
});

describe('G.711', () => {
  it('μ-law and A-law decode(encode(x)) stays within the law’s step size', () => {
    const x = new Int16Array(65536);
    for (let i = 0; i < x.length; i++) x[i] = i - 32768;
    for (const law of ['mulaw', 'alaw'] as const) {
      const y = g711Decode(law, g711Encode(law, x));
      for (let i = 0; i < x.length; i += 97) {
        const err = Math.abs(y[i]! - x[i]!);
        expect(err).toBeLessThanOrEqual(Math.max(16, Math.abs(x[i]!) / 16));
      }
      // Every code decodes to a value that encodes back to the same code.
      const codes = Uint8Array.from({ length: 256 }, (_, i) => i);
      const again = g711Encode(law, g711Decode(law, codes));
      for (let c = 0; c < 256; c++) {
        // μ-law has two zeros (0x7f, 0xff); both decode to 0 which encodes to 0xff.
        if (law === 'mulaw' && c === 0x7f) continue;
        expect(again[c]).toBe(c);
      }
    }
  });

  it('known reference values', () => {
    expect([...g711Encode('mulaw', Int16Array.from([0, -1, 32767, -32768]))]).toEqual([
      0xff, 0x7f, 0x80, 0x00,
    ]);
    expect([...g711Encode('alaw', Int16Array.from([0, -1, 32767, -32768]))]).toEqual([
      0xd5, 0x55, 0xaa, 0x2a,
    ]);
  });
});

describe('PCM', () => {
  it('16-bit → float → 16-bit is exact, and clipping saturates', () => {
    const x = Int16Array.from([-32768, -1, 0, 1, 32767]);
    expect([...floatToInt16(int16ToFloat(x))]).toEqual([...x]);
    expect([...floatToInt16(Float32Array.from([1.5, -1.5]))]).toEqual([32767, -32768]);
  });
});
