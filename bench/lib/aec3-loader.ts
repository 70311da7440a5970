// Loads WebRTC AEC3 (@ennuicastr/webrtcaec3.js, an Emscripten build) at run time from node_modules, with
// Node's require: bundling it would break its own file lookup (it reads its .wasm beside __dirname), so we
// read the .wasm ourselves and hand over the bytes. That works in Node (tests, headless) and in the packaged
// Electron main process, whose fs reads files inside app.asar (no asarUnpack needed).
//
// Emscripten's Node start-up also adds process-wide 'uncaughtException' and 'unhandledRejection' listeners
// that rethrow, which would turn any error the app handles itself into a crash: they are removed again.
import type { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type WebRtcAec3 from '@ennuicastr/webrtcaec3.js';

export type Aec3Module = WebRtcAec3.WebRtcAec3;
export type Aec3Instance = WebRtcAec3.AEC3;
/** How the canceller gets AEC3: injectable, so a failing load can be tested. */
export type Aec3Loader = () => Promise<Aec3Module>;

const packageName = '@ennuicastr/webrtcaec3.js';
type Factory = (config: { wasmBinary: Uint8Array }) => Promise<Aec3Module>;

let loaded: Promise<Aec3Module> | undefined;

/** One module per process: instances are cheap, compiling the WebAssembly is not. */
export const loadAec3: Aec3Loader = () => {
  loaded ??= instantiate().catch((error: unknown) => {
    loaded = undefined; // a later attempt may succeed (e.g. a file restored)
    throw error;
  });
  return loaded;
};

/** Process-wide listeners Emscripten's Node start-up adds; removed again after the load. */
const emscriptenEvents = ['uncaughtException', 'unhandledRejection'] as const;
type Listener = (...args: unknown[]) => void;
/** Through the plain emitter interface: `process`'s typed overloads do not take a union of event names. */
const emitter: EventEmitter = process;
const listenersOf = (event: string) => emitter.listeners(event) as Listener[];

async function instantiate(): Promise<Aec3Module> {
  const nodeRequire = createRequire(import.meta.url);
  const main = nodeRequire.resolve(packageName);
  const wasm = readFileSync(main.replace(/\.js$/, '.wasm'));
  const before = emscriptenEvents.map((event) => new Set(listenersOf(event)));
  try {
    return await (nodeRequire(packageName) as Factory)({ wasmBinary: wasm });
  } finally {
    emscriptenEvents.forEach((event, i) => {
      for (const listener of listenersOf(event))
        if (!before[i]!.has(listener)) emitter.removeListener(event, listener);
    });
  }
}
