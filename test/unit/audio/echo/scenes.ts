// Short echo scenes for the canceller's tests (the benchmark's room, shorter speech), made once per file.
import { echoScene, type EchoScene, type EchoSceneOptions } from '../../../../bench/lib/echo-scene';

export const rate = 48_000;
const farText = 'Your next meeting is at half past two with the design team, in the large room upstairs.';
const nearText = 'Hold on, can you move it to Friday?';
const longText =
  'The weather today is mostly sunny with a light breeze from the west. Later this afternoon, clouds ' +
  'will gather over the hills, and there is a small chance of rain in the evening. Tomorrow looks warmer.';

const cache = new Map<string, EchoScene>();

/** About 5 s of the assistant; with `near`, the user talks over it from 3 s on. */
export function scene(options: Partial<EchoSceneOptions> & { near?: boolean } = {}): EchoScene {
  const { near, ...rest } = options;
  const key = JSON.stringify(options);
  let made = cache.get(key);
  if (!made) {
    made = echoScene({ rate, farText, nearStartSec: 3, ...(near ? { nearText } : {}), ...rest });
    cache.set(key, made);
  }
  return made;
}

/**
 * The room changes while the assistant speaks: a first reply heard `firstMs` late, then a second one
 * `secondMs` late (another device, a Bluetooth speaker taking over). Returns the scene and where the second
 * reply's echo starts.
 */
export function delayChange(firstMs = 80, secondMs = 200): { scene: EchoScene; secondEcho: number } {
  const first = scene({ delayMs: firstMs });
  const second = echoScene({
    rate,
    farText: 'After that you have a call with the supplier about the delayed parts, which takes an hour.',
    farStartSec: first.mic.length / rate,
    delayMs: secondMs,
    seed: 7,
  });
  const mic = second.mic.slice();
  const far = second.far.slice();
  for (let i = 0; i < first.mic.length; i++) {
    mic[i] = first.mic[i]!; // its noise instead of the second scene's, not both
    far[i] = first.far[i]!;
  }
  return { scene: { ...second, mic, far }, secondEcho: second.echoSpan[0] };
}

/** The user alone: the scene's near end with its noise, and a silent far end. */
export function nearOnly(): EchoScene {
  const s = scene({ near: true });
  return {
    ...s,
    far: new Float32Array(s.far.length),
    echo: new Float32Array(s.echo.length),
    mic: s.mic.map((v, i) => v - s.echo[i]!),
  };
}

/**
 * A hands-free conversation: a reply, the user speaking alone in the pause, a second reply. The echo drifts
 * `ppm` parts per million later per sample, as when the speaker's and the microphone's clocks differ (the
 * PulseAudio rig: 220 ppm, 0.5 ms over a 2.5 s pause). `room`: the room and noise (the rig's loopback is a
 * short, clean path: no reverberation, no noise). Returns the scene and where the second reply's echo starts.
 */
export function twoReplies(
  ppm: number,
  room: Partial<EchoSceneOptions> = {},
): { scene: EchoScene; secondEcho: number } {
  const first = scene({ delayMs: 80, ...room });
  const firstSec = first.mic.length / rate;
  const second = echoScene({
    rate,
    farText: 'After that you have a call with the supplier about the delayed parts, which takes an hour.',
    farStartSec: firstSec + 3.5,
    nearText: 'Thanks. What else is on today?',
    nearStartSec: firstSec + 0.3,
    seed: 7,
    ...room,
  });
  const far = second.far.slice();
  far.set(first.far);
  const echo = second.echo.slice();
  echo.set(first.echo);
  const mic = new Float32Array(echo.length);
  const late = drifted(echo, ppm);
  for (let i = 0; i < mic.length; i++) {
    const noise =
      i < first.mic.length ? first.mic[i]! - first.echo[i]! : second.mic[i]! - echo[i]! - second.near[i]!;
    mic[i] = late[i]! + second.near[i]! + noise;
  }
  return { scene: { ...second, far, mic }, secondEcho: second.echoSpan[0] };
}

/** `echo` read later and later, `ppm` per million samples (linear interpolation): two clocks drifting apart. */
export function drifted(echo: Float32Array, ppm: number): Float32Array {
  const out = new Float32Array(echo.length);
  for (let i = 0; i < out.length; i++) {
    const at = i - (i * ppm) / 1e6;
    const k = Math.floor(at);
    out[i] = k >= 0 ? echo[k]! + (at - k) * ((echo[k + 1] ?? 0) - echo[k]!) : 0;
  }
  return out;
}

/**
 * One long reply (about 11 s, the benchmark's first) over a drifting loopback like the PulseAudio rig's: the
 * echo path's phase turns steadily, faster the higher the frequency.
 */
export function longDrifting(ppm: number, room: Partial<EchoSceneOptions> = {}): EchoScene {
  const made = echoScene({ rate, farText: longText, delayMs: 80, ...room });
  const late = drifted(made.echo, ppm);
  const mic = made.mic.map((v, i) => v - made.echo[i]! + late[i]!);
  return { ...made, echo: late, mic };
}

/**
 * `made` with the speaker's buffer slipping `ms` at `atSec`: a late write left the device a gap, and every
 * echo after it arrives that much later (the far end, as written, does not show the gap).
 */
export function slipped(made: EchoScene, atSec: number, ms: number): EchoScene {
  const at = Math.round(atSec * made.rate);
  const gap = Math.round((ms * made.rate) / 1000);
  const echo = made.echo.map((v, i) => (i < at ? v : i - gap >= at ? made.echo[i - gap]! : 0));
  const mic = made.mic.map((v, i) => v - made.echo[i]! + echo[i]!);
  return { ...made, echo, mic };
}
