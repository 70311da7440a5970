// Engine + simulator wiring shared by the realtime integration tests.
import { expect } from 'vitest';
import type { SessionState, TranscriptAppend, TranscriptItem } from '../../../src-preload/contract';
import {
  RealtimeEngine,
  type RealtimeEngineOptions,
  type TurnResult,
} from '../../../src-main/core/realtime/engine';
import { startRealtimeSim, type RealtimeSim, type SimOptions } from '../../realtime-sim/server';
import { testAudio } from './test-audio';
import { pttProfile } from './profiles';

export { pttProfile };

export async function waitFor<T>(
  check: () => T | undefined | false,
  timeoutMs = 5_000,
  what = 'condition',
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

export interface Rig {
  sim: RealtimeSim;
  engine: RealtimeEngine;
  audio: ReturnType<typeof testAudio>;
  states: SessionState[];
  warnings: string[];
  turns: TurnResult[];
  items: Map<string, TranscriptItem>;
  /** Every transcript update, in order, as a consumer sees it: whole items, and items grown by an append. */
  updates: TranscriptItem[];
  /** The streaming appends themselves (only the new text). */
  appends: TranscriptAppend[];
  sent(type: string): Record<string, unknown>[];
  close(): Promise<void>;
}

export async function rig(
  simOptions: SimOptions = {},
  engineOptions: Partial<RealtimeEngineOptions> = {},
): Promise<Rig> {
  const sim = await startRealtimeSim(simOptions);
  const audio = testAudio();
  const engine = new RealtimeEngine({
    baseUrl: sim.baseUrl,
    getApiKey: async () => 'sk-test-key',
    defaultModel: 'gpt-realtime',
    audio: audio.factory,
    profile: pttProfile,
    backoff: { baseMs: 50, maxMs: 400, maxAttempts: 5 },
    confirmTimeoutMs: 1_000,
    ...engineOptions,
  });
  const r: Rig = {
    sim,
    engine,
    audio,
    states: [],
    warnings: [],
    turns: [],
    items: new Map(),
    updates: [],
    appends: [],
    sent: (type) => sim.received.filter((x) => x.event.type === type).map((x) => x.event),
    close: async () => {
      await engine.dispose();
      await sim.close();
    },
  };
  engine.on('state', (s) => r.states.push(s));
  engine.on('warning', (w) => r.warnings.push(w));
  engine.on('turnDone', (t) => r.turns.push(t));
  engine.on('transcript', (item) => {
    r.items.set(item.id, item);
    r.updates.push(item);
  });
  engine.on('transcriptAppend', (append) => {
    r.appends.push(append);
    const item = r.items.get(append.id);
    if (!item) return;
    const grown = { ...item, text: item.text + append.text };
    r.items.set(item.id, grown);
    r.updates.push(grown);
  });
  return r;
}

/** Every test ends here: the client never broke the GA schema or protocol, the simulator never lied. */
export function expectClean(r: Rig): void {
  expect(r.sim.violations).toEqual([]);
  expect(r.sim.simErrors).toEqual([]);
}

export const waitTurns = (r: Rig, n: number, timeoutMs = 8_000) =>
  waitFor(() => r.turns.length >= n, timeoutMs, `${n} turn(s)`);

/** Connects, says a 300 ms push-to-talk turn, and waits until the answer is playing (barge-in tests). */
export async function untilAssistantSpeaks(r: Rig): Promise<void> {
  r.engine.connect();
  await waitFor(() => r.engine.getState().status === 'ready');
  r.engine.talkStart();
  r.audio.mic.speak(300);
  r.engine.talkEnd();
  await waitFor(() => r.engine.getState().status === 'speaking', 5_000, 'speaking');
}
