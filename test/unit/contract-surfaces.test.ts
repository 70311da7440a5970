// The contract, the preload bridge and the main binding must expose exactly the same surface.
import { describe, expect, it, vi } from 'vitest';
import type { IpcMain } from 'electron';
import {
  bridgeGlobalName,
  commandChannel,
  commandNames,
  eventChannel,
  eventNames,
} from '../../src-preload/contract';
import { createBridge } from '../../src-preload/bridge';
import { bindContract } from '../../src-main/shell-electron/ipc-binding';

const exposed: Record<string, unknown> = {};
const ipcRendererOn = vi.fn();
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (name: string, api: unknown) => (exposed[name] = api) },
  ipcRenderer: {
    invoke: vi.fn(async () => ({ ok: true, value: null })),
    on: ipcRendererOn,
    removeListener: vi.fn(),
  },
}));

describe('IPC contract surfaces', () => {
  it('derives distinct channel names for every command and event', () => {
    const channels = [...commandNames.map(commandChannel), ...eventNames.map(eventChannel)];
    expect(new Set(channels).size).toBe(channels.length);
    expect(commandNames.length).toBeGreaterThan(0);
  });

  it('the preload exposes one global with exactly one method per command plus on()', async () => {
    await import('../../src-preload/index');
    const api = exposed[bridgeGlobalName] as Record<string, unknown>;
    expect(Object.keys(exposed)).toEqual([bridgeGlobalName]);
    expect(Object.keys(api).sort()).toEqual([...commandNames, 'on'].sort());
    expect(Object.values(api).every((member) => typeof member === 'function')).toBe(true);
    for (const raw of ['ipcRenderer', 'invoke', 'send', 'sendSync']) expect(api).not.toHaveProperty(raw);
  });

  it('every bridge method reaches the main handler of the same command, bound exactly once', async () => {
    const handled = new Map<string, (event: unknown, payload: unknown) => unknown>();
    const ipcMain = {
      handle: (channel: string, fn: (event: unknown, payload: unknown) => unknown) => {
        if (handled.has(channel)) throw new Error(`bound twice: ${channel}`);
        handled.set(channel, fn);
      },
      removeHandler: (channel: string) => handled.delete(channel),
    } as unknown as IpcMain;
    const dispatcher = { dispatch: vi.fn(async (name: string) => ({ ok: true as const, value: name })) };
    const unbind = bindContract(ipcMain, dispatcher, () => true);
    expect([...handled.keys()].sort()).toEqual(commandNames.map(commandChannel).sort());

    const bridge = createBridge({
      invoke: async (channel, payload) => handled.get(channel)!({ senderFrame: null }, payload),
      subscribe: () => () => {},
    });
    for (const name of commandNames) {
      const call = bridge[name] as (payload: unknown) => Promise<unknown>;
      await expect(call({ probe: name })).resolves.toEqual({ ok: true, value: name });
    }
    expect(dispatcher.dispatch.mock.calls).toEqual(commandNames.map((name) => [name, { probe: name }]));
    unbind();
    expect(handled.size).toBe(0);
  });

  it('refuses commands from an untrusted frame with a typed error', async () => {
    let handler: ((event: unknown, payload: unknown) => unknown) | undefined;
    const ipcMain = { handle: (_c: string, fn: typeof handler) => (handler ??= fn) } as unknown as IpcMain;
    const called = vi.fn();
    bindContract(ipcMain, { dispatch: called }, () => false);
    expect(await handler!({ senderFrame: { url: 'https://evil.example' } }, undefined)).toMatchObject({
      ok: false,
      error: { code: 'forbidden_sender' },
    });
    expect(called).not.toHaveBeenCalled();
  });

  it('bridge.on subscribes to the derived event channel and rejects unknown events', () => {
    const subscribe = vi.fn(() => () => {});
    const bridge = createBridge({ invoke: vi.fn(), subscribe });
    for (const name of eventNames) bridge.on(name, () => {});
    expect(subscribe.mock.calls.map((call) => (call as unknown[])[0])).toEqual(eventNames.map(eventChannel));
    expect(() => bridge.on('nope' as never, () => {})).toThrow(/unknown event/);
  });
});
