// `npm run dev:web`: the core in Node, the renderer from Vite, joined by the contract's WebSocket.
// For UI work and end-to-end tests without the Electron binary.
import { readFileSync } from 'node:fs';
import { closeWithin, QUIT_CLOSE_MS } from '../core/app/close-within';
import { createCore, type Core } from '../core/app/create-core';
import { createFaultGuard } from '../core/app/fault-guard';
import { alsoToAppLog, createAppLog } from '../core/diagnostics/app-log';
import { environmentSecrets } from '../core/secrets/secret-store';
import { confStoreFactory } from '../core/storage/conf-store';
import { headlessDataDir } from './data-dir';
import { startWebUi, type WebUi } from './web-ui';

// The diagnostic log: in a file with --log-file=PATH, otherwise in memory (Copy diagnostics shows it).
const appLog = createAppLog();
const log = alsoToAppLog(
  (message: string, error?: unknown) =>
    error === undefined ? console.error(message) : console.error(message, error),
  appLog,
);
// A fault nothing caught (one bad client, one failing handler) is logged and shown in the page as a
// notice; the server keeps serving.
const faults = createFaultGuard({ log, exit: (code) => process.exit(code) });
process.on('uncaughtException', faults.uncaughtException);
process.on('unhandledRejection', faults.unhandledRejection);

const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  version: string;
};
const mode = process.argv.includes('--built') ? 'built' : 'dev';
const portArg = process.argv.find((arg) => arg.startsWith('--port='));
const logFileArg = process.argv.find((arg) => arg.startsWith('--log-file='));

let core: Core;
let ui: WebUi;
try {
  if (logFileArg) await appLog.open(logFileArg.slice('--log-file='.length));
  core = createCore({
    shell: 'headless',
    version,
    storage: confStoreFactory(headlessDataDir(process.argv, process.env)),
    // OPENAI_API_KEY, bound to OPENAI_BASE_URL's origin: a client of the socket may move the base URL in
    // settings, but the key only ever goes where whoever started this process said.
    secrets: environmentSecrets(process.env),
    log,
    appLog,
  });
  faults.attach(core.notify);
  // The base URL the environment's key is meant for is where the session starts.
  if (process.env.OPENAI_BASE_URL) {
    const applied = await core.dispatcher.dispatch('updateSettings', {
      baseUrl: process.env.OPENAI_BASE_URL,
    });
    if (!applied.ok) throw new Error(`OPENAI_BASE_URL: ${applied.error.message}`);
  }
  ui = await startWebUi(core, mode, portArg ? Number(portArg.slice('--port='.length)) : 5173, log);
} catch (error) {
  // Startup failures end the process (the fault guard would keep a process that serves nothing).
  console.error(`dev:web could not start: ${(error as Error).message}`);
  process.exit(1);
}
console.log(`Voice Assistant (${mode === 'dev' ? 'dev server' : 'built renderer'}) — open:\n  ${ui.url}`);
if (appLog.location()) console.log(`log: ${appLog.location()?.file}`);

const shutdown = async () => {
  await closeWithin(
    async () => {
      await ui.close();
      await core.dispose();
    },
    QUIT_CLOSE_MS,
    log,
  );
  process.exit(0);
};
process.once('SIGINT', () => void shutdown());
process.once('SIGTERM', () => void shutdown());
