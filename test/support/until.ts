// Waits (polling every 10 ms) until `condition` holds, or fails after `ms` naming `what` was awaited: for tests
// that watch state a real process or device changes in its own time.
export const until = async (condition: () => boolean, what: string, ms = 15_000): Promise<void> => {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};
