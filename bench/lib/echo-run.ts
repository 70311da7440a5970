// Plays an echo scene through a canceller as the app does in real time (each block: what the speaker was
// handed, then what the microphone heard) and measures it. Shared by `npm run bench -- aec` and the tests.
import type { EchoCanceller } from '../../src-main/core/audio/echo';
import { bestLagCorrelation, erleDb } from './echo-metrics';
import { sceneDefaults, type EchoScene } from './echo-scene';

/** The scene's microphone through `canceller` in `blockMs` blocks; `onOut` sees each cleaned block. */
export function runCanceller(
  canceller: EchoCanceller,
  scene: EchoScene,
  blockMs = 10,
  onOut?: (block: Float32Array) => void,
): Float32Array {
  const block = Math.round((scene.rate * blockMs) / 1000);
  const out = new Float32Array(scene.mic.length);
  for (let at = 0; at < scene.mic.length; at += block) {
    canceller.farEnd(scene.far.subarray(at, at + block));
    const cleaned = canceller.process(scene.mic.subarray(at, at + block));
    onOut?.(cleaned);
    out.set(cleaned, at);
  }
  return out;
}

export interface EchoFigures {
  /** dB over echo-only audio from 1 s after the echo starts (the user's speech and 300 ms after it left out). */
  erleConverged: number;
  /** dB over the echo's first 500 ms. */
  erleFirst500ms: number;
  /** The user's speech in the output during double talk, correlated with the clean one at the best lag. */
  nearEndCorr: number;
}

/** `latency`: how many samples the output lags the microphone. */
export function echoFigures(scene: EchoScene, out: Float32Array, latency: number): EchoFigures {
  const { rate, mic, near } = scene;
  const [echoFrom, echoTo] = scene.echoSpan;
  const [nearFrom, nearTo] = scene.nearSpan;
  const echoEnd = Math.min(mic.length - latency, echoTo + Math.round(sceneDefaults.rt60Sec * rate)); // the tail
  const userSpeaking: [number, number][] = [[nearFrom, nearTo + Math.round(0.3 * rate)]];
  const doubleTalk: [number, number] = [Math.max(nearFrom, echoFrom), Math.min(nearTo, echoTo)];
  const slack = Math.round(0.01 * rate); // lags around the announced latency, in case it is off
  return {
    erleConverged: erleDb(mic, out, latency, echoFrom + rate, echoEnd, nearTo > nearFrom ? userSpeaking : []),
    erleFirst500ms: erleDb(mic, out, latency, echoFrom, echoFrom + rate / 2),
    nearEndCorr:
      doubleTalk[1] > doubleTalk[0]
        ? bestLagCorrelation(near, out, doubleTalk[0], doubleTalk[1], latency + slack).correlation
        : Number.NaN,
  };
}
