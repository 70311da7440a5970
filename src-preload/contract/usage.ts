// Usage and cost: the tokens each response used (by modality, cached tokens apart), the price table they are
// priced with, totals for this turn, conversation, day and month, and the daily and monthly budgets.
//
// Money crosses the contract in two forms. Prices are US dollars per 1M tokens (OpenAI's unit) with at most
// three decimals, so that a cost is a whole number of nano-dollars (tokens × price × 1000): stored records
// and sums keep that integer (`costNanoUsd`) and are exact to the token. Totals shown to people also carry
// `costUsd`, the same amount divided once by 1e9.
import { z } from 'zod';
import { command, noRequest } from './define';

const tokens = z.number().int().nonnegative();
const count = z.number().int().nonnegative();
const nanoUsd = z.number().int().nonnegative();

/**
 * One response's tokens (or a sum of them). Input counts include the cached ones, as the server reports
 * them (`cached_tokens` is a subset of `input_tokens`); the cached counts say how many of those were cache
 * reads, priced at the cached rate.
 */
export const tokenCountsSchema = z.object({
  inputText: tokens,
  inputAudio: tokens,
  inputImage: tokens,
  cachedText: tokens,
  cachedAudio: tokens,
  cachedImage: tokens,
  outputText: tokens,
  outputAudio: tokens,
});
export type TokenCounts = z.infer<typeof tokenCountsSchema>;

/** USD per 1M tokens, to a thousandth of a dollar. */
export const pricePerMillionSchema = z
  .number()
  .min(0)
  .max(10_000)
  .refine((v) => Math.abs(v * 1000 - Math.round(v * 1000)) < 1e-6, 'at most three decimals');

/** A model's prices per 1M tokens. Image rates are optional: image tokens with no rate leave a cost unknown. */
export const modelPriceSchema = z
  .object({
    textIn: pricePerMillionSchema,
    textCachedIn: pricePerMillionSchema,
    textOut: pricePerMillionSchema,
    audioIn: pricePerMillionSchema,
    audioCachedIn: pricePerMillionSchema,
    audioOut: pricePerMillionSchema,
    imageIn: pricePerMillionSchema.optional(),
    imageCachedIn: pricePerMillionSchema.optional(),
  })
  .strict();
export type ModelPrice = z.infer<typeof modelPriceSchema>;

export const modelNameSchema = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9._:/-]+$/, 'letters, digits and . _ : / - only');

const limitUsd = z.number().positive().max(1_000_000).nullable();
/** null = no limit (the default). */
export const budgetsSchema = z.object({ dailyUsd: limitUsd, monthlyUsd: limitUsd }).strict();
export type Budgets = z.infer<typeof budgetsSchema>;

/** What the user set: prices that replace or add to the defaults, and the budgets. */
export const usageSettingsSchema = z
  .object({
    prices: z.record(modelNameSchema, modelPriceSchema),
    budgets: budgetsSchema,
  })
  .strict();
export type UsageSettings = z.infer<typeof usageSettingsSchema>;

export const priceEntrySchema = z.object({
  model: z.string(),
  price: modelPriceSchema,
  /** `default`: shipped with the app; `custom`: set by the user (replacing a default or for another model). */
  source: z.enum(['default', 'custom']),
});
export type PriceEntry = z.infer<typeof priceEntrySchema>;

export const priceTableSchema = z.object({
  entries: z.array(priceEntrySchema),
  /** When the default prices were taken, and from where. */
  defaultsTakenOn: z.string(),
  defaultsSource: z.string(),
  budgets: budgetsSchema,
});
export type PriceTable = z.infer<typeof priceTableSchema>;

/**
 * One priced thing, as stored with the conversation and in the month's ledger: a response, or the
 * transcription of a user turn. `tokens` null: the server's usage was missing or malformed (counted as
 * unknown). `costNanoUsd` null: no price for the model (or for a modality it used).
 */
export const usageRecordSchema = z.object({
  kind: z.enum(['response', 'transcription']),
  /** The response id, or the transcribed item's id. */
  id: z.string(),
  conversationId: z.string(),
  /** The user turn it belongs to, counted from 1 in its conversation. */
  turn: z.number().int().positive(),
  at: z.string(),
  model: z.string(),
  tokens: tokenCountsSchema.nullable(),
  /** Transcription billed by duration (whisper-1). */
  seconds: z.number().nonnegative().optional(),
  costNanoUsd: nanoUsd.nullable(),
});
export type UsageRecord = z.infer<typeof usageRecordSchema>;

export const usageTotalsSchema = z.object({
  responses: count,
  /** Responses whose usage was missing or malformed: their tokens and cost are not in the sums. */
  unknown: count,
  /** Records with tokens but no price: their tokens are in the sums, their cost is not. */
  unpriced: count,
  tokens: tokenCountsSchema,
  /** Transcriptions of the user's turns (their tokens are apart from `tokens`; their cost is in the cost). */
  transcription: z.object({ count, tokens: tokenCountsSchema, seconds: z.number().nonnegative() }),
  costNanoUsd: nanoUsd,
  costUsd: z.number().nonnegative(),
});
export type UsageTotals = z.infer<typeof usageTotalsSchema>;

export const budgetLimitStatusSchema = z.object({
  limitUsd: z.number().nullable(),
  spentUsd: z.number().nonnegative(),
  /** spent ÷ limit; null without a limit. */
  fraction: z.number().nonnegative().nullable(),
});

/**
 * `off`: no limit set. `ok`: under 80 %. `warning`: 80 % or more of a limit. `blocked`: a limit is reached
 * and no new response starts until it is raised or the user confirms (`confirmOverBudget`). `confirmed`:
 * over a limit, and the user chose to go on for the rest of that day or month.
 */
export const budgetStatusSchema = z.object({
  state: z.enum(['off', 'ok', 'warning', 'blocked', 'confirmed']),
  daily: budgetLimitStatusSchema,
  monthly: budgetLimitStatusSchema,
  message: z.string().optional(),
});
export type BudgetStatus = z.infer<typeof budgetStatusSchema>;

/** What the meter shows. */
export const usageSnapshotSchema = z.object({
  /** The model the session runs, and whether the table prices it (without a price: tokens, no cost). */
  model: z.string(),
  priced: z.boolean(),
  turn: usageTotalsSchema,
  conversation: usageTotalsSchema,
  today: usageTotalsSchema,
  month: usageTotalsSchema,
  /** The newest response; `truncated`: its input is smaller than the one before it, so the server dropped context. */
  last: z.object({ record: usageRecordSchema, inputTokens: tokens, truncated: z.boolean() }).optional(),
  budget: budgetStatusSchema,
});
export type UsageSnapshot = z.infer<typeof usageSnapshotSchema>;

export const usageCommands = {
  getUsage: command(noRequest, usageSnapshotSchema),
  getPriceTable: command(noRequest, priceTableSchema),
  /** Adds or replaces one model's prices (a custom entry). */
  setModelPrice: command(
    z.object({ model: modelNameSchema, price: modelPriceSchema }).strict(),
    priceTableSchema,
  ),
  /** Drops a custom entry: the model goes back to its default price, or to none. */
  resetModelPrice: command(z.object({ model: modelNameSchema }).strict(), priceTableSchema),
  setBudgets: command(budgetsSchema, priceTableSchema),
  /** Over a budget: go on anyway for the rest of that day or month. */
  confirmOverBudget: command(noRequest, usageSnapshotSchema),
};

export const usageEvents = {
  usageChanged: usageSnapshotSchema,
};

// ——— reading totals (the same words in the window, the tray, exports and the headless shell) ———

/** All input tokens (cached ones included): what drops when the server truncates the context. */
export const inputTokensOf = (t: TokenCounts): number => t.inputText + t.inputAudio + t.inputImage;
export const cachedTokensOf = (t: TokenCounts): number => t.cachedText + t.cachedAudio + t.cachedImage;
export const outputTokensOf = (t: TokenCounts): number => t.outputText + t.outputAudio;

/** "$12.40" and "$0.50" from ten cents up, "$0.042" from a cent, "$0.0039" below, "<$0.0001" below that. */
export function formatUsd(usd: number): string {
  if (usd === 0) return '$0.00';
  if (usd >= 0.1) return `$${usd.toFixed(2)}`;
  if (usd >= 0.01) return `$${usd.toFixed(3)}`;
  if (usd >= 0.0001) return `$${usd.toFixed(4)}`;
  return '<$0.0001';
}

/** The cost as shown: "$0.42", "$0.42+" when some records have no price or no usage, "no price" when none has. */
export function costText(totals: UsageTotals): string {
  const records = totals.responses + totals.transcription.count;
  const priced = records - totals.unpriced - totals.unknown;
  if (records === 0) return formatUsd(0);
  if (priced <= 0) return 'no price';
  return `${formatUsd(totals.costUsd)}${totals.unpriced + totals.unknown > 0 ? '+' : ''}`;
}
