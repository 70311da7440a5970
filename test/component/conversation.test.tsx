// The main view: transcript rendering (streaming, interrupted, tools), virtualization, and talking by
// button, Space and text — all through the contract client.
import './support/dom';
import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { SessionState } from '../../src-preload/contract';
import { App } from '../../src-renderer/src/App';
import { fakeCore, type FakeHandlers } from './support/fake-core';
import { item, profilesState, settings } from './support/fixtures';

function setup(extra: FakeHandlers = {}) {
  let state: SessionState = { status: 'ready', muted: false };
  const core = fakeCore({
    getSettings: () => settings,
    listProfiles: () => profilesState,
    getSessionState: () => state,
    getTranscript: () => [],
    talkStart: () => (state = { ...state, status: 'listening' }),
    talkEnd: () => (state = { ...state, status: 'thinking' }),
    sendText: () => state,
    setMuted: ({ muted }) => (state = { ...state, muted }),
    ...extra,
  });
  render(<App client={core.client} />);
  return core;
}

describe('conversation view', () => {
  it('streams a turn in place, marks interruptions and shows tool calls compactly', async () => {
    const core = setup();
    const transcript = await screen.findByRole('log', { name: 'Transcript' });
    const user = item('user', 'What is the weather?');
    const answer = item('assistant', 'It is', { final: false });
    act(() => {
      core.emit('transcript', user);
      core.emit('transcript', answer);
    });
    expect(within(transcript).getByText('What is the weather?')).toBeTruthy();
    expect(within(transcript).getByText('It is')).toBeTruthy();

    act(() =>
      core.emit('transcript', { ...answer, text: 'It is sunny and', final: true, interrupted: true }),
    );
    // Same id: updated in place, not appended.
    expect(within(transcript).getAllByTestId('turn-assistant')).toHaveLength(1);
    expect(within(transcript).getByText('It is sunny and')).toBeTruthy();
    expect(within(transcript).getByText('interrupted')).toBeTruthy();

    act(() =>
      core.emit(
        'transcript',
        item('tool', '', {
          tool: { name: 'get_weather', arguments: '{"city":"Oslo"}', output: '{"temp":3}' },
        }),
      ),
    );
    const tool = within(transcript).getByTestId('turn-tool');
    expect(within(tool).getByText('get_weather')).toBeTruthy();
    expect(within(tool).getByText('done')).toBeTruthy();
    // Compact: the output sits in a closed <details> until asked for.
    expect(tool.querySelector('details')?.open).toBe(false);
  });

  it('keeps 5,000 messages in the list but only a window of them in the DOM', async () => {
    const many = Array.from({ length: 5_000 }, (_, i) => item(i % 2 ? 'assistant' : 'user', `message ${i}`));
    setup({ getTranscript: () => many });
    const transcript = await screen.findByRole('log', { name: 'Transcript' });
    await screen.findByText('message 4999');
    expect(transcript.dataset.count).toBe('5000');
    const rendered = transcript.querySelectorAll('[data-index]').length;
    expect(rendered).toBeGreaterThan(0);
    expect(rendered).toBeLessThan(40);
    expect(screen.queryByText('message 0')).toBeNull();
  });

  it('talks while the button is held, and while Space is held outside text fields', async () => {
    const core = setup();
    const user = userEvent.setup();
    const button = await screen.findByRole('button', { name: /hold to talk/i });

    await user.pointer({ keys: '[MouseLeft>]', target: button });
    expect(core.callsOf('talkStart')).toHaveLength(1);
    expect(button.getAttribute('aria-pressed')).toBe('true');
    await user.pointer({ keys: '[/MouseLeft]', target: button });
    expect(core.callsOf('talkEnd')).toHaveLength(1);

    // Space on the page body talks; auto-repeat does not start twice.
    (document.activeElement as HTMLElement | null)?.blur();
    await user.keyboard('[Space>5]');
    expect(core.callsOf('talkStart')).toHaveLength(2);
    await user.keyboard('[/Space]');
    expect(core.callsOf('talkEnd')).toHaveLength(2);

    // …but in the message box Space is just a space.
    await user.click(screen.getByLabelText('Message'));
    await user.keyboard(' ');
    expect(core.callsOf('talkStart')).toHaveLength(2);
  });

  it('sends typed text with Enter and clears the box', async () => {
    const core = setup();
    const user = userEvent.setup();
    const box = await screen.findByLabelText('Message');
    await user.type(box, 'Hello there{Enter}');
    expect(core.callsOf('sendText')).toEqual([{ text: 'Hello there' }]);
    expect((box as HTMLTextAreaElement).value).toBe('');
  });

  it('shows status changes and an error with its message', async () => {
    const core = setup();
    const status = await screen.findByTestId('status');
    await screen.findByText('Ready');
    act(() =>
      core.emit('sessionState', { status: 'error', message: 'Incorrect API key provided.', muted: false }),
    );
    expect(within(status).getByText('Error')).toBeTruthy();
    expect(within(status).getByText('Incorrect API key provided.')).toBeTruthy();
  });

  it('mutes through the contract', async () => {
    const core = setup();
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Mute' }));
    expect(core.callsOf('setMuted')).toEqual([{ muted: true }]);
    expect(await screen.findByRole('button', { name: 'Unmute' })).toBeTruthy();
  });

  it('answers an unavailable session calmly instead of failing', async () => {
    const core = fakeCore({ getSettings: () => settings, listProfiles: () => profilesState });
    render(<App client={core.client} />);
    const user = userEvent.setup();
    const button = await screen.findByRole('button', { name: /hold to talk/i });
    await user.pointer({ keys: '[MouseLeft>]', target: button });
    const note = await screen.findByText(/Not available right now: talkStart is not available yet/);
    expect(note.closest('.inline-message')?.classList.contains('note')).toBe(true);
    await user.pointer({ keys: '[/MouseLeft]', target: button });
    expect(button.getAttribute('aria-pressed')).toBe('false');
  });

  it('offers Retry after a failed answer, and only then', async () => {
    const core = setup({ retryResponse: () => ({ status: 'thinking', muted: false }) });
    const user = userEvent.setup();
    await screen.findByText('Ready');
    act(() => core.emit('sessionState', { status: 'error', message: 'server down', muted: false }));
    expect(await screen.findByText('server down', { selector: '.inline-message span' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Retry' })).toBeNull();
    act(() =>
      core.emit('sessionState', { status: 'error', message: 'rate limited', muted: false, canRetry: true }),
    );
    await user.click(await screen.findByRole('button', { name: 'Retry' }));
    expect(core.callsOf('retryResponse')).toHaveLength(1);
    expect(await screen.findByText('Thinking…')).toBeTruthy();
  });

  it('grows a streaming item from appends of only the new text', async () => {
    const core = setup();
    const transcript = await screen.findByRole('log', { name: 'Transcript' });
    const answer = item('assistant', 'It', { final: false });
    act(() => core.emit('transcript', answer));
    act(() => {
      core.emit('transcriptAppend', { id: answer.id, conversationId: answer.conversationId, text: ' is' });
      core.emit('transcriptAppend', {
        id: answer.id,
        conversationId: answer.conversationId,
        text: ' sunny.',
      });
    });
    expect(within(transcript).getByText('It is sunny.')).toBeTruthy();
    // An append for an item the window has not seen is left to that item's next full update.
    act(() =>
      core.emit('transcriptAppend', { id: 'unknown', conversationId: answer.conversationId, text: 'x' }),
    );
    expect(within(transcript).getAllByTestId('turn-assistant')).toHaveLength(1);
  });

  it('a hands-free profile gets a Listen toggle instead of hold-to-talk; it switches listening', async () => {
    let state: SessionState = { status: 'ready', muted: false, handsFree: true };
    const asked: boolean[] = [];
    setup({
      getSessionState: () => state,
      setListening: ({ on }) => {
        asked.push(on);
        return (state = { ...state, status: on ? 'listening' : 'ready', listening: on || undefined });
      },
    });
    const toggle = await screen.findByRole('button', { name: /Listen \(hands-free\)/ });
    expect(screen.queryByRole('button', { name: /hold to talk/i })).toBeNull();
    expect(toggle.getAttribute('aria-pressed')).toBe('false');
    await userEvent.click(toggle);
    const on = await screen.findByRole('button', { name: /Listening — click to stop/ });
    expect(on.getAttribute('aria-pressed')).toBe('true');
    await userEvent.click(on);
    await screen.findByRole('button', { name: /Listen \(hands-free\)/ });
    expect(asked).toEqual([true, false]);
  });
});
