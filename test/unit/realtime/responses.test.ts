// The response lifecycle against a recording wire: one response at a time, none before confirmation, a
// waiting request goes after, a cancel goes once.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ResponseCycle } from '../../../src-main/core/realtime/responses';
import { RecordingWire } from '../../support/realtime/part-fakes';

function cycle() {
  const wire = new RecordingWire();
  const hooks = { onBegin: vi.fn(), onRequested: vi.fn() };
  return { wire, hooks, responses: new ResponseCycle(wire, hooks) };
}

describe('ResponseCycle', () => {
  it('asks at once when idle and confirmed, with an event id it recognises in an error', () => {
    const { wire, hooks, responses } = cycle();
    responses.request();
    const [create] = wire.of('response.create');
    expect(wire.types()).toEqual(['response.create']);
    expect(responses.isActive()).toBe(true);
    expect(hooks.onBegin).toHaveBeenCalledOnce();
    expect(hooks.onRequested).toHaveBeenCalledOnce();
    expect(responses.isOwnRequest(create!.event_id)).toBe(true);
    expect(responses.isOwnRequest('evt_other')).toBe(false);
    expect(responses.isOwnRequest(null)).toBe(false);
  });

  it('sends no response.create while one is active; the queued one goes after response.done', () => {
    const { wire, responses } = cycle();
    responses.request();
    responses.request();
    expect(wire.types()).toEqual(['response.create']);
    responses.sendQueued(); // still active: stays queued
    expect(wire.types()).toEqual(['response.create']);
    expect(responses.done('completed')).toEqual({ cancelled: false, queued: true });
    responses.request();
    expect(wire.types()).toEqual(['response.create', 'response.create']);
  });

  it('waits for a confirmed session, then sends the request once', () => {
    const { wire, responses } = cycle();
    wire.confirmed = false;
    responses.request();
    responses.request();
    expect(wire.sent).toEqual([]);
    expect(responses.isActive()).toBe(false);
    wire.confirmed = true;
    responses.sendQueued();
    responses.sendQueued();
    expect(wire.types()).toEqual(['response.create']);
  });

  it('cancels only once, and only an active response', () => {
    const { wire, responses } = cycle();
    responses.cancel();
    expect(wire.sent).toEqual([]);
    responses.request();
    responses.cancel();
    responses.cancel();
    expect(wire.types()).toEqual(['response.create', 'response.cancel']);
    expect(responses.isCancelling()).toBe(true);
    // The server may still say "completed" for a response it had finished: ours was cancelled.
    expect(responses.done('completed').cancelled).toBe(true);
    expect(responses.isCancelling()).toBe(false);
  });

  it('starts per-response state for a response the server began itself (VAD), once per response', () => {
    const { wire, hooks, responses } = cycle();
    responses.created();
    expect(hooks.onBegin).toHaveBeenCalledOnce();
    expect(responses.isActive()).toBe(true);
    responses.created();
    expect(hooks.onBegin).toHaveBeenCalledOnce();
    expect(wire.sent).toEqual([]);
  });

  it('a reset forgets the active response and the waiting request', () => {
    const { wire, responses } = cycle();
    responses.request();
    responses.request();
    responses.reset();
    expect(responses.isActive()).toBe(false);
    responses.sendQueued();
    expect(wire.types()).toEqual(['response.create']);
  });

  describe('a retry after a wait', () => {
    afterEach(() => vi.useRealTimers());
    const fakeClock = () => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });

    it('counts down about every second, then asks', async () => {
      fakeClock();
      const { wire, responses } = cycle();
      const ticks: number[] = [];
      responses.retryAfter(2_500, (left) => ticks.push(left));
      expect(responses.isRetrying()).toBe(true);
      await vi.advanceTimersByTimeAsync(2_499);
      expect(wire.sent).toEqual([]);
      await vi.advanceTimersByTimeAsync(1);
      expect(ticks).toEqual([2_500, 1_500, 500, 0]);
      expect(wire.types()).toEqual(['response.create']);
      expect(responses.isRetrying()).toBe(false);
    });

    it('is called off by a request from elsewhere and by a reset', async () => {
      fakeClock();
      const { wire, responses } = cycle();
      responses.retryAfter(1_000, () => {});
      responses.request();
      await vi.advanceTimersByTimeAsync(5_000);
      expect(wire.types()).toEqual(['response.create']);
      responses.done('completed');
      responses.retryAfter(1_000, () => {});
      responses.reset();
      await vi.advanceTimersByTimeAsync(5_000);
      expect(wire.types()).toEqual(['response.create']);
      expect(responses.isRetrying()).toBe(false);
    });
  });
});
