// One push-to-talk turn, as the key does it: key down, `ms` of speech, key up.
import { waitFor, type Rig } from './harness';

export function pushToTalk(r: Rig, ms = 300): void {
  r.engine.talkStart();
  r.audio.mic.speak(ms);
  r.engine.talkEnd();
}

/** A turn once the session is ready (connected and confirmed). */
export async function talkWhenReady(r: Rig, ms = 300): Promise<void> {
  await waitFor(() => r.engine.getState().status === 'ready', 5_000, 'ready');
  pushToTalk(r, ms);
}
