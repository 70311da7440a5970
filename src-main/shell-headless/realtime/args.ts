// `npm run headless -- [options]`: the command line of the headless realtime shell.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { imageDetails, type ImageDetail } from '../../core/realtime/turn-images';
import { imagesByTurn } from './images';
import {
  echoCancelSchema,
  micReadySchema,
  settingsSchema,
  type EchoCancelMode,
  type MicReady,
} from '../../../src-preload/contract';

export const usage = `usage: npm run headless -- [options]
  --base-url URL        Realtime API base (default $OPENAI_BASE_URL or https://api.openai.com/v1)
  --api-key-file PATH   read the key from a file (default: $OPENAI_API_KEY)
  --api-key KEY         discouraged: any user can read it in the process list (ps)
  --model M             overrides the profile's model
  --profile FILE.json   a profile {name, model, session} (GA), a GA session, or a beta session dict
  --input a.wav         one push-to-talk turn per file (repeatable; any rate / channel count)
  --image FILE          an image (PNG, JPEG, …) that goes with the next --input turn (repeatable; with a
                        device, with the first turn); scaled to 1024 px, sent before that turn's answer
  --image-detail D      low | auto (default) | high: how closely the model looks at the images
  --realtime            pace WAV input in real time (default: as fast as possible)
  --input-device NAME|ID   a microphone, with --ptt-seconds N (N s per turn) or --hotkey ACCEL (hold to talk)
  --turns K             turns to take from a device (default 1); hands-free: answered turns, an
                        interrupted answer counts
  --hands-free          listen continuously (with --input-device, and --output-device for the voice): the
                        server detects the turns (the profile's VAD, else server_vad); you can talk over it
  --echo-cancel MODE    on (default: cancel the assistant's voice in the microphone) | half-duplex | off
  --mic-ready MODE      keep the microphone ready: on-demand | warm (default: open 20 s after a turn) | always
  --preroll-ms N        audio from just before key-down put at the start of a turn on a ready microphone
                        (0-1000, default 300)
  --output reply.wav    assistant audio, 24 kHz mono PCM16, all turns in order
  --output-device NAME|ID  play the assistant
  --preconfigured       create the session through POST /realtime/client_secrets
  --partial             also print streaming (non-final) transcript lines
  --turn-timeout S      give up on a turn after S seconds (default 60)
  --log-file PATH       diagnostic log, rotated: PATH's folder gets <name>.1.<ext>, <name>.2.<ext>, …
  --mcp-config FILE     MCP servers: the {"mcpServers": {...}} document the window's Settings edits
  --approve-tools all|none  what MCP tool calls that would ask the user get (default none: denied)
stdout: JSON lines only (session.ready, image, transcript, barge-in, usage, turn.done, usage.total, warning,
error). Exit 0 when every turn completed.`;

export interface HeadlessArgs {
  baseUrl: string;
  apiKey: string | undefined;
  /** Said on stderr before the run (a discouraged option). */
  warnings: string[];
  model: string | undefined;
  profile: string | undefined;
  inputs: string[];
  /** The image files of each turn (index 0: the first turn). */
  images: string[][];
  imageDetail: ImageDetail;
  realtime: boolean;
  inputDevice: string | undefined;
  pttSeconds: number | undefined;
  hotkey: string | undefined;
  turns: number;
  /** Listen continuously; the server's VAD takes the turns. */
  handsFree: boolean;
  echoCancel: EchoCancelMode | undefined;
  micReady: MicReady | undefined;
  prerollMs: number | undefined;
  output: string | undefined;
  outputDevice: string | undefined;
  preconfigured: boolean;
  partial: boolean;
  turnTimeoutMs: number;
  /** The diagnostic log's path (pino-roll numbers the files it writes from it). */
  logFile: string | undefined;
  mcpConfig: string | undefined;
  approveTools: 'all' | 'none';
}

const options = {
  'base-url': { type: 'string' },
  'api-key': { type: 'string' },
  'api-key-file': { type: 'string' },
  model: { type: 'string' },
  profile: { type: 'string' },
  input: { type: 'string', multiple: true },
  image: { type: 'string', multiple: true },
  'image-detail': { type: 'string' },
  realtime: { type: 'boolean', default: false },
  'input-device': { type: 'string' },
  'ptt-seconds': { type: 'string' },
  hotkey: { type: 'string' },
  turns: { type: 'string' },
  'hands-free': { type: 'boolean', default: false },
  'echo-cancel': { type: 'string' },
  'mic-ready': { type: 'string' },
  'preroll-ms': { type: 'string' },
  output: { type: 'string' },
  'output-device': { type: 'string' },
  preconfigured: { type: 'boolean', default: false },
  partial: { type: 'boolean', default: false },
  'turn-timeout': { type: 'string' },
  'log-file': { type: 'string' },
  'mcp-config': { type: 'string' },
  'approve-tools': { type: 'string' },
  help: { type: 'boolean', default: false },
} as const;

export function parseHeadlessArgs(argv: string[], env: NodeJS.ProcessEnv): HeadlessArgs {
  const { values, tokens } = parseArgs({ args: argv, options, tokens: true });
  if (values.help) throw new UsageError(usage);
  const inputs = values.input ?? [];
  const device = values['input-device'];
  if (inputs.length && device) throw new UsageError('use --input files or --input-device, not both');
  if (!inputs.length && !device)
    throw new UsageError(`nothing to say: give --input a.wav or --input-device\n${usage}`);
  const pttSeconds = values['ptt-seconds'] ? Number(values['ptt-seconds']) : undefined;
  const handsFree = values['hands-free'];
  if (handsFree && !device) throw new UsageError('--hands-free needs --input-device (a microphone)');
  if (handsFree && (pttSeconds || values.hotkey))
    throw new UsageError('--hands-free listens by itself: leave out --ptt-seconds and --hotkey');
  if (device && !pttSeconds && !values.hotkey && !handsFree)
    throw new UsageError('--input-device needs --ptt-seconds N, --hotkey ACCEL or --hands-free');
  const echoCancel = echoCancelSchema.optional().safeParse(values['echo-cancel']);
  if (!echoCancel.success) throw new UsageError('--echo-cancel must be on, half-duplex or off');
  if (pttSeconds !== undefined && !(pttSeconds > 0))
    throw new UsageError('--ptt-seconds must be a positive number');
  const warnings: string[] = [];
  if (values['api-key'] !== undefined && values['api-key-file'] !== undefined)
    throw new UsageError('use --api-key-file or --api-key, not both');
  if (values['api-key'] !== undefined)
    warnings.push(
      'warning: --api-key puts the key in the process list, where any user can read it; ' +
        'use OPENAI_API_KEY or --api-key-file PATH',
    );
  const apiKey =
    values['api-key-file'] !== undefined
      ? readKeyFile(values['api-key-file'])
      : (values['api-key'] ?? env.OPENAI_API_KEY);
  const turns = values.turns ? Number(values.turns) : 1;
  if (!Number.isInteger(turns) || turns < 1) throw new UsageError('--turns must be a positive integer');
  // Checked with the settings' own schema: the same values and limits as in the window.
  const micReady = micReadySchema.optional().safeParse(values['mic-ready']);
  if (!micReady.success) throw new UsageError('--mic-ready must be on-demand, warm or always');
  const preroll = values['preroll-ms'];
  const prerollMs = settingsSchema.shape.prerollMs
    .optional()
    .safeParse(preroll === undefined ? undefined : Number(preroll));
  if (!prerollMs.success)
    throw new UsageError('--preroll-ms must be a whole number of milliseconds from 0 to 1000');
  const imageDetail = values['image-detail'] ?? 'auto';
  if (!imageDetails.includes(imageDetail as ImageDetail))
    throw new UsageError('--image-detail must be low, auto or high');
  const approveTools = values['approve-tools'] ?? 'none';
  if (approveTools !== 'all' && approveTools !== 'none')
    throw new UsageError('--approve-tools must be all or none');
  return {
    baseUrl: values['base-url'] ?? env.OPENAI_BASE_URL ?? 'https://api.openai.com/v1',
    apiKey,
    warnings,
    model: values.model,
    profile: values.profile,
    inputs,
    images: imagesByTurn(tokens, (message) => new UsageError(message)),
    imageDetail: imageDetail as ImageDetail,
    realtime: values.realtime,
    inputDevice: device,
    pttSeconds,
    hotkey: values.hotkey,
    turns: inputs.length || turns,
    handsFree,
    echoCancel: echoCancel.data,
    micReady: micReady.data,
    prerollMs: prerollMs.data,
    output: values.output,
    outputDevice: values['output-device'],
    preconfigured: values.preconfigured,
    partial: values.partial,
    turnTimeoutMs: (values['turn-timeout'] ? Number(values['turn-timeout']) : 60) * 1000,
    logFile: values['log-file'],
    mcpConfig: values['mcp-config'],
    approveTools,
  };
}

export class UsageError extends Error {}

/** The key file's first line, trimmed (a trailing newline is usual); an unreadable or empty file is a usage error. */
function readKeyFile(path: string): string {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(
      `--api-key-file: cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  const key = text.split(/\r?\n/, 1)[0]?.trim();
  if (!key) throw new UsageError(`--api-key-file: ${path} is empty`);
  return key;
}

/**
 * The command line for the re-spawned child (main.ts): the same options without the key, which goes in
 * the child's environment instead (OPENAI_API_KEY), so it never appears in the child's argv either.
 */
export function argvWithoutKey(argv: string[]): string[] {
  const { tokens } = parseArgs({ args: argv, options, tokens: true });
  const drop = new Set<number>();
  for (const token of tokens) {
    if (token.kind !== 'option' || (token.name !== 'api-key' && token.name !== 'api-key-file')) continue;
    drop.add(token.index);
    // `--api-key KEY` (two arguments) rather than `--api-key=KEY`.
    if (token.value !== undefined && !token.inlineValue) drop.add(token.index + 1);
  }
  return argv.filter((_arg, index) => !drop.has(index));
}
