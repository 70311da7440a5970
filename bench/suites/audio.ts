// Audio benchmarks: the resampler beside libsamplerate-js (SRC_SINC_FASTEST), the capture and playback
// chains as multiples of real time on one core, and the assistant-delta → device-write latency.
import { createRequire } from 'node:module';
import { createCaptureChain } from '../../src-main/core/audio/capture-chain';
import { createResampler } from '../../src-main/core/audio/dsp/resampler';
import { createPacedSink } from '../../src-main/core/audio/paced-sink';
import { median, percentile, type BenchFigure } from '../figure';
import { rejectionDb, tone, toneSnrDb } from '../lib/tone-metrics';

interface Src {
  full(input: Float32Array): Float32Array;
}
const require = createRequire(import.meta.url);
const libsamplerate = require('@alexanderolsen/libsamplerate-js') as {
  create(channels: number, inRate: number, outRate: number, o: { converterType: number }): Promise<Src>;
  ConverterType: { SRC_SINC_FASTEST: number };
};
const makeLib = (a: number, b: number) =>
  libsamplerate.create(1, a, b, { converterType: libsamplerate.ConverterType.SRC_SINC_FASTEST });

const runs = 7;
/**
 * Runs before the measured ones, discarded: V8's optimising compilers (JS and WebAssembly) take a few runs to
 * kick in, and a conversation runs for minutes, so steady state is the figure that matters. The cold first
 * run of each chain is printed too, so the warm-up is visible rather than hidden.
 */
const warmupRuns = 3;
const pairs = [
  [48_000, 24_000],
  [24_000, 48_000],
  [44_100, 24_000],
] as const;

/** Streams `input` through `process` in 20 ms pieces, as a live stream would; returns the output. */
function stream(process: (x: Float32Array) => Float32Array, input: Float32Array, rate: number): Float32Array {
  const step = rate / 50;
  const parts: Float32Array[] = [];
  let total = 0;
  for (let at = 0; at < input.length; at += step) {
    const out = process(input.subarray(at, at + step)).slice();
    parts.push(out);
    total += out.length;
  }
  const joined = new Float32Array(total);
  let at = 0;
  for (const p of parts) {
    joined.set(p, at);
    at += p.length;
  }
  return joined;
}

const timeIt = (fn: () => void): number => {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
};

async function resamplerFigures(): Promise<BenchFigure[]> {
  const figures: BenchFigure[] = [];
  const seconds = 10;
  for (const [a, b] of pairs) {
    const name = `resampler.${a / 1000}k-${b / 1000}k`;
    const input = tone(a, 1000, seconds);
    const ours: number[] = [];
    const lib: number[] = [];
    for (let r = 0; r < warmupRuns + runs; r++) {
      const rs = createResampler(a, b);
      ours.push(timeIt(() => stream((x) => rs.process(x), input, a)));
      const src = await makeLib(a, b);
      lib.push(timeIt(() => stream((x) => src.full(x), input, a)));
    }
    ours.splice(0, warmupRuns);
    lib.splice(0, warmupRuns);
    const oursX = (seconds * 1000) / median(ours);
    const libX = (seconds * 1000) / median(lib);
    figures.push(
      { name: `${name}.ours.realtime`, value: round(oursX), unit: '× real time', runs, warmupRuns },
      { name: `${name}.libsamplerate.realtime`, value: round(libX), unit: '× real time', runs, warmupRuns },
      {
        name: `${name}.speedRatio`,
        value: round(oursX / libX, 2),
        unit: '×',
        runs,
        warmupRuns,
        goal: '>= 3',
      },
    );
    for (const hz of [1000, 5000]) {
      const x = tone(a, hz, 1);
      const skip = Math.round(b * 0.01);
      const rs = createResampler(a, b);
      const mine = toneSnrDb(
        stream((y) => rs.process(y), x, a),
        b,
        hz,
        skip,
      );
      const src = await makeLib(a, b);
      const theirs = toneSnrDb(
        stream((y) => src.full(y), x, a),
        b,
        hz,
        skip,
      );
      figures.push(
        {
          name: `${name}.snr${hz / 1000}k.ours`,
          value: round(mine, 1),
          unit: 'dB',
          runs: 1,
          goal: `>= ${round(theirs, 1)}`,
        },
        { name: `${name}.snr${hz / 1000}k.libsamplerate`, value: round(theirs, 1), unit: 'dB', runs: 1 },
      );
    }
    if (b === 24_000 && a > b) {
      const x = tone(a, 15_000, 1);
      const skip = Math.round(b * 0.01);
      const rs = createResampler(a, b);
      const src = await makeLib(a, b);
      figures.push(
        {
          name: `${name}.reject15k.ours`,
          value: round(
            rejectionDb(
              x,
              stream((y) => rs.process(y), x, a),
              skip,
            ),
            1,
          ),
          unit: 'dB',
          runs: 1,
          goal: '>= 80',
        },
        {
          name: `${name}.reject15k.libsamplerate`,
          value: round(
            rejectionDb(
              x,
              stream((y) => src.full(y), x, a),
              skip,
            ),
            1,
          ),
          unit: 'dB',
          runs: 1,
        },
      );
    }
  }
  return figures;
}

/** A chain's steady-state speed (median of the measured runs) and its cold first run, as multiples of real time. */
function chainFigures(
  name: string,
  seconds: number,
  measuredMs: number[],
  coldMs: number,
  extra: { note?: string } = {},
): BenchFigure[] {
  return [
    {
      name,
      value: round((seconds * 1000) / median(measuredMs)),
      unit: '× real time',
      runs,
      warmupRuns,
      goal: '>= 2000',
      ...extra,
    },
    { name: `${name}.coldFirstRun`, value: round((seconds * 1000) / coldMs), unit: '× real time', runs: 1 },
  ];
}

/** 48 kHz stereo float32 device blocks → 24 kHz PCM16 → base64 input_audio_buffer.append JSON. */
function captureChainFigures(): BenchFigure[] {
  const seconds = 10;
  const rate = 48_000;
  const mono = tone(rate, 440, seconds, 0.3);
  const stereo = new Float32Array(mono.length * 2);
  for (let i = 0; i < mono.length; i++) stereo[2 * i] = stereo[2 * i + 1] = mono[i]!;
  const block = (rate / 100) * 2; // 10 ms device blocks
  const times: number[] = [];
  for (let r = 0; r < warmupRuns + runs; r++) {
    let bytes = 0;
    const chain = createCaptureChain({
      inputRate: rate,
      inputChannels: 2,
      format: 'audio/pcm',
      onChunk: (chunk) => {
        bytes += JSON.stringify({
          type: 'input_audio_buffer.append',
          audio: chunk.data.toString('base64'),
        }).length;
      },
      onLevel: () => {},
    });
    times.push(
      timeIt(() => {
        for (let at = 0; at < stereo.length; at += block) chain.push(stereo.subarray(at, at + block));
      }),
    );
    if (bytes === 0) throw new Error('capture chain produced nothing');
  }
  const cold = times[0]!;
  times.splice(0, warmupRuns);
  return [...chainFigures('captureChain.48kStereoFloat-to-appendJson', seconds, times, cold)];
}

/** response.output_audio.delta JSON → base64 decode → 48 kHz stereo 16-bit device blocks. */
async function playbackFigures(): Promise<BenchFigure[]> {
  const seconds = 10;
  const pcm = tone(24_000, 440, seconds, 0.3);
  const bytes = Buffer.alloc(pcm.length * 2);
  for (let i = 0; i < pcm.length; i++) bytes.writeInt16LE(Math.round(pcm[i]! * 32767), i * 2);
  // Deltas as the server sends them (~100 ms each here), pre-serialised.
  const deltas: string[] = [];
  for (let at = 0; at < bytes.length; at += 4800)
    deltas.push(
      JSON.stringify({
        type: 'response.output_audio.delta',
        delta: bytes.subarray(at, at + 4800).toString('base64'),
      }),
    );
  const times: number[] = [];
  for (let r = 0; r < warmupRuns + runs; r++) {
    let handed = 0;
    // A device that takes each block on the next turn of the event loop: measures our work only.
    const sink = createPacedSink({
      format: 'audio/pcm',
      deviceRate: 48_000,
      deviceChannels: 2,
      targetMs: 0,
      maxMs: 60_000,
      writer: {
        write: (block) => new Promise<void>((done) => setImmediate(() => ((handed += block.length), done()))),
        close: async () => {},
      },
    });
    await new Promise((r2) => setImmediate(r2));
    const t0 = performance.now();
    for (const json of deltas) {
      const event = JSON.parse(json) as { delta: string };
      sink.write(Buffer.from(event.delta, 'base64'));
    }
    await sink.drain();
    times.push(performance.now() - t0);
    await sink.close();
    if (handed < seconds * 48_000 * 4) throw new Error('playback chain lost audio');
  }
  const cold = times[0]!;
  times.splice(0, warmupRuns);
  return [
    ...chainFigures('playbackChain.deltaJson-to-48kStereo16', seconds, times, cold, {
      note: 'includes the pump handing 10 ms blocks to an always-ready device',
    }),
  ];
}

/**
 * Audio delta → device write: from the moment the `response.output_audio.delta` JSON is received to the
 * `writer.write()` call whose block carries the delta's first sample, through the real paced sink (parse,
 * base64, G.711/PCM decode, resample, jitter buffer, the pump's next turn). Jitter target 0, so this is our
 * processing latency alone. Not included, by design, and reported beside it: the jitter target (60 ms by
 * default: the first block of a response waits until that much audio has arrived, which is network time,
 * not work) and the wait for the device's next block slot (a real device takes a block every 10 ms; here
 * the device is always ready, so that wait is one turn of the event loop).
 */
async function deltaToWriteFigures(): Promise<BenchFigure[]> {
  const rate = 24_000;
  const deltaMs = 100;
  const perRun = 200;
  const warmupSamples = 10; // the first deltas of a fresh sink (first-use allocations), dropped per run
  const deltaBytes = (rate / 1000) * deltaMs * 2;
  const pcm = tone(rate, 440, (perRun * deltaMs) / 1000 + 1, 0.3);
  const bytes = Buffer.alloc(pcm.length * 2);
  for (let i = 0; i < pcm.length; i++) bytes.writeInt16LE(Math.round(pcm[i]! * 32767), i * 2);
  const deltas = Array.from({ length: perRun }, (_, k) =>
    JSON.stringify({
      type: 'response.output_audio.delta',
      delta: bytes.subarray(k * deltaBytes, (k + 1) * deltaBytes).toString('base64'),
    }),
  );
  const turn = () => new Promise((resolve) => setImmediate(resolve));
  const p50s: number[] = [];
  const p99s: number[] = [];
  for (let r = 0; r < warmupRuns + runs; r++) {
    let received = 0; // when the current delta's JSON arrived; 0 while none is on its way
    let reached: ((ms: number) => void) | undefined;
    const sink = createPacedSink({
      format: 'audio/pcm',
      deviceRate: 48_000,
      deviceChannels: 2,
      targetMs: 0,
      writer: {
        write: (block) => {
          const now = performance.now();
          // The first block that is not silence carries the delta's first sample.
          if (received !== 0 && block.some((b) => b !== 0)) {
            reached?.(now - received);
            received = 0;
          }
          return new Promise<void>((done) => setImmediate(done));
        },
        close: async () => {},
      },
    });
    const latencies: number[] = [];
    for (const json of deltas) {
      // Idle between deltas: the pump is handing the device silence, as between a reply's bursts.
      while (sink.isPlaying()) await turn();
      await turn();
      const latency = new Promise<number>((resolve) => (reached = resolve));
      // Delivered in a macrotask of its own, as a WebSocket message would be.
      setTimeout(() => {
        received = performance.now();
        const event = JSON.parse(json) as { delta: string };
        sink.write(Buffer.from(event.delta, 'base64'));
      }, 0);
      latencies.push(await latency);
    }
    await sink.close();
    if (r < warmupRuns) continue;
    latencies.splice(0, warmupSamples);
    p50s.push(percentile(latencies, 50));
    p99s.push(percentile(latencies, 99));
  }
  const samples = perRun - warmupSamples;
  const note = `${deltaMs} ms PCM16 deltas; median over ${runs} runs of each run's percentile (${samples} deltas a run)`;
  return [
    {
      name: 'playback.deltaToDeviceWrite.target0.p50',
      value: round(median(p50s), 3),
      unit: 'ms',
      runs,
      warmupRuns,
      goal: '<= 1',
      note: `delta JSON received → writer.write() of the block carrying its first sample, jitter target 0; ${note}`,
    },
    {
      name: 'playback.deltaToDeviceWrite.target0.p99',
      value: round(median(p99s), 3),
      unit: 'ms',
      runs,
      warmupRuns,
      goal: '<= 1',
    },
    {
      name: 'playback.jitterTarget',
      value: 60,
      unit: 'ms',
      note: 'default target, not processing: a response starts once this much audio has arrived (deltas of 60 ms or more start at once); a real device adds up to one 10 ms block slot plus its own output latency',
    },
  ];
}

const round = (v: number, digits = 0) => Number(v.toFixed(digits));

export default async function audioSuite(): Promise<BenchFigure[]> {
  return [
    ...captureChainFigures(),
    ...(await playbackFigures()),
    ...(await deltaToWriteFigures()),
    ...(await resamplerFigures()),
  ];
}
