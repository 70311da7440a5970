// Numbers the echo canceller's parts share, each written once.

/** The far end and the microphone are paired (and the delay estimated) in 10 ms frames. */
export const frameMs = 10;
export const framesPerSecond = 1000 / frameMs;

/** Far-end level under which the assistant counts as silent: well under speech, above a TTS's idle hiss. */
export const farActiveDbfs = -50;

/** How long the half-duplex gate stays shut after the echo's expected arrival: the room's tail and a margin. */
export const hangMs = 150;

/** The longest speaker → microphone delay the canceller follows; past it, it reports and falls back. */
export const maxDelayMs = 500;

/** The delay estimator searches this far, so that a delay past `maxDelayMs` is seen rather than missed. */
export const searchDelayMs = 1000;
