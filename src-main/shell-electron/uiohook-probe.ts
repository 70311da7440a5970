// Entry of the key hook's display probe (a separate main-build entry, out/main/uiohook-probe.js), run in a
// throwaway utility process by uiohook-probe-runner.ts: start and stop the hook once. When the X display
// cannot be opened, libuiohook aborts this process instead of the app. Exit code 0 means it worked.
// Self-contained on purpose: nothing here may pull the app's code into the child.
import { createRequire } from 'node:module';

const { uIOhook } = createRequire(import.meta.url)('uiohook-napi') as {
  uIOhook: { start(): void; stop(): void };
};
uIOhook.start();
uIOhook.stop();
// The hook may keep its X connection open after stop(); the answer is in, so end here.
process.exit(0);
