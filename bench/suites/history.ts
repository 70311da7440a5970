// History: listing and searching 200 recorded conversations, as the History view does on every
// historyChanged (one conversation grew, then the list is asked for again). Conversations are written
// through the real history service, streamed answers included, so the files have their real shape.
//   list after a change      what the History view pays per finished item while a conversation runs
//   search after a change    the same with a query (the view keeps its query while refreshing)
//   first list (cold)        a new service over the same directory: what the first History visit costs
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHistoryService, type HistoryService } from '../../src-main/core/history/history-service';
import { createEventBus, type EventBus } from '../../src-main/core/ipc/event-bus';
import type { TranscriptItem } from '../../src-preload/contract';
import { median, type BenchFigure } from '../figure';

const CONVERSATIONS = 200;
const TURNS = 12;
const DELTAS = 40;
const RUNS = 9;

const words = 'the quick brown fox jumps over a lazy dog while the kettle sings softly'.split(' ');

function record(events: EventBus, conversationId: string, turns: number, at: string) {
  for (let t = 0; t < turns; t++) {
    const base = { conversationId, final: true, at } as const;
    const user: TranscriptItem = {
      ...base,
      id: `u${t}`,
      role: 'user',
      text: `Question ${t} in ${conversationId}?`,
    };
    events.emit('transcript', user);
    let text = '';
    for (let d = 0; d < DELTAS; d++) {
      text += `${words[(d + t) % words.length]} `;
      events.emit('transcript', { ...base, id: `a${t}`, role: 'assistant', text, final: false });
    }
    events.emit('transcript', { ...base, id: `a${t}`, role: 'assistant', text: `${text.trim()}.` });
  }
}

const time = (fn: () => unknown): number => {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
};

export default async function historyBench(): Promise<BenchFigure[]> {
  const directory = mkdtempSync(join(tmpdir(), 'va-bench-history-'));
  const open = (): { history: HistoryService; events: EventBus } => {
    const events = createEventBus();
    return { history: createHistoryService({ directory, events, profileName: () => 'Bench' }), events };
  };
  try {
    const writer = open();
    for (let c = 0; c < CONVERSATIONS; c++) {
      record(writer.events, `c${c}`, TURNS, new Date(Date.UTC(2026, 0, 1, 0, c)).toISOString());
    }
    writer.history.dispose();

    const cold: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const { history } = open();
      cold.push(time(() => history.list()));
      history.dispose();
    }

    const { history, events } = open();
    history.list();
    const list: number[] = [];
    const search: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      // One conversation grows by a turn (a historyChanged), then the view lists again.
      record(events, 'c0', 1, new Date().toISOString());
      list.push(time(() => history.list()));
      record(events, 'c1', 1, new Date().toISOString());
      search.push(time(() => history.list('kettle sings')));
    }
    history.dispose();

    const figure = (name: string, values: number[]): BenchFigure => ({
      name,
      value: Number(median(values).toFixed(2)),
      unit: 'ms',
      runs: values.length,
      conversations: CONVERSATIONS,
    });
    return [
      figure('list after one conversation changed', list),
      figure('search after one conversation changed', search),
      figure('first list (cold)', cold),
    ];
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}
