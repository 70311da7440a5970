// The prices the app ships with: OpenAI's published prices per 1M tokens for the Realtime models, as recorded
// in the project's design notes (README "Usage and cost" names the source and the date). Users change them,
// or add other models, in Settings; a model that is in neither table shows its tokens and no cost.
import type { ModelPrice } from '../../../src-preload/contract';

export const DEFAULT_PRICES_TAKEN_ON = '2026-12-05';
export const DEFAULT_PRICES_SOURCE =
  "OpenAI's published Realtime prices per 1M tokens (openai.com/api/pricing), as recorded in the project's design notes";

// gpt-realtime and its successors share audio and input rates; text output went from $16 to $24 with -2.
const realtime: ModelPrice = {
  textIn: 4,
  textCachedIn: 0.4,
  textOut: 16,
  audioIn: 32,
  audioCachedIn: 0.4,
  audioOut: 64,
  imageIn: 5,
  imageCachedIn: 0.5,
};
const realtime2: ModelPrice = { ...realtime, textOut: 24 };
const mini: ModelPrice = {
  textIn: 0.6,
  textCachedIn: 0.06,
  textOut: 2.4,
  audioIn: 10,
  audioCachedIn: 0.3,
  audioOut: 20,
  imageIn: 0.8,
  imageCachedIn: 0.08,
};

export const DEFAULT_PRICES: Readonly<Record<string, ModelPrice>> = {
  'gpt-realtime': realtime,
  'gpt-realtime-1.5': realtime,
  'gpt-realtime-2': realtime2,
  'gpt-realtime-2.1': realtime2,
  'gpt-realtime-mini': mini,
  'gpt-realtime-2.1-mini': mini,
};
