// Usage and cost in the window, against a scripted core: the meter by the status and its breakdown (with
// "Continue anyway" when a budget has paused the answers), the budgets and prices in Settings, the profile
// editor's context controls (truncation, max output tokens) as a minimal patch, and the cost in History.
import './support/dom';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type {
  PriceTable,
  Profile,
  ProfilesState,
  UsageSnapshot,
  UsageTotals,
} from '../../src-preload/contract';
import { App } from '../../src-renderer/src/App';
import { fakeCore } from './support/fake-core';
import { profilesState, settings } from './support/fixtures';

const zero = {
  inputText: 0,
  inputAudio: 0,
  inputImage: 0,
  cachedText: 0,
  cachedAudio: 0,
  cachedImage: 0,
  outputText: 0,
  outputAudio: 0,
};
const totals = (usd: number, over: Partial<UsageTotals> = {}): UsageTotals => ({
  responses: 1,
  unknown: 0,
  unpriced: 0,
  tokens: { ...zero, inputText: 300, cachedText: 256, inputAudio: 120, outputAudio: 90 },
  transcription: { count: 0, tokens: zero, seconds: 0 },
  costNanoUsd: Math.round(usd * 1e9),
  costUsd: usd,
  ...over,
});
const limit = (limitUsd: number | null, spentUsd: number) => ({
  limitUsd,
  spentUsd,
  fraction: limitUsd === null ? null : spentUsd / limitUsd,
});
const snapshot = (over: Partial<UsageSnapshot> = {}): UsageSnapshot => ({
  model: 'gpt-realtime',
  priced: true,
  turn: totals(0.0072),
  conversation: totals(0.042, { responses: 4 }),
  today: totals(0.5, { responses: 20 }),
  month: totals(5, { responses: 200 }),
  budget: { state: 'off', daily: limit(null, 0.5), monthly: limit(null, 5) },
  ...over,
});
const table: PriceTable = {
  entries: [
    {
      model: 'gpt-realtime',
      source: 'default',
      price: { textIn: 4, textCachedIn: 0.4, textOut: 16, audioIn: 32, audioCachedIn: 0.4, audioOut: 64 },
    },
  ],
  defaultsTakenOn: '2026-12-05',
  defaultsSource: 'OpenAI',
  budgets: { dailyUsd: null, monthlyUsd: null },
};

function setup(usage = snapshot()) {
  let state: ProfilesState = structuredClone(profilesState);
  const core = fakeCore({
    getSettings: () => settings,
    listProfiles: () => state,
    getUsage: () => usage,
    getPriceTable: () => table,
    setBudgets: (budgets) => ({ ...table, budgets }),
    setModelPrice: ({ model, price }) => ({
      ...table,
      entries: [...table.entries, { model, price, source: 'custom' as const }],
    }),
    confirmOverBudget: () => snapshot({ budget: { ...usage.budget, state: 'confirmed' } }),
    updateProfile: ({ id, patch }) => {
      const before = state.profiles.find((p) => p.id === id)!;
      const after = { ...before, session: { ...before.session, ...patch.session } } as Profile;
      state = { ...state, profiles: state.profiles.map((p) => (p.id === id ? after : p)) };
      return after;
    },
  });
  render(<App client={core.client} />);
  return core;
}

describe('the usage meter', () => {
  it('shows this turn and the conversation; a click opens the breakdown by modality', async () => {
    setup();
    const user = userEvent.setup();
    const meter = await screen.findByTestId('usage-meter');
    expect(meter.textContent).toContain('$0.0072 · $0.042');
    await user.click(meter);
    const breakdown = screen.getByRole('region', { name: 'Usage breakdown' });
    const month = within(breakdown).getByRole('row', { name: /This month/ });
    expect(month.textContent).toContain('300 (256)');
    expect(month.textContent).toContain('$5.00');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('region', { name: 'Usage breakdown' })).toBeNull();
  });

  it('a model without a price shows tokens, and says so', async () => {
    setup(
      snapshot({
        priced: false,
        model: 'my-model',
        turn: totals(0, { unpriced: 1 }),
        conversation: totals(0, { unpriced: 1 }),
      }),
    );
    const user = userEvent.setup();
    const meter = await screen.findByTestId('usage-meter');
    expect(meter.textContent).toContain('420 tok');
    await user.click(meter);
    expect(screen.getByText(/my-model has no price/)).toBeTruthy();
  });

  it('a reached budget: the meter says paused; Continue anyway confirms', async () => {
    const core = setup(
      snapshot({
        budget: {
          state: 'blocked',
          daily: limit(0.5, 0.5),
          monthly: limit(null, 5),
          message:
            'Daily budget: $0.50 of $0.50 spent today. No new answer starts until you raise the limit or continue anyway.',
        },
      }),
    );
    const user = userEvent.setup();
    const meter = await screen.findByTestId('usage-meter');
    expect(meter.textContent).toContain('paused');
    await user.click(meter);
    await user.click(screen.getByRole('button', { name: 'Continue anyway' }));
    expect(core.callsOf('confirmOverBudget')).toHaveLength(1);
    expect((await screen.findByTestId('usage-meter')).textContent).not.toContain('paused');
  });

  it('shows when the server truncated the context', async () => {
    const record = {
      kind: 'response' as const,
      id: 'resp_9',
      conversationId: 'c1',
      turn: 9,
      at: '2026-12-05T10:00:00.000Z',
      model: 'gpt-realtime',
      tokens: { ...zero, inputText: 900, cachedText: 128 },
      costNanoUsd: 3_331_200,
    };
    setup(snapshot({ last: { record, inputTokens: 900, truncated: true } }));
    const user = userEvent.setup();
    await user.click(await screen.findByTestId('usage-meter'));
    expect(screen.getByTestId('usage-last').textContent).toMatch(/900 input tokens.*truncated the context/);
  });
});

describe('usage settings', () => {
  it('budgets and a new model’s prices, each one contract call', async () => {
    const core = setup();
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Settings' }));
    const section = await screen.findByRole('group', { name: 'Usage and cost' });
    await user.type(within(section).getByLabelText('Daily budget'), '5{Enter}');
    expect(core.callsOf('setBudgets')).toEqual([{ dailyUsd: 5, monthlyUsd: null }]);
    expect(within(section).getByText(/Defaults taken 2026-12-05/)).toBeTruthy();

    await user.click(within(section).getByRole('button', { name: 'Add a model' }));
    await user.type(within(section).getByLabelText('Model'), 'my-model');
    for (const [label, value] of [
      ['Text in ($ / 1M)', '1'],
      ['Cached text in ($ / 1M)', '0.1'],
      ['Text out ($ / 1M)', '2'],
      ['Audio in ($ / 1M)', '3'],
      ['Cached audio in ($ / 1M)', '0.3'],
      ['Audio out ($ / 1M)', '6'],
    ])
      await user.type(within(section).getByLabelText(label!), value!);
    await user.click(within(section).getByRole('button', { name: 'Save prices' }));
    expect(core.callsOf('setModelPrice')).toEqual([
      {
        model: 'my-model',
        price: { textIn: 1, textCachedIn: 0.1, textOut: 2, audioIn: 3, audioCachedIn: 0.3, audioOut: 6 },
      },
    ]);
    await screen.findByText(/\(yours\)/);
    console.log(
      within(section)
        .getAllByRole('row')
        .map((r) => r.textContent),
    );
  });
});

describe('context controls in the profile editor', () => {
  it('truncation with a retention ratio and a token limit, and max output tokens, saved as one patch', async () => {
    const core = setup();
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Profiles' }));
    await screen.findByRole('form', { name: 'Edit profile Assistant' });
    expect(screen.getByTestId('truncation-effect').textContent).toMatch(/server uses its default, auto/);
    await user.selectOptions(screen.getByLabelText('Truncation'), 'retention_ratio');
    expect(screen.getByTestId('truncation-effect').textContent).toMatch(/drops down to this fraction/);
    const ratio = screen.getByLabelText('Retention ratio');
    await user.clear(ratio);
    await user.type(ratio, '1.5');
    expect(ratio.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByRole('alert').textContent).toMatch(/too big/i);
    await user.clear(ratio);
    await user.type(ratio, '0.5');
    await user.type(screen.getByLabelText('Token limit after instructions'), '2000');
    await user.type(screen.getByLabelText('Max output tokens'), '800');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    // (The editor also fills in the fixture's audio defaults; the context fields are what this test is about.)
    const [call] = core.callsOf('updateProfile') as { patch: { session: Record<string, unknown> } }[];
    expect(call?.patch.session).toMatchObject({
      truncation: {
        type: 'retention_ratio',
        retention_ratio: 0.5,
        token_limits: { post_instructions: 2000 },
      },
      max_output_tokens: 800,
    });
  });
});
