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
import { createFaultGuard } from '../core/app/fault-guard';
import { argvWithoutKey, parseHeadlessArgs, UsageError } from './realtime/args';
import { runHeadless } from './realtime/run';

const JSON_FD_ENV = 'VOICE_ASSISTANT_JSON_FD';
const argv = process.argv.slice(2);

// A fault nothing caught is logged on stderr (and, in the process that prints JSON, said as a `warning`
// line) and the run goes on: its turns end by their own outcome or timeout.
const faults = createFaultGuard({
  log: (message, error) =>
    process.stderr.write(
      error === undefined ? `${message}\n` : `${message}: ${(error as Error)?.stack ?? String(error)}\n`,
    ),
  exit: (code) => process.exit(code),
});
process.on('uncaughtException', faults.uncaughtException);
process.on('unhandledRejection', faults.unhandledRejection);

let args;
try {
  args = parseHeadlessArgs(argv, process.env);
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(error instanceof UsageError ? 2 : 1);
}

for (const warning of args.warnings) process.stderr.write(`${warning}\n`);

const usesDevices = !!(args.inputDevice || args.outputDevice || args.hotkey);
if (usesDevices && !process.env[JSON_FD_ENV]) {
  // The key goes to the child in its environment, never on its command line (visible to every user in ps).
  const child = spawn(process.execPath, [...process.execArgv, process.argv[1]!, ...argvWithoutKey(argv)], {
    env: { ...process.env, [JSON_FD_ENV]: '3', ...(args.apiKey ? { OPENAI_API_KEY: args.apiKey } : {}) },
    stdio: ['inherit', 'pipe', 'inherit', 'pipe'],
  });
  child.stdout!.pipe(process.stderr);
  (child.stdio[3] as NodeJS.ReadableStream).pipe(process.stdout);
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
  child.on('error', (error) => {
    process.stderr.write(`failed to start: ${error.message}\n`);
    process.exit(1);
  });
} else {
  const fd = process.env[JSON_FD_ENV];
  const out = fd ? createWriteStream('', { fd: Number(fd) }) : process.stdout;
  faults.attach((notice) => out.write(`${JSON.stringify({ type: 'warning', message: notice.message })}\n`));
  const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  // The run's own failure ends it with its code: the fault guard keeps a process running, and with nothing
  // left to do it would exit 0.
  const code = await runHeadless(args, {
    version,
    line: (value) => out.write(`${JSON.stringify(value)}\n`),
    problem: (message) => process.stderr.write(`${message}\n`),
  }).catch((error: unknown) => {
    process.stderr.write(`failed: ${(error as Error).message}\n`);
    return 1;
  });
  await new Promise<void>((resolve) => out.write('', () => resolve()));
  process.exit(code);
}
