// `npm run headless -- [options]`: the core without Electron, driven from the command line. WAV files or a
// microphone in, a WAV file and/or a speaker out, JSON lines on stdout (see realtime/args.ts for options).
//
// stdout carries JSON lines only. naudiodon2's C code prints PortAudio banners to fd 1 when a device opens,
// which no JavaScript can intercept; so when a device is involved this process re-runs itself as a child
// whose fd 1 is piped to our stderr and whose JSON lines come on fd 3, relayed here to stdout. WAV-only runs
// never load PortAudio and run in-process.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createWriteStream } from 'node:fs';
import { parseHeadlessArgs, UsageError } from './realtime/args';
import { runHeadless } from './realtime/run';

const JSON_FD_ENV = 'VOICE_ASSISTANT_JSON_FD';
const argv = process.argv.slice(2);

let args;
try {
  args = parseHeadlessArgs(argv, process.env);
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(error instanceof UsageError ? 2 : 1);
}

const usesDevices = !!(args.inputDevice || args.outputDevice || args.hotkey);
if (usesDevices && !process.env[JSON_FD_ENV]) {
  const child = spawn(process.execPath, [...process.execArgv, process.argv[1]!, ...argv], {
    env: { ...process.env, [JSON_FD_ENV]: '3' },
    stdio: ['inherit', 'pipe', 'inherit', 'pipe'],
  });
  child.stdout!.pipe(process.stderr);
  (child.stdio[3] as NodeJS.ReadableStream).pipe(process.stdout);
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
} else {
  const fd = process.env[JSON_FD_ENV];
  const out = fd ? createWriteStream('', { fd: Number(fd) }) : process.stdout;
  const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  const code = await runHeadless(args, {
    version,
    line: (value) => out.write(`${JSON.stringify(value)}\n`),
    problem: (message) => process.stderr.write(`${message}\n`),
  });
  await new Promise<void>((resolve) => out.write('', () => resolve()));
  process.exit(code);
}
