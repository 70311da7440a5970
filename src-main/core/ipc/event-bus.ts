// Typed main → renderer events. Core services emit; each transport subscribes once and forwards.
import { events, type EventName, type EventPayload } from '../../../src-preload/contract';

export type AnyEventListener = (name: EventName, payload: unknown) => void;

export interface EventBus {
  emit<K extends EventName>(name: K, payload: EventPayload<K>): void;
  /** Every event, for transports. Returns an unsubscribe. */
  subscribeAll(listener: AnyEventListener): () => void;
  /** One event, for core services that react to each other. */
  on<K extends EventName>(name: K, listener: (payload: EventPayload<K>) => void): () => void;
}

export function createEventBus(): EventBus {
  const listeners = new Set<AnyEventListener>();
  return {
    emit(name, payload) {
      // Validating here means a core bug shows up at its source, not as a confused renderer.
      const valid = events[name].parse(payload);
      for (const listener of [...listeners]) listener(name, valid);
    },
    subscribeAll(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    on(name, listener) {
      const wrapped: AnyEventListener = (eventName, payload) => {
        if (eventName === name) listener(payload as EventPayload<typeof name>);
      };
      listeners.add(wrapped);
      return () => listeners.delete(wrapped);
    },
  };
}
