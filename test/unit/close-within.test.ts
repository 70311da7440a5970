// Closing the core at quit (core/app/close-within.ts): waited for, but never longer than the bound.
import { describe, expect, it } from 'vitest';
import { closeWithin } from '../../src-main/core/app/close-within';

describe('closeWithin', () => {
  it('waits for a close that finishes', async () => {
    const order: string[] = [];
    await closeWithin(
      async () => {
        await new Promise((resolve) => setTimeout(resolve, 30));
        order.push('closed');
      },
      1_000,
      (message) => order.push(message),
    );
    order.push('after');
    expect(order).toEqual(['closed', 'after']);
  });

  it('gives up on a close that hangs, after the bound, and says so', async () => {
    const logs: string[] = [];
    const started = Date.now();
    await closeWithin(
      () => new Promise(() => {}),
      100,
      (message) => logs.push(message),
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(95);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(logs).toEqual(['closing took longer than 100 ms; quitting anyway']);
  });

  it('logs a close that fails or throws, and never rejects', async () => {
    const logs: unknown[] = [];
    await closeWithin(
      () => Promise.reject(new Error('disk gone')),
      100,
      (message, error) => logs.push(message, (error as Error).message),
    );
    await closeWithin(
      () => {
        throw new Error('sync');
      },
      100,
      (message, error) => logs.push(message, (error as Error).message),
    );
    expect(logs).toEqual([
      'closing failed; quitting anyway',
      'disk gone',
      'closing failed; quitting anyway',
      'sync',
    ]);
  });
});
