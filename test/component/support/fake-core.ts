// A scripted stand-in for the core behind the transport boundary: the renderer's real `createClient`
// talks to it through an in-memory ContractTransport. Requests are validated with the contract's own
// schemas (as main's dispatcher does), so a test fails if the UI sends something main would refuse.
import {
  commands,
  type CommandName,
  type CommandResponse,
  type ContractError,
  type EventName,
  type EventPayload,
  type ValidCommandRequest,
} from '../../../src-preload/contract';
import { createClient, type Client } from '../../../src-renderer/src/client';
import type { ContractTransport } from '../../../src-renderer/src/transport';

export class FakeCommandError extends Error {
  constructor(readonly error: ContractError) {
    super(error.message);
  }
}

export type FakeHandlers = {
  [K in CommandName]?: (request: ValidCommandRequest<K>) => CommandResponse<K> | Promise<CommandResponse<K>>;
};

export interface FakeCore {
  client: Client;
  handlers: FakeHandlers;
  calls: { name: CommandName; payload: unknown }[];
  callsOf(name: CommandName): unknown[];
  emit<K extends EventName>(event: K, payload: EventPayload<K>): void;
}

export function fakeCore(handlers: FakeHandlers = {}): FakeCore {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const calls: FakeCore['calls'] = [];
  const transport: ContractTransport = {
    async invoke(name, payload) {
      calls.push({ name, payload });
      const parsed = commands[name].request.safeParse(payload);
      if (!parsed.success) {
        const fieldErrors: Record<string, string[]> = {};
        for (const issue of parsed.error.issues)
          (fieldErrors[issue.path.join('.')] ??= []).push(issue.message);
        return {
          ok: false,
          error: { code: 'invalid_request', message: `invalid request for ${name}`, fieldErrors },
        };
      }
      const handler = core.handlers[name] as ((request: unknown) => unknown) | undefined;
      if (!handler)
        return { ok: false, error: { code: 'unavailable', message: `${name} is not available yet` } };
      try {
        return { ok: true, value: await handler(parsed.data) };
      } catch (error) {
        if (error instanceof FakeCommandError) return { ok: false, error: error.error };
        throw error;
      }
    },
    on(event, handler) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(handler);
      return () => set.delete(handler);
    },
  };
  const core: FakeCore = {
    client: createClient(transport),
    handlers,
    calls,
    callsOf: (name) => calls.filter((c) => c.name === name).map((c) => c.payload),
    emit(event, payload) {
      for (const handler of listeners.get(event) ?? []) handler(payload);
    },
  };
  return core;
}
