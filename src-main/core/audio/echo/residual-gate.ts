// The last guard against the assistant hearing itself, after the canceller (the rules apply only while the assistant
// is audible):
// 1. Onset guard. When a reply starts after a pause, the canceller may not yet cancel it: its filter is fresh, or the
//    speaker's first blocks reached it in a burst (a device filling its buffer) and the echo's delay has to be
//    found again. Until the last 200 ms of audible blocks show at least `gateDb` of cancellation — or for at
//    most `onsetGuardMs` — the microphone is silenced; once lifted, it stays lifted for the reply. Measured on
//    the PulseAudio rig: without it, one start of a first reply in five came through uncancelled and the
//    server's VAD took it for the user.
// 2. Leak gate. A block the canceller turned down by more than `gateDb` is echo with a leak left in it (a
//    realignment, a drift): what is left is silenced. A user talking over the assistant keeps most of their own
//    energy through the canceller (the echo removed is at most half of what the microphone hears when they are
//    as loud as the echo), so their blocks pass.
// 3. Attack. A block that passes 2. with sound in it (over −50 dBFS) is let through only once such blocks have
//    run for `openAfterMs`; after that the gate stays open until none has passed for `closeAfterMs`. A user
//    talking over the assistant speaks for longer than that and loses only their first 50 ms; what still leaked
//    on the PulseAudio rig was one to four blocks (a stretch of the reply the filter had not learnt: 20–40 ms at
//    −35 to −39 dBFS), which the server's VAD took for the user.
// The canceller's output is `latencySamples` late, so each output block is compared with the loudest input of
// the blocks that could have made it.
export interface ResidualGate {
  /** `input`: the microphone block given to the canceller; `output`: what it returned; `audible`: far end. */
  apply(input: Float32Array, output: Float32Array, audible: boolean): Float32Array;
}

/** An output block this far below its input, with the assistant audible, is a leak of echo. */
export const gateDb = 10;
/** The longest the onset guard holds the microphone (a user barging in right at a reply's start waits this). */
export const onsetGuardMs = 2_000;
/** Silence of the far end this long makes the next audible block a reply's onset. */
const onsetAfterMs = 600;
/** Sound passing rule 2 for this long in a row opens the gate (rule 3). */
export const openAfterMs = 50;
/** An open gate closes when no sound has passed for this long. */
const closeAfterMs = 200;
/** Cancellation is judged over this much of the latest audible audio. */
const judgedMs = 200;
/** Blocks quieter than this (mean square, −50 dBFS) tell nothing about cancellation. */
const quietEnergy = 1e-5;

const energy = (samples: Float32Array) => {
  let sum = 0;
  for (const x of samples) sum += x * x;
  return sum / Math.max(1, samples.length);
};

export function createResidualGate(
  latencySamples: number,
  blockSamples: number,
  captureRate: number,
): ResidualGate {
  // Enough past input blocks to cover the canceller's latency plus the block itself.
  const span = Math.max(1, Math.ceil(latencySamples / Math.max(1, blockSamples)) + 1);
  const blockMs = (blockSamples / captureRate) * 1000;
  const recent: number[] = [];
  const ratio = 10 ** (-gateDb / 10);
  let silentMs = Infinity; // far end inaudible for this long
  let sinceOnsetMs = Infinity;
  let judged: { inE: number; outE: number }[] = [];
  let passingMs = 0; // sound passing rule 2 in a row
  let sincePassedMs = Infinity; // since sound last passed rule 2
  let open = false;
  let lifted = false; // the onset guard has seen the canceller cancel, this reply
  const silence = (n: number) => new Float32Array(n);

  const cancelling = () => {
    const heard = judged.filter((b) => b.inE > quietEnergy);
    if (heard.length * blockMs < judgedMs / 2) return false;
    const inE = heard.reduce((sum, b) => sum + b.inE, 0);
    const outE = heard.reduce((sum, b) => sum + b.outE, 0);
    return outE < inE * ratio;
  };

  return {
    apply(input, output, audible) {
      const inE = energy(input);
      recent.push(inE);
      if (recent.length > span) recent.shift();
      if (!audible) {
        silentMs += blockMs;
        open = false;
        passingMs = 0;
        return output;
      }
      if (silentMs >= onsetAfterMs) {
        sinceOnsetMs = 0;
        judged = [];
        lifted = false;
      }
      silentMs = 0;
      sinceOnsetMs += blockMs;
      const loudestIn = Math.max(...recent);
      const outE = energy(output);
      judged.push({ inE: loudestIn, outE });
      if (judged.length * blockMs > judgedMs) judged.shift();
      // Lifted once for the reply: the user talking over it afterwards must not bring the guard back.
      if (!lifted && sinceOnsetMs <= onsetGuardMs) lifted = cancelling();
      const guarded = !lifted && sinceOnsetMs <= onsetGuardMs;
      sincePassedMs += blockMs;
      if (guarded || outE < loudestIn * ratio) {
        passingMs = 0;
        if (sincePassedMs >= closeAfterMs) open = false;
        return silence(output.length);
      }
      if (outE <= quietEnergy) return output; // nothing the server could hear
      passingMs += blockMs;
      sincePassedMs = 0;
      if (passingMs >= openAfterMs) open = true;
      return open ? output : silence(output.length);
    },
  };
}
