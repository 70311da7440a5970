// G.711 μ-law and A-law (ITU-T G.711), the 8 kHz formats of `audio/pcmu` and `audio/pcma`.
// Encoding goes through a 64 Ki-entry table indexed by the 16-bit sample: one lookup per sample.

const muBias = 0x84;
const muClip = 32635;

function encodeMuLaw(sample: number): number {
  const sign = sample < 0 ? 0x80 : 0;
  let magnitude = Math.min(sign ? -sample : sample, muClip) + muBias;
  let exponent = 7;
  for (let mask = 0x4000; (magnitude & mask) === 0 && exponent > 0; mask >>= 1) exponent--;
  const mantissa = (magnitude >> (exponent + 3)) & 0x0f;
  magnitude = sign | (exponent << 4) | mantissa;
  return ~magnitude & 0xff;
}

function decodeMuLaw(byte: number): number {
  const u = ~byte & 0xff;
  const exponent = (u >> 4) & 0x07;
  const magnitude = ((((u & 0x0f) << 3) + muBias) << exponent) - muBias;
  return u & 0x80 ? -magnitude : magnitude;
}

function encodeALaw(sample: number): number {
  const sign = sample >= 0 ? 0x80 : 0;
  // A-law works on 13-bit magnitudes.
  const magnitude = Math.min((sample >= 0 ? sample : -sample - 1) >> 3, 0x0fff);
  let out: number;
  if (magnitude < 32) out = magnitude >> 1;
  else {
    let exponent = 1;
    while (magnitude >> (exponent + 5) !== 0) exponent++;
    out = (exponent << 4) | ((magnitude >> exponent) & 0x0f);
  }
  return (out | sign) ^ 0x55;
}

function decodeALaw(byte: number): number {
  const a = byte ^ 0x55;
  const exponent = (a >> 4) & 0x07;
  const mantissa = a & 0x0f;
  const magnitude = exponent === 0 ? (mantissa << 4) + 8 : ((mantissa << 4) + 0x108) << (exponent - 1);
  return a & 0x80 ? magnitude : -magnitude;
}

const buildEncoder = (encode: (sample: number) => number): Uint8Array => {
  const table = new Uint8Array(65536);
  for (let s = -32768; s < 32768; s++) table[s & 0xffff] = encode(s);
  return table;
};
const buildDecoder = (decode: (byte: number) => number): Int16Array => {
  const table = new Int16Array(256);
  for (let b = 0; b < 256; b++) table[b] = decode(b);
  return table;
};

let tables: { muEnc: Uint8Array; muDec: Int16Array; aEnc: Uint8Array; aDec: Int16Array } | undefined;
// Built on first use: importing the module costs nothing.
const getTables = () =>
  (tables ??= {
    muEnc: buildEncoder(encodeMuLaw),
    muDec: buildDecoder(decodeMuLaw),
    aEnc: buildEncoder(encodeALaw),
    aDec: buildDecoder(decodeALaw),
  });

export type G711Law = 'mulaw' | 'alaw';

/** 16-bit samples → one G.711 byte each. */
export function g711Encode(
  law: G711Law,
  samples: Int16Array,
  out = new Uint8Array(samples.length),
): Uint8Array {
  const t = getTables();
  const table = law === 'mulaw' ? t.muEnc : t.aEnc;
  for (let i = 0; i < samples.length; i++) out[i] = table[samples[i]! & 0xffff]!;
  return out;
}

/** G.711 bytes → 16-bit samples. */
export function g711Decode(law: G711Law, bytes: Uint8Array, out = new Int16Array(bytes.length)): Int16Array {
  const t = getTables();
  const table = law === 'mulaw' ? t.muDec : t.aDec;
  for (let i = 0; i < bytes.length; i++) out[i] = table[bytes[i]!]!;
  return out;
}
