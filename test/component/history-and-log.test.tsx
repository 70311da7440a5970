// History (search, read, export, delete) and the event-log panel (raw events, filters).
import './support/dom';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { ConversationSummary } from '../../src-preload/contract';
import { App } from '../../src-renderer/src/App';
import { fakeCore } from './support/fake-core';
import { item, profilesState, settings } from './support/fixtures';

const summary = (id: string, title: string): ConversationSummary => ({
  id,
  title,
  profileName: 'Assistant',
  startedAt: '2026-01-01T10:00:00.000Z',
  updatedAt: '2026-01-01T10:05:00.000Z',
  messageCount: 2,
});

describe('history', () => {
  it('searches, opens, exports and deletes a conversation', async () => {
    let list = [summary('c1', 'Weather in Oslo'), summary('c2', 'Pasta recipe')];
    const core = fakeCore({
      getSettings: () => settings,
      listProfiles: () => profilesState,
      listConversations: ({ query }) =>
        query ? list.filter((c) => c.title.toLowerCase().includes(query)) : list,
      getConversation: ({ id }) => ({
        summary: list.find((c) => c.id === id)!,
        items: [item('user', 'Is it cold?'), item('assistant', 'Three degrees.')],
      }),
      exportConversation: ({ format }) => ({
        text: format === 'json' ? '{}' : '# Weather',
        fileName: `c1.${format === 'json' ? 'json' : 'md'}`,
      }),
      deleteConversation: ({ id }) => {
        list = list.filter((c) => c.id !== id);
        return { deleted: true };
      },
    });
    const downloads: string[] = [];
    URL.createObjectURL = () => 'blob:fake';
    URL.revokeObjectURL = () => {};
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      downloads.push(this.download);
    };
    render(<App client={core.client} />);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'History' }));
    const conversations = await screen.findByRole('list', { name: 'Conversations' });
    await within(conversations).findByText('Pasta recipe');

    await user.type(screen.getByLabelText('Search conversations'), 'oslo');
    await screen.findByText(/No conversation matches|Weather in Oslo/);
    await waitFor(() => expect(within(conversations).queryByText('Pasta recipe')).toBeNull());
    expect(core.callsOf('listConversations').at(-1)).toEqual({ query: 'oslo' });

    await user.click(within(conversations).getByText('Weather in Oslo'));
    expect(await screen.findByText('Three degrees.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Export Markdown' }));
    expect(downloads).toEqual(['c1.md']);

    await user.click(screen.getByRole('button', { name: 'Delete' }));
    await user.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Delete' }));
    expect(core.callsOf('deleteConversation')).toEqual([{ id: 'c1' }]);
    expect(await screen.findByText('Choose a conversation to read it.')).toBeTruthy();
  });
});

describe('event log', () => {
  it('lists raw client and server events and filters them by direction and type', async () => {
    const core = fakeCore({ getSettings: () => settings, listProfiles: () => profilesState });
    render(<App client={core.client} />);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Event log' }));
    const panel = screen.getByRole('complementary', { name: 'Event log' });
    act(() => {
      core.emit('realtimeLog', {
        direction: 'client',
        type: 'session.update',
        at: '2026-01-01T10:00:00.000Z',
        event: { type: 'session.update', session: { type: 'realtime' } },
      });
      core.emit('realtimeLog', {
        direction: 'server',
        type: 'session.updated',
        at: '2026-01-01T10:00:00.100Z',
        event: { type: 'session.updated' },
      });
      core.emit('realtimeLog', {
        direction: 'server',
        type: 'response.output_audio_transcript.delta',
        at: '2026-01-01T10:00:01.000Z',
        event: { type: 'response.output_audio_transcript.delta', delta: 'Hi' },
      });
    });
    const list = within(panel).getByTestId('event-log-list');
    expect(within(list).getAllByRole('listitem')).toHaveLength(3);

    await user.selectOptions(within(panel).getByLabelText('Direction'), 'client');
    expect(within(list).getAllByRole('listitem')).toHaveLength(1);
    expect(within(list).getByText('session.update')).toBeTruthy();

    await user.selectOptions(within(panel).getByLabelText('Direction'), 'all');
    await user.type(within(panel).getByLabelText('Filter by event type'), 'delta');
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(1));
    expect(within(panel).getByText('1 of 3 events')).toBeTruthy();
    // The raw JSON is one click away.
    expect(within(list).getByText(/"delta": "Hi"/)).toBeTruthy();
  });
});
