// `npm run dev:web`: the core in Node, the renderer from Vite, joined by the contract's WebSocket.
// For UI work and end-to-end tests without the Electron binary.
import { readFileSync } from 'node:fs';
import { createCore } from '../core/app/create-core';
import { environmentSecrets } from '../core/secrets/secret-store';
import { confStoreFactory } from '../core/storage/conf-store';
import { headlessDataDir } from './data-dir';
import { startWebUi } from './web-ui';

const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  version: string;
};
const mode = process.argv.includes('--built') ? 'built' : 'dev';
const portArg = process.argv.find((arg) => arg.startsWith('--port='));

const core = createCore({
  shell: 'headless',
  version,
  storage: confStoreFactory(headlessDataDir(process.argv, process.env)),
  secrets: environmentSecrets(process.env),
  log: (message, error) => console.error(message, error),
});
const ui = await startWebUi(core, mode, portArg ? Number(portArg.slice('--port='.length)) : 5173);
console.log(`Voice Assistant (${mode === 'dev' ? 'dev server' : 'built renderer'}) — open:\n  ${ui.url}`);

const shutdown = async () => {
  await ui.close();
  await core.dispose();
  process.exit(0);
};
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
