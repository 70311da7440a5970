// `npm run headless -- [options]`: the command line of the headless realtime shell.
import { parseArgs } from 'node:util';

export const usage = `usage: npm run headless -- [options]
  --base-url URL        Realtime API base (default $OPENAI_BASE_URL or https://api.openai.com/v1)
  --api-key KEY         default $OPENAI_API_KEY
  --model M             overrides the profile's model
  --profile FILE.json   a profile {name, model, session} (GA), a GA session, or a beta session dict
  --input a.wav         one push-to-talk turn per file (repeatable; any rate / channel count)
  --realtime            pace WAV input in real time (default: as fast as possible)
  --input-device NAME|ID   a microphone, with --ptt-seconds N (N s per turn) or --hotkey ACCEL (hold to talk)
  --turns K             turns to take from a device (default 1)
  --output reply.wav    assistant audio, 24 kHz mono PCM16, all turns in order
  --output-device NAME|ID  play the assistant
  --preconfigured       create the session through POST /realtime/client_secrets
  --partial             also print streaming (non-final) transcript lines
  --turn-timeout S      give up on a turn after S seconds (default 60)
stdout: JSON lines only (session.ready, transcript, usage, turn.done, usage.total, warning, error). Exit 0 when every turn completed.`;

export interface HeadlessArgs {
  baseUrl: string;
  apiKey: string | undefined;
  model: string | undefined;
  profile: string | undefined;
  inputs: string[];
  realtime: boolean;
  inputDevice: string | undefined;
  pttSeconds: number | undefined;
  hotkey: string | undefined;
  turns: number;
  output: string | undefined;
  outputDevice: string | undefined;
  preconfigured: boolean;
  partial: boolean;
  turnTimeoutMs: number;
}

export function parseHeadlessArgs(argv: string[], env: NodeJS.ProcessEnv): HeadlessArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      'base-url': { type: 'string' },
      'api-key': { type: 'string' },
      model: { type: 'string' },
      profile: { type: 'string' },
      input: { type: 'string', multiple: true },
      realtime: { type: 'boolean', default: false },
      'input-device': { type: 'string' },
      'ptt-seconds': { type: 'string' },
      hotkey: { type: 'string' },
      turns: { type: 'string' },
      output: { type: 'string' },
      'output-device': { type: 'string' },
      preconfigured: { type: 'boolean', default: false },
      partial: { type: 'boolean', default: false },
      'turn-timeout': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) throw new UsageError(usage);
  const inputs = values.input ?? [];
  const device = values['input-device'];
  if (inputs.length && device) throw new UsageError('use --input files or --input-device, not both');
  if (!inputs.length && !device)
    throw new UsageError(`nothing to say: give --input a.wav or --input-device\n${usage}`);
  const pttSeconds = values['ptt-seconds'] ? Number(values['ptt-seconds']) : undefined;
  if (device && !pttSeconds && !values.hotkey)
    throw new UsageError('--input-device needs --ptt-seconds N or --hotkey ACCEL');
  if (pttSeconds !== undefined && !(pttSeconds > 0))
    throw new UsageError('--ptt-seconds must be a positive number');
  const turns = values.turns ? Number(values.turns) : 1;
  if (!Number.isInteger(turns) || turns < 1) throw new UsageError('--turns must be a positive integer');
  return {
    baseUrl: values['base-url'] ?? env.OPENAI_BASE_URL ?? 'https://api.openai.com/v1',
    apiKey: values['api-key'] ?? env.OPENAI_API_KEY,
    model: values.model,
    profile: values.profile,
    inputs,
    realtime: values.realtime,
    inputDevice: device,
    pttSeconds,
    hotkey: values.hotkey,
    turns: inputs.length || turns,
    output: values.output,
    outputDevice: values['output-device'],
    preconfigured: values.preconfigured,
    partial: values.partial,
    turnTimeoutMs: (values['turn-timeout'] ? Number(values['turn-timeout']) : 60) * 1000,
  };
}

export class UsageError extends Error {}
