// Echo cancellation (issue 13): the assistant's speech (espeak-ng) through a soft-clipping speaker, a room
// with RT60 ≈ 250 ms, 80 ms of delay, −6 dB and a −60 dBFS noise floor; the user, in another voice, talks
// over it from 5.5 s on, as loud at the microphone as the echo. Five conversations (different speech and
// rooms): the quality figures are medians over them, the speed figure a median of 7 timed runs. Baselines
// in the same run: the stock AEC3 build at 48 kHz fed as its README says (no alignment), and no canceller.
import { createCaptureChain } from '../../src-main/core/audio/capture-chain';
import { aec3LatencySamples } from '../lib/aec3-latency';
import { loadAec3, type Aec3Module } from '../lib/aec3-loader';
import { createEchoCanceller, type EchoCanceller } from '../../src-main/core/audio/echo';
import { median, type BenchFigure } from '../figure';
import { echoFigures, runCanceller, type EchoFigures } from '../lib/echo-run';
import { echoScene, type EchoScene } from '../lib/echo-scene';
import { echoConversations, interruptAtSec } from '../lib/echo-texts';

const rate = 48_000; // the usual device rate, capture and playback
const delayMs = 80;
const timedRuns = 7;
const warmupRuns = 2;

/** AEC3 as its README shows it: one instance at 48 kHz, `analyze` then `process` per 10 ms, nothing else. */
function stockCanceller(module: Aec3Module): EchoCanceller {
  const aec = new module.AEC3(rate, 1, 1);
  return {
    mode: 'on',
    latencySamples: aec3LatencySamples(module, rate, rate),
    farEnd: (samples) => aec.analyze([samples]),
    process(near) {
      const out = [new Float32Array(aec.processSize([near]))];
      aec.process(out, [near]);
      return out[0]!;
    },
    farEndActive: () => false,
    reset() {},
    dispose: () => aec.free(),
  };
}

const passthrough = (): EchoCanceller => ({
  mode: 'off',
  latencySamples: 0,
  farEnd() {},
  process: (near) => near,
  farEndActive: () => false,
  reset() {},
  dispose() {},
});

const ours = async (knownDelayMs?: number) =>
  (await createEchoCanceller('on', { captureRate: rate, renderRate: rate, knownDelayMs })).canceller;

function measure(canceller: EchoCanceller, scene: EchoScene): EchoFigures {
  const figures = echoFigures(scene, runCanceller(canceller, scene), canceller.latencySamples);
  canceller.dispose();
  return figures;
}

/** × real time of the capture chain (48 kHz mono → 24 kHz PCM16 chunks) behind `make()`'s canceller. */
async function realtime(scene: EchoScene, make: () => Promise<EchoCanceller | undefined>): Promise<number[]> {
  const times: number[] = [];
  for (let run = 0; run < warmupRuns + timedRuns; run++) {
    const canceller = await make();
    const chain = createCaptureChain({
      inputRate: rate,
      inputChannels: 1,
      format: 'audio/pcm',
      onChunk() {},
    });
    const t0 = performance.now();
    if (canceller) runCanceller(canceller, scene, 10, (block) => chain.push(block));
    else
      for (let at = 0; at < scene.mic.length; at += rate / 100)
        chain.push(scene.mic.subarray(at, at + rate / 100));
    chain.finish();
    times.push(performance.now() - t0);
    canceller?.dispose();
  }
  const seconds = scene.mic.length / rate;
  return times.slice(warmupRuns).map((ms) => (seconds * 1000) / ms);
}

const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;

export default async function aecSuite(): Promise<BenchFigure[]> {
  const module = await loadAec3();
  const scenes = echoConversations.map((c, i) =>
    echoScene({ rate, farText: c.far, nearText: c.near, nearStartSec: interruptAtSec, delayMs, seed: i + 1 }),
  );
  const louder = echoConversations.map((c, i) =>
    echoScene({
      rate,
      farText: c.far,
      nearText: c.near,
      nearStartSec: interruptAtSec,
      delayMs,
      seed: i + 1,
      nearLevelDb: 6,
    }),
  );
  const results = {
    ours: [] as EchoFigures[],
    known: [] as EchoFigures[],
    stock: [] as EchoFigures[],
    none: [] as EchoFigures[],
    oursLouder: [] as EchoFigures[],
    stockLouder: [] as EchoFigures[],
    noneLouder: [] as EchoFigures[],
  };
  for (const [i, scene] of scenes.entries()) {
    results.ours.push(measure(await ours(), scene));
    results.known.push(measure(await ours(delayMs), scene));
    results.stock.push(measure(stockCanceller(module), scene));
    results.none.push(measure(passthrough(), scene));
    results.oursLouder.push(measure(await ours(), louder[i]!));
    results.stockLouder.push(measure(stockCanceller(module), louder[i]!));
    results.noneLouder.push(measure(passthrough(), louder[i]!));
  }
  const runs = scenes.length;
  const med = (list: EchoFigures[], key: keyof EchoFigures) => median(list.map((f) => f[key]));
  const figure = (
    name: string,
    list: EchoFigures[],
    key: keyof EchoFigures,
    extra: Partial<BenchFigure> = {},
  ) => {
    const dB = key !== 'nearEndCorr';
    return {
      name,
      value: round(med(list, key), dB ? 1 : 3),
      unit: dB ? 'dB' : 'correlation',
      runs,
      ...extra,
    };
  };

  const speed = await realtime(scenes[0]!, () => ours());
  const stockSpeed = await realtime(scenes[0]!, async () => stockCanceller(module));
  const chainSpeed = await realtime(scenes[0]!, async () => undefined);
  const latency = (await ours()).latencySamples;
  const x = (list: number[]) => round(median(list), 0);

  return [
    figure('aec.erle.converged', results.ours, 'erleConverged', { goal: '>= 30' }),
    figure('aec.erle.first500ms', results.ours, 'erleFirst500ms', { goal: '>= 15' }),
    figure('aec.doubleTalk.nearEndCorr', results.ours, 'nearEndCorr', { goal: '>= 0.9' }),
    {
      name: 'aec.realtime',
      value: x(speed),
      unit: '× real time',
      runs: timedRuns,
      warmupRuns,
      goal: '>= 100',
      note: 'capture chain with cancellation: farEnd + process + 48k → 24k PCM16 chunks, one core',
    },
    { name: 'aec.latencyMs', value: round((latency / rate) * 1000, 2), unit: 'ms', runs: 1 },
    // The same with the delay handed over up front (the devices' reported latency, when it is right).
    figure('aec.knownDelay.erle.converged', results.known, 'erleConverged'),
    figure('aec.knownDelay.erle.first500ms', results.known, 'erleFirst500ms'),
    figure('aec.knownDelay.doubleTalk.nearEndCorr', results.known, 'nearEndCorr'),
    // The user 6 dB louder than the echo (as loud as the assistant before the echo path's −6 dB).
    figure('aec.doubleTalk.nearEndCorr.near6dB', results.oursLouder, 'nearEndCorr'),
    // Baselines.
    figure('aec.stock.erle.converged', results.stock, 'erleConverged'),
    figure('aec.stock.erle.first500ms', results.stock, 'erleFirst500ms'),
    figure('aec.stock.doubleTalk.nearEndCorr', results.stock, 'nearEndCorr'),
    figure('aec.stock.doubleTalk.nearEndCorr.near6dB', results.stockLouder, 'nearEndCorr'),
    figure('aec.none.doubleTalk.nearEndCorr', results.none, 'nearEndCorr'),
    figure('aec.none.doubleTalk.nearEndCorr.near6dB', results.noneLouder, 'nearEndCorr'),
    { name: 'aec.stock.realtime', value: x(stockSpeed), unit: '× real time', runs: timedRuns, warmupRuns },
    { name: 'aec.none.realtime', value: x(chainSpeed), unit: '× real time', runs: timedRuns, warmupRuns },
    {
      name: 'aec.realtimeRatio',
      value: round(median(speed) / median(stockSpeed), 2),
      unit: '× the stock build',
      runs: timedRuns,
    },
  ];
}
