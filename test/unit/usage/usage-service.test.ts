// The usage service over real files: records priced and totalled per turn, conversation, day and month;
// budgets that warn at 80 % and close the gate at 100 % until raised or confirmed; a restart mid-month that
// starts from the month's real total; an unknown model; usage that is missing or malformed.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { UsageEvent } from '../../../src-main/core/realtime/engine-types';
import { confStoreFactory } from '../../../src-main/core/storage/conf-store';
import { createUsageService, type UsageService } from '../../../src-main/core/usage/usage-service';
import type { UsageSnapshot } from '../../../src-preload/contract';
import { recordingBus } from '../../support/core-harness';

const dirs: string[] = [];
const services: UsageService[] = [];
afterEach(() => {
  for (const s of services.splice(0)) s.dispose();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A response.done whose usage is `usage` as given (the real shape when built with `usage()`). */
const done = (id: string, usage: unknown, status = 'completed'): UsageEvent =>
  ({ type: 'response.done', event_id: `e_${id}`, response: { id, status, usage } }) as UsageEvent;

const usage = (t: {
  text?: number;
  audio?: number;
  cachedText?: number;
  cachedAudio?: number;
  outText?: number;
  outAudio?: number;
}) => {
  const text = t.text ?? 0;
  const audio = t.audio ?? 0;
  const cachedText = t.cachedText ?? 0;
  const cachedAudio = t.cachedAudio ?? 0;
  return {
    total_tokens: text + audio + (t.outText ?? 0) + (t.outAudio ?? 0),
    input_tokens: text + audio,
    output_tokens: (t.outText ?? 0) + (t.outAudio ?? 0),
    input_token_details: {
      text_tokens: text,
      audio_tokens: audio,
      image_tokens: 0,
      cached_tokens: cachedText + cachedAudio,
      cached_tokens_details: { text_tokens: cachedText, audio_tokens: cachedAudio, image_tokens: 0 },
    },
    output_token_details: { text_tokens: t.outText ?? 0, audio_tokens: t.outAudio ?? 0 },
  };
};

function setup(
  options: { dir?: string; model?: string; now?: () => Date; conversationId?: () => string } = {},
) {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'usage-'));
  if (!options.dir) dirs.push(dir);
  const bus = recordingBus();
  const live = { model: options.model ?? 'gpt-realtime', conversation: 'conv_1' };
  const kept: unknown[] = [];
  const service = createUsageService({
    storage: confStoreFactory(dir),
    historyDirectory: join(dir, 'history'),
    events: bus.events,
    notify: bus.notify,
    live: () => ({
      model: live.model,
      transcriptionModel: 'gpt-4o-transcribe',
      conversationId: options.conversationId?.() ?? live.conversation,
    }),
    keepWithConversation: (record) => kept.push(record),
    now: options.now,
  });
  services.push(service);
  const last = () => bus.named('usageChanged').at(-1)?.payload as UsageSnapshot;
  return { dir, bus, live, kept, service, last };
}

describe('records and totals', () => {
  it('prices each response and sums the turn, the conversation, today and the month', () => {
    const { service, last, kept } = setup();
    // Turn 1: a tool call and the answer after it; turn 2: one answer, with cache reads.
    service.record(done('resp_1', usage({ text: 500, audio: 100, outText: 20 })));
    service.record(
      done('resp_2', usage({ text: 540, audio: 100, cachedText: 512, outText: 10, outAudio: 200 })),
    );
    service.turnDone();
    service.record(
      done('resp_3', usage({ text: 560, audio: 410, cachedText: 512, cachedAudio: 64, outAudio: 150 })),
    );

    const s = last();
    // resp_1: 500×4,000 + 100×32,000 + 20×16,000 = 5,520,000
    // resp_2: 28×4,000 + 512×400 + 100×32,000 + 10×16,000 + 200×64,000 = 16,476,800
    // resp_3: 48×4,000 + 512×400 + 346×32,000 + 64×400 + 150×64,000 = 21,094,400
    expect(s.conversation.costNanoUsd).toBe(5_520_000 + 16_476_800 + 21_094_400);
    expect(s.conversation.costUsd).toBe(0.0430912);
    expect(s.turn.costNanoUsd).toBe(21_094_400);
    expect(s.turn.responses).toBe(1);
    expect(s.today.costNanoUsd).toBe(s.conversation.costNanoUsd);
    expect(s.month.responses).toBe(3);
    expect(s.conversation.tokens).toMatchObject({
      inputText: 1_600,
      cachedText: 1_024,
      cachedAudio: 64,
      outputAudio: 350,
    });
    expect(s.priced).toBe(true);
    expect(kept.map((r) => (r as { turn: number }).turn)).toEqual([1, 1, 2]);
  });

  it('shows when the server truncated: the input tokens drop', () => {
    const { service, last } = setup();
    service.record(done('resp_1', usage({ text: 3_000, audio: 900 })));
    expect(last().last?.truncated).toBe(false);
    service.record(done('resp_2', usage({ text: 1_200, audio: 500, cachedText: 1_024 })));
    expect(last().last).toMatchObject({ inputTokens: 1_700, truncated: true });
  });

  it('a smaller input after the context changed (another profile, a new session) is not a truncation', () => {
    const { service, last } = setup();
    service.record(done('resp_1', usage({ text: 3_000, audio: 900 })));
    service.contextChanged();
    service.record(done('resp_2', usage({ text: 200, audio: 900 })));
    expect(last().last).toMatchObject({ inputTokens: 1_100, truncated: false });
    service.record(done('resp_3', usage({ text: 150, audio: 900 })));
    expect(last().last?.truncated).toBe(true);
  });

  it('a transcription is counted with its own model and price (none here: gpt-4o-transcribe is not in the table)', () => {
    const { service, last } = setup();
    service.record({
      type: 'conversation.item.input_audio_transcription.completed',
      item_id: 'item_1',
      content_index: 0,
      transcript: 'hello',
      event_id: 'e',
      usage: {
        type: 'tokens',
        total_tokens: 30,
        input_tokens: 26,
        input_token_details: { text_tokens: 0, audio_tokens: 26 },
        output_tokens: 4,
      },
    } as UsageEvent);
    const s = last();
    expect(s.conversation.transcription).toMatchObject({
      count: 1,
      tokens: { inputAudio: 26, outputText: 4 },
    });
    expect(s.conversation.unpriced).toBe(1);
    service.setModelPrice('gpt-4o-transcribe', {
      textIn: 2.5,
      textCachedIn: 2.5,
      textOut: 10,
      audioIn: 6,
      audioCachedIn: 6,
      audioOut: 0,
    });
    const priced = service.record({
      type: 'conversation.item.input_audio_transcription.completed',
      item_id: 'item_2',
      content_index: 0,
      transcript: 'again',
      event_id: 'e2',
      usage: {
        type: 'tokens',
        total_tokens: 30,
        input_tokens: 26,
        input_token_details: { text_tokens: 0, audio_tokens: 26 },
        output_tokens: 4,
      },
    } as UsageEvent);
    expect(priced?.costNanoUsd).toBe(26 * 6_000 + 4 * 10_000);
  });
});

describe('an unknown model, and usage that cannot be read', () => {
  it('a model without a price: tokens counted, no cost, never a guessed one', () => {
    const { service, last } = setup({ model: 'my-own-realtime' });
    service.record(done('resp_1', usage({ text: 100, outAudio: 50 })));
    const s = last();
    expect(s.priced).toBe(false);
    expect(s.conversation).toMatchObject({ responses: 1, unpriced: 1, costNanoUsd: 0 });
    expect(s.conversation.tokens.outputAudio).toBe(50);
    expect(s.last?.record.costNanoUsd).toBeNull();
  });

  it('missing or malformed usage is counted as unknown; nothing throws', () => {
    const { service, last } = setup();
    expect(() => service.record(done('resp_1', undefined))).not.toThrow();
    service.record(done('resp_2', { input_tokens: 'many' }));
    service.record(done('resp_3', usage({ text: 10 })));
    // Not even an event the service expects: still no throw.
    expect(service.record({ type: 'response.done' } as unknown as UsageEvent)).toBeDefined();
    const s = last();
    expect(s.conversation).toMatchObject({ responses: 4, unknown: 3, costNanoUsd: 40_000 });
  });

  it('a failed response (zero usage) is a response that cost nothing', () => {
    const { service, last } = setup();
    service.record(done('resp_1', { total_tokens: 0, input_tokens: 0, output_tokens: 0 }, 'failed'));
    expect(last().conversation).toMatchObject({ responses: 1, unknown: 0, unpriced: 0, costNanoUsd: 0 });
  });
});

describe('budgets', () => {
  it('off by default; a notice once at 80 %; at 100 % the gate refuses until the limit is raised', () => {
    const { service, bus, last } = setup();
    expect(service.snapshot().budget.state).toBe('off');
    service.setBudgets({ dailyUsd: 0.01, monthlyUsd: null });
    const opened: number[] = [];
    service.gate.onOpen(() => opened.push(1));

    service.record(done('resp_1', usage({ outAudio: 125 }))); // $0.008 = 80 %
    expect(last().budget.state).toBe('warning');
    expect(bus.notices.map((n) => n.message)).toEqual(['You have used 80 % of your daily budget of $0.010.']);
    expect(service.gate.refusal()).toBeUndefined();
    service.record(done('resp_2', usage({ outText: 1 }))); // still 80 %: no second notice
    expect(bus.notices).toHaveLength(1);

    service.record(done('resp_3', usage({ outAudio: 31 }))); // $0.008016 + $0.001984 = $0.01 exactly
    expect(last().budget.state).toBe('blocked');
    expect(service.gate.refusal()).toMatch(
      /^Daily budget: \$0\.010 of \$0\.010 spent today\. No new answer starts/,
    );
    expect(bus.notices.at(-1)?.message).toBe('You have reached your daily budget of $0.010.');
    expect(opened).toEqual([]);

    service.setBudgets({ dailyUsd: 0.02, monthlyUsd: null });
    expect(service.gate.refusal()).toBeUndefined();
    expect(opened).toEqual([1]);
  });

  it('at 100 %, one confirmation lets answers go on for the rest of the day', () => {
    const { service } = setup();
    service.setBudgets({ dailyUsd: 0.001, monthlyUsd: 1 });
    let opened = 0;
    service.gate.onOpen(() => opened++);
    service.record(done('resp_1', usage({ outAudio: 100 }))); // $0.0064
    expect(service.gate.refusal()).toBeDefined();
    const after = service.confirmOverBudget();
    expect(after.budget.state).toBe('confirmed');
    expect(service.gate.refusal()).toBeUndefined();
    expect(opened).toBe(1);
    service.record(done('resp_2', usage({ outAudio: 100 })));
    expect(service.gate.refusal()).toBeUndefined();
  });

  it('a response held by the daily limit goes just after midnight', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      let clock = new Date(2026, 11, 5, 23, 59, 30);
      const { service } = setup({ now: () => clock });
      service.setBudgets({ dailyUsd: 0.001, monthlyUsd: null });
      let opened = 0;
      service.gate.onOpen(() => opened++);
      service.record(done('resp_1', usage({ outAudio: 100 })));
      expect(service.gate.refusal()).toBeDefined();
      clock = new Date(2026, 11, 6, 0, 0, 2);
      vi.advanceTimersByTime(31_000);
      expect(opened).toBe(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('a daily limit reached yesterday does not block today', () => {
    let clock = new Date(2026, 11, 5, 23, 0);
    const { service } = setup({ now: () => clock });
    service.setBudgets({ dailyUsd: 0.001, monthlyUsd: null });
    service.record(done('resp_1', usage({ outAudio: 100 })));
    expect(service.gate.refusal()).toBeDefined();
    clock = new Date(2026, 11, 6, 0, 5);
    expect(service.gate.refusal()).toBeUndefined();
    expect(service.snapshot().today.responses).toBe(0);
    expect(service.snapshot().month.responses).toBe(1);
  });
});

describe('a restart mid-month', () => {
  it('the month and the day start from what the ledger holds; another month is not counted', () => {
    let clock = new Date(2026, 10, 30, 12, 0); // 30 November
    const first = setup({ now: () => clock });
    first.service.record(done('resp_nov', usage({ outAudio: 1_000 }))); // $0.064, November
    clock = new Date(2026, 11, 3, 9, 0); // 3 December
    first.service.record(done('resp_dec3', usage({ outAudio: 500 }))); // $0.032
    clock = new Date(2026, 11, 5, 10, 0); // 5 December
    first.service.record(done('resp_dec5', usage({ outAudio: 250 }))); // $0.016
    first.service.setBudgets({ dailyUsd: null, monthlyUsd: 0.05 });
    first.service.dispose();

    // The app starts again later the same day: a fresh service over the same files.
    clock = new Date(2026, 11, 5, 18, 0);
    const second = setup({ dir: first.dir, now: () => clock, conversationId: () => 'conv_2' });
    const s = second.service.snapshot();
    expect(s.month.costNanoUsd).toBe(48_000_000);
    expect(s.month.responses).toBe(2);
    expect(s.today.costNanoUsd).toBe(16_000_000);
    expect(s.conversation.responses).toBe(0);
    // The budget set before the restart holds, and 96 % of it is spent.
    expect(s.budget.state).toBe('warning');
    expect(s.budget.monthly.fraction).toBeCloseTo(0.96, 10);
    second.service.record(done('resp_dec5b', usage({ outAudio: 32 }))); // + $0.002048 → over $0.05
    expect(second.service.gate.refusal()).toMatch(/^Monthly budget/);
    const ledger = readFileSync(join(first.dir, 'history', 'usage', '2026-12.jsonl'), 'utf8')
      .trim()
      .split('\n');
    expect(ledger).toHaveLength(3);
  });

  it('a torn last line in the ledger (a killed process) is skipped', async () => {
    const clock = new Date(2026, 11, 5, 12, 0);
    const first = setup({ now: () => clock });
    first.service.record(done('resp_1', usage({ outAudio: 10 })));
    first.service.dispose();
    const { appendFileSync } = await import('node:fs');
    appendFileSync(
      join(first.dir, 'history', 'usage', '2026-12.jsonl'),
      '{"kind":"response","id":"resp_2","conv',
    );
    const second = setup({ dir: first.dir, now: () => clock });
    expect(second.service.snapshot().month.responses).toBe(1);
  });
});
