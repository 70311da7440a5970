// Costs exact to the token: every modality, cached and uncached, on every default model family; a property
// run checks that one more token of any kind adds exactly that kind's rate, in whole nano-dollars.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ModelPrice, TokenCounts } from '../../../src-preload/contract';
import { costNanoUsd, usdOf } from '../../../src-main/core/usage/cost';
import { DEFAULT_PRICES } from '../../../src-main/core/usage/default-prices';
import { priceFor } from '../../../src-main/core/usage/price-table';
import { zeroTokens } from '../../../src-main/core/usage/read-usage';

const tokens = (part: Partial<TokenCounts>): TokenCounts => ({ ...zeroTokens(), ...part });
const gptRealtime = DEFAULT_PRICES['gpt-realtime']!;
const mini = DEFAULT_PRICES['gpt-realtime-mini']!;

describe('one token of each kind costs its published rate (nano-dollars = $ per 1M × 1000)', () => {
  // [kind, tokens, gpt-realtime, gpt-realtime-2, gpt-realtime-mini]
  const cases: [string, Partial<TokenCounts>, number, number, number][] = [
    ['text in', { inputText: 1 }, 4_000, 4_000, 600],
    ['cached text in', { inputText: 1, cachedText: 1 }, 400, 400, 60],
    ['text out', { outputText: 1 }, 16_000, 24_000, 2_400],
    ['audio in', { inputAudio: 1 }, 32_000, 32_000, 10_000],
    ['cached audio in', { inputAudio: 1, cachedAudio: 1 }, 400, 400, 300],
    ['audio out', { outputAudio: 1 }, 64_000, 64_000, 20_000],
    ['image in', { inputImage: 1 }, 5_000, 5_000, 800],
    ['cached image in', { inputImage: 1, cachedImage: 1 }, 500, 500, 80],
  ];
  for (const [kind, part, realtime, realtime2, realtimeMini] of cases)
    it(kind, () => {
      expect(costNanoUsd(tokens(part), gptRealtime)).toBe(realtime);
      expect(costNanoUsd(tokens(part), DEFAULT_PRICES['gpt-realtime-1.5'])).toBe(realtime);
      expect(costNanoUsd(tokens(part), DEFAULT_PRICES['gpt-realtime-2'])).toBe(realtime2);
      expect(costNanoUsd(tokens(part), DEFAULT_PRICES['gpt-realtime-2.1'])).toBe(realtime2);
      expect(costNanoUsd(tokens(part), mini)).toBe(realtimeMini);
      expect(costNanoUsd(tokens(part), DEFAULT_PRICES['gpt-realtime-2.1-mini'])).toBe(realtimeMini);
    });
});

describe('a whole response', () => {
  it('a second turn on gpt-realtime: cached and fresh input apart, to the nano-dollar', () => {
    // 1,150 input (320 text of which 256 cached, 830 audio of which 768 cached), 45 text + 120 audio out.
    const t = tokens({
      inputText: 320,
      cachedText: 256,
      inputAudio: 830,
      cachedAudio: 768,
      outputText: 45,
      outputAudio: 120,
    });
    const expected =
      (320 - 256) * 4_000 + 256 * 400 + (830 - 768) * 32_000 + 768 * 400 + 45 * 16_000 + 120 * 64_000;
    expect(costNanoUsd(t, gptRealtime)).toBe(expected);
    // By hand: 256,000 + 102,400 + 1,984,000 + 307,200 + 720,000 + 7,680,000.
    expect(expected).toBe(11_049_600);
    expect(usdOf(expected)).toBe(0.0110496);
  });

  it('zero usage (a failed response) costs nothing, also for an unpriced model', () => {
    expect(costNanoUsd(zeroTokens(), gptRealtime)).toBe(0);
    expect(costNanoUsd(zeroTokens(), undefined)).toBeNull();
  });

  it('image tokens on a price without image rates: unknown, never a guess', () => {
    const { imageIn: _i, imageCachedIn: _c, ...noImage } = gptRealtime;
    expect(costNanoUsd(tokens({ inputImage: 10 }), noImage as ModelPrice)).toBeNull();
    expect(costNanoUsd(tokens({ inputText: 10 }), noImage as ModelPrice)).toBe(40_000);
  });

  it('one more token of any kind adds exactly its rate (property, 2,000 runs)', () => {
    const kinds = ['inputText', 'inputAudio', 'inputImage', 'outputText', 'outputAudio'] as const;
    const cachedOf = {
      inputText: 'cachedText',
      inputAudio: 'cachedAudio',
      inputImage: 'cachedImage',
    } as const;
    const rateOf: Record<string, keyof ModelPrice> = {
      inputText: 'textIn',
      inputAudio: 'audioIn',
      inputImage: 'imageIn',
      outputText: 'textOut',
      outputAudio: 'audioOut',
    };
    const count = fc.integer({ min: 0, max: 200_000 });
    const arb = fc.record({
      inputText: count,
      inputAudio: count,
      inputImage: count,
      outputText: count,
      outputAudio: count,
      share: fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })),
      kind: fc.constantFrom(...kinds),
      model: fc.constantFrom(...Object.keys(DEFAULT_PRICES)),
    });
    let runs = 0;
    fc.assert(
      fc.property(arb, (a) => {
        runs++;
        const price = DEFAULT_PRICES[a.model]!;
        const t = tokens({
          inputText: a.inputText,
          inputAudio: a.inputAudio,
          inputImage: a.inputImage,
          cachedText: Math.floor(a.inputText * a.share[0]),
          cachedAudio: Math.floor(a.inputAudio * a.share[1]),
          outputText: a.outputText,
          outputAudio: a.outputAudio,
        });
        const before = costNanoUsd(t, price)!;
        const after = costNanoUsd({ ...t, [a.kind]: t[a.kind] + 1 }, price)!;
        expect(Number.isSafeInteger(before)).toBe(true);
        expect(after - before).toBe(Math.round((price[rateOf[a.kind]!] as number) * 1000));
        // …and a cache hit of an input token moves it from the fresh rate to the cached one.
        if (a.kind in cachedOf && t[a.kind] > t[cachedOf[a.kind as keyof typeof cachedOf]]) {
          const key = cachedOf[a.kind as keyof typeof cachedOf];
          const hit = costNanoUsd({ ...t, [key]: t[key] + 1 }, price);
          const fresh = { inputText: 'textIn', inputAudio: 'audioIn', inputImage: 'imageIn' } as const;
          const cached = {
            inputText: 'textCachedIn',
            inputAudio: 'audioCachedIn',
            inputImage: 'imageCachedIn',
          };
          const k = a.kind as keyof typeof fresh;
          expect(before - hit!).toBe(
            Math.round(price[fresh[k]]! * 1000) -
              Math.round((price[cached[k] as keyof ModelPrice] as number) * 1000),
          );
        }
      }),
      { numRuns: 2_000, seed: 15 },
    );
    console.log(`fuzz usage cost: ${runs} token sets, 0 failures`);
  });
});

describe('which price a model gets', () => {
  it('a dated snapshot takes its model’s price; a custom entry wins; an unknown model has none', () => {
    expect(priceFor('gpt-realtime-2025-08-28', {})).toBe(gptRealtime);
    expect(priceFor('gpt-realtime-mini-2025-10-06', {})).toBe(mini);
    const custom = { ...gptRealtime, audioOut: 50 };
    expect(priceFor('gpt-realtime', { 'gpt-realtime': custom })).toBe(custom);
    expect(priceFor('gpt-realtime-2025-08-28', { 'gpt-realtime': custom })).toBe(custom);
    expect(priceFor('my-local-model', {})).toBeUndefined();
    expect(priceFor('toString', {})).toBeUndefined();
  });
});
