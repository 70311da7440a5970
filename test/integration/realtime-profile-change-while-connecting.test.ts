// A profile change made while the session is connecting waits for the server's confirmation. If the user
// ends the session first, that confirmation never comes: the change must still answer (it applies at the
// next connect), or the window's IPC call hangs for ever.
import { afterEach, describe, expect, it } from 'vitest';
import { pttProfile, rig, waitFor, type Rig } from '../support/realtime/harness';

let r: Rig | undefined;
afterEach(async () => {
  await r?.close();
  r = undefined;
});

describe('a profile change while connecting', () => {
  it('answers when the session is ended before the server confirms', async () => {
    // The server takes 2 s to confirm any session.update.
    r = await rig({ updateDelayMs: 2_000 });
    r.engine.connect();
    await waitFor(() => r!.sent('session.update').length === 1, 5_000, 'the first session.update');
    let answered = false;
    const change = r.engine
      .applyProfile({ ...pttProfile, session: { ...pttProfile.session, instructions: 'Be terse.' } })
      .then(() => (answered = true));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(answered).toBe(false);
    r.engine.endSession();
    await Promise.race([change, new Promise((resolve) => setTimeout(resolve, 500))]);
    expect(answered).toBe(true);
    expect(r.engine.getState().status).toBe('disconnected');
  });
});
