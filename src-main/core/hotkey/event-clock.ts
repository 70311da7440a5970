// Maps OS event timestamps (X server time, GetTickCount, CGEvent time: ms on their own clock) onto
// performance.now(). Hook threads may deliver events in bursts (X11 auto-repeats arrive together), so the
// OS timestamp is the truth for durations; the offset is the smallest delivery delay seen, since an event
// can arrive late but never before it happened.

/** Beyond this the OS clock must have jumped or wrapped: re-anchor instead of trusting the old offset. */
const MAX_PLAUSIBLE_DELAY_MS = 10_000;

export function createEventClock(now: () => number = () => performance.now()) {
  let offset: number | undefined;
  return (osTime: number): number => {
    const received = now();
    const candidate = received - osTime;
    if (offset === undefined || candidate < offset || candidate - offset > MAX_PLAUSIBLE_DELAY_MS) {
      offset = candidate;
    }
    return osTime + offset;
  };
}
