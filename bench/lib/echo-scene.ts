// The echo benchmark's room, shared with the echo canceller's unit tests (issue 13): the assistant's speech
// (what was written to the speaker device) goes through a soft-clipping speaker (tanh), a decaying room
// response (RT60 about 250 ms), the output+input device delay and a gain, and reaches the microphone with a
// −60 dBFS noise floor and, from some point on, the user's own speech in a different voice.
import { espeakSpeech } from './espeak';
import { fftConvolve } from './fft-convolve';

export interface EchoSceneOptions {
  rate: number;
  farText: string;
  nearText?: string;
  /** Where the assistant starts speaking, in seconds (the canceller hears silence before). */
  farStartSec?: number;
  /** Where the user starts speaking over the assistant, in seconds. */
  nearStartSec?: number;
  /** Speaker device → microphone device delay (output + input latency and the sound's flight). */
  delayMs?: number;
  /** Level of the echo relative to what was written to the speaker. */
  echoGainDb?: number;
  rt60Sec?: number;
  noiseDbfs?: number;
  /** espeak-ng voices: the assistant and the user must differ. */
  farVoice?: string;
  nearVoice?: string;
  /** The user's level at the microphone relative to the echo's (both over their speech), in dB. */
  nearLevelDb?: number;
  /** Seeds the room's reflections and the noise: different rooms, same statistics. */
  seed?: number;
  /** Extra seconds after the last speech, so the room's tail is inside the recording. */
  tailSec?: number;
}

export interface EchoScene {
  rate: number;
  /** What the app wrote to the speaker device: the canceller's far end. */
  far: Float32Array;
  /** The echo as the microphone receives it (speaker, room, delay, gain). */
  echo: Float32Array;
  /** The user's speech as the microphone receives it (zero before nearStart). */
  near: Float32Array;
  /** What the microphone records: echo + near + noise. */
  mic: Float32Array;
  delaySamples: number;
  /** Sample ranges [from, to) of the assistant's speech (as written), the echo, and the user's speech. */
  farSpan: [number, number];
  echoSpan: [number, number];
  nearSpan: [number, number];
}

export const sceneDefaults = {
  delayMs: 80,
  echoGainDb: -6,
  rt60Sec: 0.25,
  noiseDbfs: -60,
  farVoice: 'en-us',
  nearVoice: 'en-gb+f3',
  /** The far end's peak before the speaker: tanh compresses it by about a fifth, a speaker pushed hard. */
  farPeak: 0.9,
} as const;

/** Deterministic uniform numbers in [0, 1) (mulberry32), so every run hears the same room and noise. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal numbers (Box–Muller) from a seeded uniform source. */
export function seededGaussian(seed: number): () => number {
  const uniform = seededRandom(seed);
  return () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
}

/**
 * A room's impulse response: the direct sound, then diffuse reflections as Gaussian noise under an
 * exponential envelope that falls 60 dB in `rt60Sec`, cut there. Normalised to unit energy, so the
 * scene's gain alone sets the echo level.
 */
export function roomResponse(rate: number, rt60Sec: number, seed = 1): Float32Array {
  const length = Math.round(rt60Sec * rate);
  const gauss = seededGaussian(seed);
  const h = new Float32Array(length);
  const decayPerSample = Math.log(1000) / length; // 60 dB = a factor 1000 in amplitude
  h[0] = 1;
  // The reflections' first samples are about a third of the direct sound: a small room, speaker nearby.
  for (let n = 1; n < length; n++) h[n] = (gauss() * Math.exp(-decayPerSample * n)) / 3;
  let energy = 0;
  for (const v of h) energy += v * v;
  const scale = 1 / Math.sqrt(energy);
  for (let n = 0; n < length; n++) h[n]! *= scale;
  return h;
}

export const rms = (x: Float32Array, from = 0, to = x.length): number => {
  let sum = 0;
  for (let i = from; i < to; i++) sum += x[i]! * x[i]!;
  return Math.sqrt(sum / Math.max(1, to - from));
};

const peakOf = (x: Float32Array): number => x.reduce((m, v) => Math.max(m, Math.abs(v)), 0);

export function echoScene(options: EchoSceneOptions): EchoScene {
  const o = { ...sceneDefaults, ...options };
  const { rate } = o;
  const farSpeech = espeakSpeech(o.farText, o.farVoice, rate);
  const nearSpeech = o.nearText ? espeakSpeech(o.nearText, o.nearVoice, rate) : new Float32Array(0);
  const farStart = Math.round((o.farStartSec ?? 0.25) * rate);
  const nearStart = Math.round((o.nearStartSec ?? 0) * rate);
  const delaySamples = Math.round((o.delayMs * rate) / 1000);
  const lastSpeech = Math.max(farStart + farSpeech.length + delaySamples, nearStart + nearSpeech.length);
  const length = lastSpeech + Math.round((o.tailSec ?? o.rt60Sec) * rate);

  const far = new Float32Array(length);
  const gain = o.farPeak / peakOf(farSpeech);
  for (let i = 0; i < farSpeech.length; i++) far[farStart + i] = farSpeech[i]! * gain;

  const speaker = far.map(Math.tanh);
  const room = fftConvolve(speaker, roomResponse(rate, o.rt60Sec, o.seed ?? 1));
  const echoGain = 10 ** (o.echoGainDb / 20);
  const echo = new Float32Array(length);
  for (let i = delaySamples; i < length; i++) echo[i] = room[i - delaySamples]! * echoGain;

  // By default the user is as loud at the microphone as the assistant's echo (both over their speech):
  // double talk at 0 dB, where a canceller that does nothing leaves a near-end correlation of about 0.7.
  const near = new Float32Array(length);
  if (nearSpeech.length > 0) {
    const echoRms = rms(echo, farStart + delaySamples, farStart + delaySamples + farSpeech.length);
    const nearGain = (echoRms / rms(nearSpeech)) * 10 ** ((o.nearLevelDb ?? 0) / 20);
    for (let i = 0; i < nearSpeech.length; i++) near[nearStart + i] = nearSpeech[i]! * nearGain;
  }

  const noise = seededGaussian((o.seed ?? 1) + 1000);
  const noiseRms = 10 ** (o.noiseDbfs / 20);
  const mic = new Float32Array(length);
  for (let i = 0; i < length; i++) mic[i] = echo[i]! + near[i]! + noise() * noiseRms;

  return {
    rate,
    far,
    echo,
    near,
    mic,
    delaySamples,
    farSpan: [farStart, farStart + farSpeech.length],
    echoSpan: [farStart + delaySamples, farStart + farSpeech.length + delaySamples],
    nearSpan: [nearStart, nearStart + nearSpeech.length],
  };
}
