// What the user sees: the status derived from the parts' facts in a fixed order, the notice or the error
// with it, and one state event per change.
import { describe, expect, it, vi } from 'vitest';
import { StatusBoard, deriveStatus, type StatusFacts } from '../../../src-main/core/realtime/status-board';

const idle: StatusFacts = { holding: false, linkActive: true, confirmed: true, audible: false, busy: false };
const all: StatusFacts = { holding: true, linkActive: true, confirmed: true, audible: true, busy: true };
const identity = { muted: false, conversationId: 'conv_1' };

describe('deriveStatus', () => {
  it.each([
    ['holding the key beats an error', { ...all }, true, 'listening'],
    ['an error beats everything else', { ...all, holding: false }, true, 'error'],
    ['holding beats a closed link', { ...idle, holding: true, linkActive: false }, false, 'listening'],
    [
      'no link, whatever else',
      { ...all, holding: false, linkActive: false, confirmed: false },
      false,
      'disconnected',
    ],
    ['not confirmed beats audio and work', { ...all, holding: false, confirmed: false }, false, 'connecting'],
    ['audible beats busy', { ...all, holding: false }, false, 'speaking'],
    ['busy', { ...idle, busy: true }, false, 'thinking'],
    ['nothing going on', idle, false, 'ready'],
  ] as const)('%s', (_, facts, hasError, status) => {
    expect(deriveStatus(facts, hasError)).toBe(status);
  });
});

describe('StatusBoard', () => {
  it('publishes only what changed', () => {
    const changed = vi.fn();
    const board = new StatusBoard(changed);
    board.publish({ ...idle, ...identity });
    board.publish({ ...idle, ...identity });
    expect(changed).toHaveBeenCalledOnce();
    expect(changed).toHaveBeenLastCalledWith({ status: 'ready', muted: false, conversationId: 'conv_1' });
    board.publish({ ...idle, ...identity, muted: true, profileId: 'p1' });
    expect(changed).toHaveBeenLastCalledWith({
      status: 'ready',
      muted: true,
      conversationId: 'conv_1',
      profileId: 'p1',
    });
    expect(board.current()).toEqual(changed.mock.lastCall?.[0]);
    board.setNotice('connecting');
    board.publish({ ...idle, ...identity, muted: true, profileId: 'p1' });
    expect(changed).toHaveBeenCalledTimes(3);
    expect(board.current().message).toBe('connecting');
  });

  it('shows the error while it lasts, with Retry only when offered, then the notice again', () => {
    const changed = vi.fn();
    const board = new StatusBoard(changed);
    board.setNotice('reconnecting in 2.0 s');
    board.setError('the answer failed', { canRetry: true });
    board.publish({ ...idle, ...identity });
    expect(board.current()).toMatchObject({ status: 'error', message: 'the answer failed', canRetry: true });
    // Holding the key hides the error, and with it the Retry action.
    board.publish({ ...idle, ...identity, holding: true });
    expect(board.current()).toEqual({
      status: 'listening',
      muted: false,
      conversationId: 'conv_1',
      message: 'reconnecting in 2.0 s',
    });
    board.setError('quota exceeded');
    board.publish({ ...idle, ...identity });
    expect(board.current().canRetry).toBeUndefined();
    board.setError(undefined);
    board.publish({ ...idle, ...identity });
    expect(board.current()).toMatchObject({ status: 'ready', message: 'reconnecting in 2.0 s' });
    expect(changed).toHaveBeenCalledTimes(4);
  });
});
