// The tray tooltip's usage line: decided in core (the shell renders the tooltip it is given), fed by
// usageChanged and caught up with getUsage; absent when nothing was spent and no budget is set.
import { describe, expect, it } from 'vitest';
import { createEventBus } from '../../../src-main/core/ipc/event-bus';
import { createTrayController } from '../../../src-main/core/tray/tray-controller';
import type { TrayModel } from '../../../src-main/core/tray/tray-model';
import { trayUsageLine } from '../../../src-main/core/usage/describe';
import { emptyTotals } from '../../../src-main/core/usage/totals';
import type { UsageSnapshot, UsageTotals } from '../../../src-preload/contract';

const spent = (usd: number, responses = 1): UsageTotals => ({
  ...emptyTotals(),
  responses,
  costNanoUsd: Math.round(usd * 1e9),
  costUsd: usd,
});
const off = { limitUsd: null, spentUsd: 0, fraction: null };
const snapshot = (over: Partial<UsageSnapshot> = {}): UsageSnapshot => ({
  model: 'gpt-realtime',
  priced: true,
  turn: emptyTotals(),
  conversation: emptyTotals(),
  today: emptyTotals(),
  month: emptyTotals(),
  budget: { state: 'off', daily: off, monthly: off },
  ...over,
});

describe('the tray’s usage line', () => {
  it('today and this month, and the budget when it matters', () => {
    expect(trayUsageLine(snapshot())).toBeUndefined();
    const used = snapshot({ today: spent(0.042), month: spent(3.1, 40) });
    expect(trayUsageLine(used)).toBe('Today $0.042 · this month $3.10');
    expect(trayUsageLine({ ...used, budget: { ...used.budget, state: 'blocked' } })).toBe(
      'Today $0.042 · this month $3.10 — budget reached, answers paused',
    );
    const unpriced = {
      ...emptyTotals(),
      responses: 2,
      unpriced: 2,
      tokens: { ...emptyTotals().tokens, inputAudio: 1_200 },
    };
    expect(trayUsageLine(snapshot({ today: unpriced, month: unpriced }))).toBe(
      'Today 1,200 tokens in · this month 1,200 tokens in',
    );
  });

  it('the controller puts it under the status in the tooltip as usage changes', async () => {
    const events = createEventBus();
    const models: TrayModel[] = [];
    const dispatch = async (name: string) =>
      name === 'getUsage'
        ? { ok: true as const, value: snapshot({ today: spent(0.5), month: spent(2) }) }
        : { ok: false as const, error: { code: 'unavailable' as const, message: 'not here' } };
    const tray = createTrayController({
      events,
      dispatcher: { dispatch } as never,
      render: (model) => void models.push(model),
      shellAction: () => {},
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(models.at(-1)?.tooltip).toBe('Voice Assistant — Not connected\nToday $0.50 · this month $2.00');
    events.emit('usageChanged', snapshot({ today: spent(0.75), month: spent(2.25) }));
    expect(models.at(-1)?.tooltip).toBe('Voice Assistant — Not connected\nToday $0.75 · this month $2.25');
    tray.dispose();
  });
});
