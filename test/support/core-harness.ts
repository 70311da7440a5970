// Builds core services over conf in a temp directory and records every bus event and notice.
import { createEventBus } from '../../src-main/core/ipc/event-bus';
import type { Notice } from '../../src-preload/contract';

export function recordingBus() {
  const events = createEventBus();
  const seen: { name: string; payload: unknown }[] = [];
  events.subscribeAll((name, payload) => seen.push({ name, payload }));
  const notices: Notice[] = [];
  const notify = (notice: Notice) => {
    notices.push(notice);
    events.emit('notice', notice);
  };
  return { events, seen, notices, notify, named: (name: string) => seen.filter((e) => e.name === name) };
}
