// The headless shell's usage lines: one per response (`usage`), one per transcription
// (`usage.transcription`), and the run's total before it exits (`usage.total`). Token details use the API's
// own names, so a line reads like the `usage` the server sent; `cost_usd` is null where no price is known.
import {
  cachedTokensOf,
  costText,
  inputTokensOf,
  outputTokensOf,
  type TokenCounts,
  type UsageRecord,
  type UsageTotals,
} from '../../../src-preload/contract';
import { usdOf } from '../../core/usage/cost';

function tokenFields(t: TokenCounts) {
  const cached = cachedTokensOf(t);
  return {
    input_tokens: inputTokensOf(t),
    output_tokens: outputTokensOf(t),
    cached_tokens: cached,
    input_token_details: {
      text_tokens: t.inputText,
      audio_tokens: t.inputAudio,
      image_tokens: t.inputImage,
      cached_tokens: cached,
      cached_tokens_details: {
        text_tokens: t.cachedText,
        audio_tokens: t.cachedAudio,
        image_tokens: t.cachedImage,
      },
    },
    output_token_details: { text_tokens: t.outputText, audio_tokens: t.outputAudio },
  };
}

const unknownTokens = { input_tokens: null, output_tokens: null, cached_tokens: null, unknown: true };

export function usageLine(record: UsageRecord): Record<string, unknown> {
  const cost = record.costNanoUsd === null ? null : usdOf(record.costNanoUsd);
  if (record.kind === 'transcription')
    return {
      type: 'usage.transcription',
      turn: record.turn,
      item_id: record.id,
      model: record.model,
      ...(record.tokens ? tokenFields(record.tokens) : {}),
      ...(record.seconds !== undefined ? { seconds: record.seconds } : {}),
      cost_usd: cost,
    };
  return {
    type: 'usage',
    turn: record.turn,
    response_id: record.id,
    model: record.model,
    ...(record.tokens ? tokenFields(record.tokens) : unknownTokens),
    cost_usd: cost,
  };
}

/** `cost_usd` sums what was priced; null when nothing was (an unknown model), with the counts beside it. */
export function usageTotalLine(totals: UsageTotals): Record<string, unknown> {
  return {
    type: 'usage.total',
    responses: totals.responses,
    unknown: totals.unknown,
    unpriced: totals.unpriced,
    ...tokenFields(totals.tokens),
    transcription: {
      count: totals.transcription.count,
      input_tokens: totals.transcription.tokens.inputText + totals.transcription.tokens.inputAudio,
      output_tokens: totals.transcription.tokens.outputText,
      seconds: totals.transcription.seconds,
    },
    cost_usd: costText(totals) === 'no price' ? null : usdOf(totals.costNanoUsd),
  };
}
