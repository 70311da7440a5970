// Issue 17: the server-frame fuzzer. 10,000 frames per run over every GA server event type, with fields
// removed, retyped, nulled or oversized, relabelled as another type or cut short, put by the simulator into
// live responses (ids aimed at the response being played), so through the real socket, parse and schema
// check. The engine must stay up — no exception nothing caught, no rejection nothing handled — and a
// following push-to-talk turn must be answered. FUZZ_SEED=<n> replays a run.
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { parseServerFrame } from '../../src-main/core/realtime/protocol';
import type { LiveResponse } from '../realtime-sim/server';
import { crashWatch, type CrashWatch } from '../support/realtime/crash-watch';
import { brokenFrame, eventTypes, frameMutations, type Mutation } from '../support/realtime/frame-fuzz';
import { rig, waitFor, type Rig } from '../support/realtime/harness';
import { pushToTalk } from '../support/realtime/push-to-talk';

const runs = 20;
const framesPerRun = 500;
/** Frames put in front of each event of a live response. */
const perEvent = 25;

type Frame = { type: string; mutations: Mutation[] };

const counts = { frames: 0, event: 0, invalid: 0, unknown: 0, 'not-json': 0, runs: 0, turns: 0 };
const typesSeen = new Set<string>();
/** The latest frames sent, and the engine's latest events in and out, for a failure report. */
const recent: string[] = [];
const trail: string[] = [];
const remember = (list: string[], line: string, keep: number) => {
  list.push(line);
  if (list.length > keep) list.shift();
};

let r: Rig | undefined;
let watch: CrashWatch | undefined;
afterEach(async () => {
  watch?.stop();
  await r?.close();
  r = watch = undefined;
});

/** What the engine and the simulator were doing, for a failure report. */
function describeRig(rig: Rig): string {
  const lastSent = rig.sim.received.slice(-6).map((x) => String(x.event.type));
  return (
    `engine ${JSON.stringify(rig.engine.getState())}, simulator ${rig.sim.responding() ? '' : 'not '}` +
    `responding, last client events ${lastSent.join(' ')}, warnings ${JSON.stringify(rig.warnings.slice(-3))}` +
    `\nthe last frames injected:\n${recent.join('\n')}\nthe engine's last events:\n${trail.join('\n')}`
  );
}

/** Waits for `check`, failing at once on a crash, and with the rig's story on a timeout. */
async function until(rig: Rig, check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  await waitFor(
    () => {
      if (watch?.crashes.length) throw new Error(`crashed: ${watch.crashes.join('\n')}`);
      return check();
    },
    timeoutMs,
    what,
  ).catch((error: Error) => Promise.reject(new Error(`${error.message}\n${describeRig(rig)}`)));
}

/**
 * The engine can take a turn: the simulator is done with its response, and the engine is ready. A frame may
 * have been a valid error event (the status shows it until the next connect, as for any error the server
 * reports) or one that ends the session: the user would press talk again, which connects.
 */
async function usable(rig: Rig): Promise<void> {
  await until(
    rig,
    () => {
      if (rig.sim.responding()) return false;
      if (rig.engine.getState().status === 'error') rig.engine.connect();
      return ['ready', 'speaking'].includes(rig.engine.getState().status);
    },
    'a usable engine',
  );
}

async function talk(rig: Rig): Promise<void> {
  await usable(rig);
  pushToTalk(rig, 200);
}

/** One run: a fresh engine and simulator, the frames spread over live responses, then a clean turn. */
async function fuzzRun(frames: Frame[]): Promise<void> {
  const queue = [...frames];
  counts.runs++;
  /** Built when sent, aimed at the response being sent, and classified by the client's own parser. */
  const inject = (live: LiveResponse, frame: Frame): string => {
    const text = brokenFrame(frame.type, frame.mutations, live);
    const kind = parseServerFrame(text).kind;
    counts[kind]++;
    counts.frames++;
    typesSeen.add(frame.type);
    remember(recent, `${kind} ${text.slice(0, 160)}`, 12);
    return text;
  };

  watch = crashWatch();
  const interleave = (live: LiveResponse) => queue.splice(0, perEvent).map((f) => inject(live, f));
  const current = (r = await rig({
    interleave,
    audioChunkMs: 20,
    defaultReply: { text: 'Fuzzed.', audioMs: 300 },
  }));
  current.engine.on('log', (entry) => {
    const arrow = entry.direction === 'client' ? '↑' : '↓';
    remember(trail, `${arrow} ${JSON.stringify(entry.event).slice(0, 140)}`, 40);
  });
  current.engine.on('state', (state) => remember(trail, `state ${JSON.stringify(state).slice(0, 100)}`, 40));
  try {
    current.engine.connect();
    // Turns until every frame went out inside a response (a frame that ends the session cuts one short).
    for (let turn = 0; queue.length && turn < 20; turn++) {
      const asked = current.sent('response.create').length;
      await talk(current);
      await until(current, () => current.sent('response.create').length > asked, 'a response.create', 5_000);
    }
    await usable(current);
    expect(queue).toEqual([]);

    // The following turn, with nothing injected, is answered.
    const reply = 'The turn after the fuzz.';
    current.sim.options.defaultReply = { text: reply, audioMs: 200 };
    const before = current.turns.length;
    await talk(current);
    await until(
      current,
      () => current.turns.slice(before).some((t) => t.outcome === 'completed' && t.text === reply),
      'the turn after the fuzz',
    );
    counts.turns++;
    expect(watch.crashes).toEqual([]);
  } finally {
    watch.stop();
    await current.close();
    r = watch = undefined;
  }
}

const run = fc.array(frameMutations, { minLength: framesPerRun, maxLength: framesPerRun }).map((all) =>
  // Round robin over the types: every GA server event type gets framesPerRun / types frames per run.
  all.map((mutations, i): Frame => ({ type: eventTypes[i % eventTypes.length]!, mutations })),
);

async function fuzz(parameters: fc.Parameters<[Frame[]]>): Promise<void> {
  const result = await fc.check(fc.asyncProperty(run, fuzzRun), { ...parameters, endOnFailure: true });
  if (result.failed)
    expect.fail(
      `${String(result.errorInstance)}\n` +
        `seed ${result.seed}, path ${result.counterexamplePath} (FUZZ_SEED=${result.seed} replays the run)`,
    );
}

describe('server frame fuzzer', () => {
  it(`${runs * framesPerRun} broken frames over every GA server event type: the engine stays up, turns complete`, async () => {
    const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Date.now() % 2 ** 31;
    const started = performance.now();
    for (const key of Object.keys(counts) as (keyof typeof counts)[]) counts[key] = 0;
    typesSeen.clear();
    await fuzz({ numRuns: runs, seed });
    console.log(
      `fuzz realtime frames: ${counts.frames} frames over ${typesSeen.size} event types ` +
        `(${counts.invalid} invalid, ${counts['not-json']} not JSON, ${counts.unknown} unknown type, ` +
        `${counts.event} valid), ${counts.runs} runs, ${counts.turns} turns after, 0 failures, ` +
        `seed ${seed}, ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    expect(counts.frames).toBe(runs * framesPerRun);
    expect([...typesSeen].sort()).toEqual(eventTypes);
  }, 120_000);

  // Found while building the edge check: before it, the first run of this seed crashed main with
  // "Cannot read properties of undefined (reading 'code')" — an error event without its `error` object
  // reached describeServerError.
  it('regression, seed 1163087808: an error event without `error` never reaches a handler', async () => {
    await fuzz({ numRuns: 1, seed: 1163087808 });
  }, 30_000);
});
