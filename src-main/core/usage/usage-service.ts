// Usage and cost, live: each usage event of the engine becomes a priced record — kept with its conversation
// and in the month's ledger — and the totals for this turn, conversation, day and month are announced
// (`usageChanged`). The budgets are checked here, and a reached one closes the gate the engine asks before
// every response.create.
import { join } from 'node:path';
import {
  inputTokensOf,
  type Budgets,
  type ModelPrice,
  type Notice,
  type PriceTable,
  type UsageRecord,
  type UsageSnapshot,
} from '../../../src-preload/contract';
import type { EventBus } from '../ipc/event-bus';
import type { UsageEvent } from '../realtime/engine-types';
import type { StoreFactory } from '../storage/store-types';
import { createBudgetWatch } from './budget-watch';
import { costNanoUsd } from './cost';
import { DEFAULT_PRICES_SOURCE, DEFAULT_PRICES_TAKEN_ON } from './default-prices';
import { createLedger } from './ledger';
import { dayKey } from './periods';
import { priceEntries, priceFor } from './price-table';
import { readResponseUsage, readTranscriptionUsage } from './read-usage';
import type { LiveUsageFacts } from './link-usage';
import { addRecord, emptyTotals, totalsOf } from './totals';
import { openUsageSettings } from './usage-settings';

export interface UsageServiceOptions {
  storage: StoreFactory;
  /** The month ledgers live in `<directory>/usage/`. */
  historyDirectory: string;
  events: EventBus;
  notify: (notice: Notice) => void;
  /** The session now: its model (the server's name for it when known), transcription model, conversation. */
  live: () => LiveUsageFacts;
  /** Keeps a record with its conversation (the history file), for History and exports. */
  keepWithConversation?: (record: UsageRecord) => void;
  now?: () => Date;
  log?: (message: string, error?: unknown) => void;
}

const fresh = (id: string | undefined) => ({
  id,
  records: [] as UsageRecord[],
  turnsDone: 0,
  /**
   * Responses before this index ran on another context (another profile or server session): a smaller input
   * than theirs is that change, not a truncation.
   */
  comparableFrom: 0,
});

export function createUsageService(options: UsageServiceOptions) {
  const now = options.now ?? (() => new Date());
  const settings = openUsageSettings(options.storage, options.notify);
  const ledger = createLedger({ directory: join(options.historyDirectory, 'usage'), now, log: options.log });

  /**
   * The current conversation's records (a conversation lives within one run of the app). Read lazily: the
   * session is built after this service, which hands it the gate.
   */
  let conversation = fresh(undefined);
  const follow = () => {
    const id = options.live().conversationId;
    if (id !== conversation.id) conversation = fresh(id);
  };

  const spent = () => {
    const today = dayKey(now());
    let todayNano = 0;
    let monthNano = 0;
    for (const r of ledger.thisMonth()) {
      const cost = r.costNanoUsd ?? 0;
      monthNano += cost;
      if (dayKey(new Date(r.at)) === today) todayNano += cost;
    }
    return { todayNano, monthNano };
  };
  const budgets = createBudgetWatch({
    budgets: () => settings.get().budgets,
    spent,
    now,
    notify: options.notify,
  });

  // ——— totals ———
  const snapshot = (): UsageSnapshot => {
    follow();
    const date = now();
    const today = dayKey(date);
    const month = ledger.thisMonth();
    const responses = conversation.records.filter((r) => r.kind === 'response');
    const lastTurn = conversation.records.at(-1)?.turn;
    const last = responses.at(-1);
    const before = responses.length - 2 >= conversation.comparableFrom ? responses.at(-2) : undefined;
    const { model } = options.live();
    return {
      model,
      priced: priceFor(model, settings.get().prices) !== undefined,
      turn: totalsOf(conversation.records.filter((r) => r.turn === lastTurn)),
      conversation: totalsOf(conversation.records),
      today: totalsOf(month.filter((r) => dayKey(new Date(r.at)) === today)),
      month: totalsOf(month),
      ...(last?.tokens
        ? {
            last: {
              record: last,
              inputTokens: inputTokensOf(last.tokens),
              truncated: !!before?.tokens && inputTokensOf(last.tokens) < inputTokensOf(before.tokens),
            },
          }
        : {}),
      budget: budgets.status(),
    };
  };
  const announce = () => options.events.emit('usageChanged', snapshot());

  /** Everything since this service started (the headless shell's closing total). */
  let run = emptyTotals();
  const recordListeners = new Set<(record: UsageRecord) => void>();

  const keep = (record: UsageRecord) => {
    conversation.records.push(record);
    run = addRecord(run, record);
    ledger.append(record);
    try {
      options.keepWithConversation?.(record);
    } catch (error) {
      options.log?.('usage: could not keep a record with its conversation', error);
    }
    budgets.check();
    announce();
    for (const listener of [...recordListeners]) listener(record);
  };

  const priceOf = (model: string): ModelPrice | undefined => priceFor(model, settings.get().prices);

  /** Builds the record for a usage event of the engine. */
  const recordOf = (event: UsageEvent): UsageRecord => {
    follow();
    const live = options.live();
    const base = {
      conversationId: live.conversationId,
      turn: conversation.turnsDone + 1,
      at: now().toISOString(),
    };
    if (event.type === 'response.done') {
      const { model } = live;
      // Read as untrusted: a response.done without its response still counts, as unknown.
      const response = (event as { response?: { id?: unknown; usage?: unknown } }).response;
      const tokens = readResponseUsage(response?.usage);
      return {
        kind: 'response',
        id: typeof response?.id === 'string' ? response.id : '',
        ...base,
        model,
        tokens: tokens ?? null,
        costNanoUsd: tokens ? costNanoUsd(tokens, priceOf(model)) : null,
      };
    }
    const model = live.transcriptionModel ?? 'transcription';
    const usage = readTranscriptionUsage(event.usage);
    const tokens = usage && 'tokens' in usage ? usage.tokens : null;
    return {
      kind: 'transcription',
      id: typeof event.item_id === 'string' ? event.item_id : '',
      ...base,
      model,
      tokens,
      ...(usage && 'seconds' in usage ? { seconds: usage.seconds } : {}),
      costNanoUsd: tokens ? costNanoUsd(tokens, priceOf(model)) : null,
    };
  };

  const table = (): PriceTable => ({
    entries: priceEntries(settings.get().prices),
    defaultsTakenOn: DEFAULT_PRICES_TAKEN_ON,
    defaultsSource: DEFAULT_PRICES_SOURCE,
    budgets: settings.get().budgets,
  });
  /** Prices change no record already made (each kept the cost of its time); limits are checked afresh. */
  const changeSettings = (next: Parameters<typeof settings.update>[0], limits = false) => {
    settings.update(next);
    if (limits) budgets.limitsChanged();
    announce();
    return table();
  };

  // Said at start too: a restart over a budget already at 80 % or more tells the user again.
  budgets.check();

  return {
    gate: budgets.gate,
    /** The engine's usage events (its `onUsage`). Never throws: a usage it cannot read is counted as unknown. */
    record(event: UsageEvent): UsageRecord | undefined {
      try {
        const record = recordOf(event);
        keep(record);
        return record;
      } catch (error) {
        options.log?.('usage: could not record a usage event', error);
        return undefined;
      }
    },
    /** Each record as it is made; returns an unsubscribe. */
    onRecord(listener: (record: UsageRecord) => void): () => void {
      recordListeners.add(listener);
      return () => recordListeners.delete(listener);
    },
    runTotals: () => run,
    /** A user turn has its outcome: the next response belongs to the next turn. */
    turnDone(): void {
      follow();
      conversation.turnsDone++;
    },
    /** The conversation or the model changed: the meter follows. */
    refresh: announce,
    /**
     * The context changed for reasons of its own (another profile's instructions or tools, a new server
     * session replaying the conversation as text): the next response's input is not compared with earlier ones.
     */
    contextChanged(): void {
      follow();
      conversation.comparableFrom = conversation.records.filter((r) => r.kind === 'response').length;
    },
    snapshot,
    priceTable: table,
    setModelPrice(model: string, price: ModelPrice): PriceTable {
      const current = settings.get();
      return changeSettings({ ...current, prices: { ...current.prices, [model]: price } });
    },
    resetModelPrice(model: string): PriceTable {
      const current = settings.get();
      const { [model]: _dropped, ...prices } = current.prices;
      return changeSettings({ ...current, prices });
    },
    setBudgets(next: Budgets): PriceTable {
      return changeSettings({ ...settings.get(), budgets: next }, true);
    },
    confirmOverBudget(): UsageSnapshot {
      budgets.confirm();
      announce();
      return snapshot();
    },
    dispose(): void {
      budgets.dispose();
      recordListeners.clear();
    },
  };
}
export type UsageService = ReturnType<typeof createUsageService>;
