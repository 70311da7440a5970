// The window asks for the realtime log only while its panel is open, and keeps what it is sent bounded:
// the log by count and by size (an oversized event is kept as a stub), notices by count and length.
import './support/dom';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { App } from '../../src-renderer/src/App';
import { logEntrySizeLimit, logSizeLimit } from '../../src-renderer/src/hooks/useRealtimeLog';
import { noticeTextLimit, shownNoticeLimit } from '../../src-renderer/src/hooks/useNotices';
import { fakeCore } from './support/fake-core';
import { profilesState, settings } from './support/fixtures';

const base = () => ({ getSettings: () => settings, listProfiles: () => profilesState });

describe('the event log', () => {
  it('is asked for while the panel is open, and not otherwise', async () => {
    const core = fakeCore({ ...base(), setRealtimeLog: ({ on }) => ({ on }) });
    render(<App client={core.client} />);
    const user = userEvent.setup();
    const toggle = await screen.findByRole('button', { name: 'Event log' });
    await waitFor(() => expect(core.callsOf('setRealtimeLog')).toEqual([{ on: false }]));
    await user.click(toggle);
    await waitFor(() => expect(core.callsOf('setRealtimeLog').at(-1)).toEqual({ on: true }));
    await user.click(screen.getByRole('button', { name: 'Close event log' }));
    await waitFor(() => expect(core.callsOf('setRealtimeLog').at(-1)).toEqual({ on: false }));
  });

  it('keeps entries bounded by size, and an oversized one as a stub', async () => {
    const core = fakeCore(base());
    render(<App client={core.client} />);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Event log' }));
    const panel = screen.getByRole('complementary', { name: 'Event log' });
    const delta = 'a'.repeat(100_000);
    const entries = 100;
    act(() => {
      for (let i = 0; i < entries; i++)
        core.emit('realtimeLog', {
          direction: 'server',
          type: 'response.output_text.delta',
          at: '2026-01-01T10:00:00.000Z',
          event: { type: 'response.output_text.delta', delta },
        });
    });
    // Count-capped only (2,000) this would hold all 100 (10 MB of text).
    const kept = Math.floor(logSizeLimit / (delta.length + 50));
    expect(kept).toBeLessThan(entries);
    expect(within(panel).getByText(`${kept} events`)).toBeTruthy();

    act(() => {
      core.emit('realtimeLog', {
        direction: 'server',
        type: 'response.output_text.delta',
        at: '2026-01-01T10:00:01.000Z',
        event: { type: 'response.output_text.delta', delta: 'b'.repeat(logEntrySizeLimit + 1) },
      });
    });
    const list = within(panel).getByTestId('event-log-list');
    expect(within(list).getAllByText(/too large to keep in the event log/)).toHaveLength(1);
    expect(list.textContent).not.toContain('bbbb');
  });
});

describe('notices', () => {
  it('show at most a few, each cut to a readable length', async () => {
    const long = (i: number) => `Notice ${i}: ${'n'.repeat(50_000)}`;
    const core = fakeCore({
      ...base(),
      getNotices: () => [1, 2, 3].map((i) => ({ level: 'warning' as const, message: long(i) })),
    });
    render(<App client={core.client} />);
    const bar = await screen.findByLabelText('Notices');
    act(() => {
      for (let i = 4; i <= 20; i++) core.emit('notice', { level: 'warning', message: long(i) });
    });
    const shown = within(bar).getAllByRole('status');
    expect(shown).toHaveLength(shownNoticeLimit);
    expect(shown.at(-1)?.textContent).toMatch(/^Notice 20:/);
    for (const notice of shown) expect(notice.textContent?.length).toBeLessThanOrEqual(noticeTextLimit + 1);
  });
});
