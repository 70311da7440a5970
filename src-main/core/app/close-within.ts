// Closing the core at quit, with a bound: history and the session must be closed before the process ends
// (or the last lines of a conversation may be lost), but a close that hangs must never keep a quitting app
// alive.

/** How long a quit waits for the core to close. History closes in milliseconds; a stuck device may not. */
export const QUIT_CLOSE_MS = 5_000;

/** Runs `close` and resolves when it settles or after `ms`, whichever is first; never rejects, logs why. */
export async function closeWithin(
  close: () => Promise<unknown>,
  ms: number,
  log: (message: string, error?: unknown) => void,
): Promise<void> {
  const timedOut = Symbol('timed out');
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<typeof timedOut>((resolve) => {
    timer = setTimeout(() => resolve(timedOut), ms);
  });
  try {
    const outcome = await Promise.race([Promise.resolve().then(close), timeout]);
    if (outcome === timedOut) log(`closing took longer than ${ms} ms; quitting anyway`);
  } catch (error) {
    log('closing failed; quitting anyway', error);
  } finally {
    clearTimeout(timer);
  }
}
