// Realtime engine latencies on loopback, against the protocol simulator (test/realtime-sim):
//   mic chunk → input_audio_buffer.append received by the server        goal ≤ 1 ms
//   key-up → commit + response.create received                         goal ≤ 2 ms
//   barge-in key-down → response.cancel + conversation.item.truncate     goal ≤ 5 ms
//   connect → confirmed session (session.updated holding the profile)    goal ≤ 50 ms
// "On the wire" is measured where the server's message handler sees the event (same process, so one clock):
// it includes JSON encoding, the socket write, loopback and the server's parse. Each figure is the median,
// over 5 runs, of that run's p50 or p99.
import { RealtimeEngine } from '../../src-main/core/realtime/engine';
import { startRealtimeSim, type ClientRecord, type RealtimeSim } from '../../test/realtime-sim/server';
import { testAudio } from '../../test/support/realtime/test-audio';
import { pttProfile } from '../../test/support/realtime/profiles';
import { median, percentile, type BenchFigure } from '../figure';

const RUNS = 5;

// The same push-to-talk profile the integration tests use.
const profile = pttProfile;

function until(sim: RealtimeSim, type: string, after: number, timeoutMs = 5_000): Promise<ClientRecord> {
  return new Promise((resolve, reject) => {
    const found = sim.received.find((r) => r.event.type === type && r.at >= after);
    if (found) return resolve(found);
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`no ${type} within ${timeoutMs} ms`));
    }, timeoutMs);
    const stop = sim.onClientEvent((r) => {
      if (r.event.type !== type || r.at < after) return;
      clearTimeout(timer);
      stop();
      resolve(r);
    });
  });
}

async function setup(sim: RealtimeSim) {
  const audio = testAudio();
  const engine = new RealtimeEngine({
    baseUrl: sim.baseUrl,
    getApiKey: async () => 'sk-bench',
    defaultModel: 'gpt-realtime',
    audio: audio.factory,
    profile,
  });
  const ready = new Promise<void>((resolve) => engine.once('ready', () => resolve()));
  const t0 = performance.now();
  engine.connect();
  await ready;
  return { engine, audio, connectMs: performance.now() - t0 };
}

const turnDone = (engine: RealtimeEngine) =>
  new Promise<void>((resolve) => engine.once('turnDone', () => resolve()));

async function oneRun() {
  const sim = await startRealtimeSim({ defaultReply: { text: 'ok', audioMs: 100 } });
  const connect: number[] = [];
  const chunk: number[] = [];
  const keyUp: number[] = [];
  const bargeIn: number[] = [];
  try {
    for (let i = 0; i < 15; i++) {
      const { engine, connectMs } = await setup(sim);
      connect.push(connectMs);
      await engine.dispose();
    }
    const { engine, audio } = await setup(sim);
    // Chunks and key-up: 20 push-to-talk turns of 25 chunks each.
    for (let turn = 0; turn < 20; turn++) {
      engine.talkStart();
      for (let c = 0; c < 25; c++) {
        const t0 = performance.now();
        audio.mic.speak(20);
        chunk.push((await until(sim, 'input_audio_buffer.append', t0)).at - t0);
      }
      const done = turnDone(engine);
      const t0 = performance.now();
      engine.talkEnd();
      await until(sim, 'input_audio_buffer.commit', t0);
      keyUp.push((await until(sim, 'response.create', t0)).at - t0);
      await done;
      await audio.speaker.drain();
    }
    await engine.dispose();
    // Barge-in: a long answer streaming faster than real time, interrupted while it plays.
    sim.options.defaultReply = { text: 'a long answer', audioMs: 3_000 };
    sim.options.deltaIntervalMs = 20;
    const b = await setup(sim);
    for (let i = 0; i < 15; i++) {
      b.engine.talkStart();
      b.audio.mic.speak(200);
      const done = turnDone(b.engine);
      b.engine.talkEnd();
      await new Promise<void>((resolve) => {
        const check = () => (b.engine.getState().status === 'speaking' ? resolve() : setTimeout(check, 2));
        check();
      });
      await new Promise((r) => setTimeout(r, 100));
      const t0 = performance.now();
      b.engine.talkStart();
      await until(sim, 'response.cancel', t0);
      bargeIn.push((await until(sim, 'conversation.item.truncate', t0)).at - t0);
      await done;
      b.engine.setMuted(true); // drop the barge-in turn without sending it
      b.engine.setMuted(false);
    }
    await b.engine.dispose();
    if (sim.violations.length) throw new Error(`protocol violations: ${sim.violations.join('; ')}`);
  } finally {
    await sim.close();
  }
  return { connect, chunk, keyUp, bargeIn };
}

export default async function realtimeSuite(): Promise<BenchFigure[]> {
  const runs: Awaited<ReturnType<typeof oneRun>>[] = [];
  for (let i = 0; i < RUNS; i++) runs.push(await oneRun());
  const figure = (name: string, key: keyof (typeof runs)[number], p: number, goal: string): BenchFigure => ({
    name: `${name} p${p}`,
    value: Number(median(runs.map((r) => percentile(r[key], p))).toFixed(3)),
    unit: 'ms',
    runs: RUNS,
    samplesPerRun: runs[0]![key].length,
    goal,
  });
  return [
    figure('mic chunk → append on the wire', 'chunk', 50, '<= 1'),
    figure('mic chunk → append on the wire', 'chunk', 99, '<= 1'),
    figure('key-up → commit + response.create on the wire', 'keyUp', 50, '<= 2'),
    figure('key-up → commit + response.create on the wire', 'keyUp', 99, '<= 2'),
    figure('barge-in key-down → cancel + truncate on the wire', 'bargeIn', 50, '<= 5'),
    figure('barge-in key-down → cancel + truncate on the wire', 'bargeIn', 99, '<= 5'),
    figure('connect → confirmed session (loopback)', 'connect', 50, '<= 50'),
    figure('connect → confirmed session (loopback)', 'connect', 99, '<= 50'),
  ];
}
