// The server's usage, read without trust: the real payload's shape, zero usage, and everything that is not
// usage (missing, wrong types, negative, inconsistent) → unknown, never a throw.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  readResponseUsage,
  readTranscriptionUsage,
  zeroTokens,
} from '../../../src-main/core/usage/read-usage';

/** The shape the real server sends (DESIGN.md, "What the real server does"). */
const real = {
  total_tokens: 1_315,
  input_tokens: 1_150,
  output_tokens: 165,
  input_token_details: {
    text_tokens: 320,
    audio_tokens: 830,
    image_tokens: 0,
    cached_tokens: 1_024,
    cached_tokens_details: { text_tokens: 256, audio_tokens: 768, image_tokens: 0 },
  },
  output_token_details: { text_tokens: 45, audio_tokens: 120 },
};

describe('response usage', () => {
  it('reads the real shape by modality', () => {
    expect(readResponseUsage(real)).toEqual({
      inputText: 320,
      inputAudio: 830,
      inputImage: 0,
      cachedText: 256,
      cachedAudio: 768,
      cachedImage: 0,
      outputText: 45,
      outputAudio: 120,
    });
  });

  it('a failed response’s zero usage is zero tokens, with or without details', () => {
    expect(readResponseUsage({ total_tokens: 0, input_tokens: 0, output_tokens: 0 })).toEqual(zeroTokens());
    expect(
      readResponseUsage({
        ...real,
        total_tokens: 0,
        input_tokens: 0,
        output_tokens: 0,
        input_token_details: { text_tokens: 0, audio_tokens: 0, cached_tokens: 0 },
        output_token_details: { text_tokens: 0, audio_tokens: 0 },
      }),
    ).toEqual(zeroTokens());
  });

  const broken: [string, unknown][] = [
    ['missing', undefined],
    ['null', null],
    ['a string', 'lots'],
    ['an array', [real]],
    ['totals as strings', { ...real, input_tokens: '1150' }],
    ['a negative count', { ...real, output_tokens: -1, output_token_details: { text_tokens: -1 } }],
    ['a fraction', { ...real, input_tokens: 1_150.5 }],
    ['NaN', { ...real, input_tokens: Number.NaN }],
    ['input without its details', { input_tokens: 10, output_tokens: 0 }],
    ['output without its details', { ...real, output_token_details: undefined }],
    [
      'cached tokens without their split',
      { ...real, input_token_details: { ...real.input_token_details, cached_tokens_details: undefined } },
    ],
    [
      'more cached audio than audio',
      {
        ...real,
        input_token_details: {
          ...real.input_token_details,
          cached_tokens: 256 + 900,
          cached_tokens_details: { text_tokens: 256, audio_tokens: 900 },
        },
      },
    ],
    ['modalities that do not add up to the total', { ...real, input_tokens: 2_000 }],
    ['output modalities that do not add up', { ...real, output_tokens: 100 }],
    [
      'a details field that is an object',
      { ...real, output_token_details: { text_tokens: {}, audio_tokens: 120 } },
    ],
  ];
  for (const [what, usage] of broken)
    it(`unknown when ${what}`, () => expect(readResponseUsage(usage)).toBeUndefined());

  it('never throws and never answers a negative or fractional count (fuzz, 5,000 values)', () => {
    let runs = 0;
    // Values near the real shape find the checks' edges better than random JSON alone.
    const nearReal = fc.record(
      {
        input_tokens: fc.oneof(fc.integer({ min: -5, max: 2_000 }), fc.anything()),
        output_tokens: fc.oneof(fc.integer({ min: -5, max: 500 }), fc.anything()),
        input_token_details: fc.oneof(
          fc.record(
            {
              text_tokens: fc.integer({ min: -2, max: 1_000 }),
              audio_tokens: fc.integer({ min: -2, max: 1_000 }),
              image_tokens: fc.oneof(fc.integer({ min: 0, max: 10 }), fc.anything()),
              cached_tokens: fc.integer({ min: 0, max: 2_000 }),
              cached_tokens_details: fc.anything(),
            },
            { requiredKeys: [] },
          ),
          fc.anything(),
        ),
        output_token_details: fc.anything(),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.oneof(nearReal, fc.anything()), (usage) => {
        runs++;
        const read = readResponseUsage(usage);
        if (read) for (const v of Object.values(read)) expect(Number.isSafeInteger(v) && v >= 0).toBe(true);
        readTranscriptionUsage(usage);
      }),
      { numRuns: 5_000, seed: 1515 },
    );
    console.log(`fuzz usage read: ${runs} payloads, 0 failures`);
  });
});

describe('transcription usage', () => {
  it('tokens (gpt-4o-transcribe) and seconds (whisper-1)', () => {
    expect(
      readTranscriptionUsage({
        type: 'tokens',
        total_tokens: 42,
        input_tokens: 30,
        input_token_details: { text_tokens: 2, audio_tokens: 28 },
        output_tokens: 12,
      }),
    ).toEqual({ tokens: { ...zeroTokens(), inputText: 2, inputAudio: 28, outputText: 12 } });
    expect(readTranscriptionUsage({ type: 'duration', seconds: 2.4 })).toEqual({ seconds: 2.4 });
  });
  it('anything else is unknown', () => {
    expect(readTranscriptionUsage(undefined)).toBeUndefined();
    expect(readTranscriptionUsage({ type: 'duration', seconds: -1 })).toBeUndefined();
    expect(readTranscriptionUsage({ type: 'tokens', input_tokens: 5, output_tokens: 1 })).toBeUndefined();
    expect(readTranscriptionUsage({ type: 'minutes', minutes: 1 })).toBeUndefined();
  });
});
