// Barge-in on a real-time device (PulseAudio null sink): a long reply is playing, stop() is called mid-way,
// and the speaker's monitor goes silent within the output pipeline's own latency (what PortAudio and the
// sound server still hold); nothing queued in the jitter buffer sounds. stop()'s played time is what
// reached the device: never more than was written, and no less than what was heard minus the blocks
// already handed over.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDeviceSink, defaultQueueBlocks } from '../../../src-main/core/audio/device-sink';
import { startPulseRig, type PulseRig } from '../../support/audio-rigs/pulse-rig';

const rate = 24_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A 1 kHz tone at half scale, PCM16 24 kHz, as the deltas of a long reply. */
function toneReply(ms: number): Buffer {
  const samples = (rate * ms) / 1000;
  const out = Buffer.alloc(samples * 2);
  for (let i = 0; i < samples; i++)
    out.writeInt16LE(Math.round(16_384 * Math.sin((2 * Math.PI * 1000 * i) / rate)), i * 2);
  return out;
}

describe('PulseAudio null-sink rig: barge-in', () => {
  let rig: PulseRig;
  beforeAll(async () => {
    rig = await startPulseRig();
    Object.assign(process.env, rig.env);
  });
  afterAll(async () => {
    await rig?.stop();
  });

  it('stop() silences the speaker within the output latency and reports what reached the device', async () => {
    const sink = createDeviceSink({ format: 'audio/pcm', device: null });
    const recording = rig.recordSpeaker(rate);
    let heard: Buffer;
    let played: number;
    let writeAt: number;
    let stopAt: number;
    const writtenMs = 4000;
    try {
      // Starting a PulseAudio stream takes a second or two: play a little silence first and wait until it
      // has reached the device, so what follows measures a running device, not its start-up.
      await sleep(300); // parecord connected
      sink.write(Buffer.alloc(4800));
      await sink.drain();
      sink.resetPlayed();
      const reply = toneReply(writtenMs);
      writeAt = performance.now();
      // The server sends faster than real time: the whole reply is queued at once, 100 ms deltas.
      for (let at = 0; at < reply.length; at += 4800) sink.write(reply.subarray(at, at + 4800));
      await sleep(1500);
      stopAt = performance.now();
      played = sink.stop();
      await sleep(800);
    } finally {
      heard = await recording.stop();
      await sink.close();
    }
    const got = new Int16Array(heard.buffer, heard.byteOffset, heard.length >> 1);
    // Loud = the tone (peak 16384); silence on a null sink is exact zeros.
    const isLoud = (s: number) => Math.abs(s) > 1000;
    const onset = got.findIndex(isLoud);
    const last = got.findLastIndex(isLoud);
    expect(onset).toBeGreaterThanOrEqual(0);
    // Heard = loud milliseconds, not the span from first to last: a device underrun on a busy machine
    // inserts silence the span would count.
    let loudWindows = 0;
    for (let w = onset; w <= last; w += rate / 1000)
      if (got.subarray(w, w + rate / 1000).some(isLoud)) loudWindows++;
    const heardMs = loudWindows;

    // The recording's sample clock on the test's clock: each piece arrives no earlier than its last sample
    // was rendered, so the earliest arrival relative to its position bounds when sample 0 was rendered
    // (the null sink and performance.now() both run on the monotonic clock: no drift).
    const zero = Math.min(...recording.arrivals.map((a) => a.at - (a.bytes / 2 / rate) * 1000));
    const renderedAt = (sample: number) => zero + (sample / rate) * 1000;
    const onsetLatencyMs = renderedAt(onset) - writeAt;
    const stopToSilenceMs = renderedAt(last + 1) - stopAt;
    console.info(
      `barge-in: stop() → silence ${stopToSilenceMs.toFixed(1)} ms; write → sound ${onsetLatencyMs.toFixed(1)} ms; ` +
        `played ${played.toFixed(1)} ms, heard ${heardMs.toFixed(1)} ms`,
    );

    // The queue really was dropped: a 4 s reply stopped after 1.5 s is not played out.
    expect(heardMs).toBeLessThan(2500);
    // Silence comes as fast as the output pipeline allows: no slower than sound took to start (both are
    // the blocks handed over plus PortAudio's and the server's buffers), with scheduling slack.
    // Measured here: ≈ 70–80 ms, about 50 ms of it ours (see device-sink.ts).
    expect(stopToSilenceMs).toBeLessThan(onsetLatencyMs + 20);
    expect(stopToSilenceMs).toBeLessThan(150);
    // Played time: what reached the device at stop(). Never more than was written; what was heard is that
    // plus at most the blocks already handed over (queued, and the one playing: 10 ms each), give or take a
    // millisecond of edges.
    // (Not asserted the other way: after a device underrun on a loaded machine, PortAudio's ALSA path can
    // drop audio it had taken, so played may exceed heard.)
    expect(played).toBeLessThanOrEqual(writtenMs);
    expect(played).toBeGreaterThanOrEqual(heardMs - (defaultQueueBlocks + 1) * 10 - 2);
  });
});
