// Prices tokens exactly. n tokens at p dollars per 1M tokens cost n × p / 1e6 dollars, which is n × (p × 1000)
// nano-dollars: a whole number, since prices have at most three decimals. Sums of whole nano-dollars stay
// exact far beyond any bill (2^53 nano-dollars is $9 million), where sums of fractional dollars would drift.
import type { ModelPrice, TokenCounts } from '../../../src-preload/contract';

/** Nano-dollars per token for a price in dollars per 1M tokens. */
const rate = (perMillion: number): number => Math.round(perMillion * 1000);

/** Each count with the rate it is billed at; cached tokens are part of the input counts. */
function lines(tokens: TokenCounts, price: ModelPrice): [number, number | undefined][] {
  return [
    [tokens.inputText - tokens.cachedText, price.textIn],
    [tokens.cachedText, price.textCachedIn],
    [tokens.inputAudio - tokens.cachedAudio, price.audioIn],
    [tokens.cachedAudio, price.audioCachedIn],
    [tokens.inputImage - tokens.cachedImage, price.imageIn],
    [tokens.cachedImage, price.imageCachedIn],
    [tokens.outputText, price.textOut],
    [tokens.outputAudio, price.audioOut],
  ];
}

/**
 * The cost in nano-dollars; null when the model has no price, or a modality it used has no rate (image
 * tokens on a model whose price lists no image rate): never a guessed amount.
 */
export function costNanoUsd(tokens: TokenCounts, price: ModelPrice | undefined): number | null {
  if (!price) return null;
  let sum = 0;
  for (const [count, perMillion] of lines(tokens, price)) {
    if (count === 0) continue;
    if (perMillion === undefined) return null;
    sum += count * rate(perMillion);
  }
  return sum;
}

/** Dollars from nano-dollars: one division, so 39488000 → 0.039488 prints as written. */
export const usdOf = (nano: number): number => nano / 1e9;
