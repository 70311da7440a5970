// Child process for the Xvfb key-hook test. libuiohook keeps an Xlib connection for key translation
// after stop(), and Xlib exits the process when its server goes away; running the hook here lets the
// test kill its Xvfb safely, and lets it check that dispose() really releases the hook thread (this
// process must exit by itself once stdin closes, without process.exit).
// stdin: JSON lines {"bind": ACCEL, "mode": MODE}. stdout: JSON lines ready / bound / start / end / error.
import { createInterface } from 'node:readline';
import { parseAccelerator } from '../../src-main/core/hotkey/accelerator';
import type { PttMode } from '../../src-main/core/hotkey/talk-state';
import { createPushToTalk, type PushToTalk } from '../../src-main/core/hotkey/push-to-talk';
import { createUiohookBackend } from '../../src-main/core/hotkey/uiohook-backend';

const say = (message: object) => process.stdout.write(`${JSON.stringify(message)}\n`);

const backend = await createUiohookBackend().catch((error: Error) => {
  say({ event: 'error', message: error.message });
  return null;
});
if (backend) {
  say({ event: 'ready' });
  let ptt: PushToTalk | undefined;
  const lines = createInterface({ input: process.stdin });
  lines.on('line', async (line) => {
    const { bind, mode } = JSON.parse(line) as { bind: string; mode: PttMode };
    await ptt?.dispose();
    ptt = await createPushToTalk({
      backend,
      mode,
      binding: parseAccelerator(bind),
      onTalkStart: (s) => say({ event: 'start', at: s.at }),
      onTalkEnd: (e) => say({ event: 'end', reason: e.reason, talkedMs: e.talkedMs }),
    });
    say({ event: 'bound', bind });
  });
  lines.on('close', async () => {
    await ptt?.dispose();
    await backend.dispose();
    say({ event: 'disposed' });
  });
}
