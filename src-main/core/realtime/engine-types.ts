// The engine's public types: how shells build it (options, audio factory) and what it tells them (events),
// with the options' defaults. Kept apart from the coordinator so the parts can name them without importing it.
import type {
  MicReady,
  ProfileDocument,
  RealtimeLogEntry,
  SessionState,
  TranscriptAppend,
  TranscriptItem,
} from '../../../src-preload/contract';
import type { AudioSink, AudioSource, WireFormat } from '../audio/types';
import { defaultBackoff, type BackoffPolicy } from './backoff';
import type { LinkOptions } from './session-link';
import type { ServerEventOf } from './protocol';
import type { RemoteMcpApprover } from './remote-mcp';
import type { ToolRegistry } from './tools';

/** How the shells give the engine its audio (PortAudio devices, WAV files, test doubles). */
export interface AudioFactory {
  createSource(format: WireFormat): AudioSource | Promise<AudioSource>;
  createSink(format: WireFormat): AudioSink | Promise<AudioSink>;
}

export interface RealtimeEngineOptions {
  baseUrl: string | (() => string);
  /** The key for this base URL (read once per connect), if it may be sent there. */
  getApiKey: (baseUrl: string) => Promise<string | undefined>;
  /** Used by profiles whose model is empty. */
  defaultModel: string | (() => string);
  preconfiguredSession?: boolean | (() => boolean);
  audio: AudioFactory;
  profile: ProfileDocument;
  profileId?: string;
  tools?: ToolRegistry;
  /** Asks the user about the calls a remote MCP server (`type: "mcp"` tool) needs approved; none: denied. */
  remoteMcp?: RemoteMcpApprover;
  /** Audio kept while the session is not confirmed yet (default 30 s). */
  captureBufferMs?: number;
  backoff?: BackoffPolicy;
  connectTimeoutMs?: number;
  confirmTimeoutMs?: number;
  /** Default 55 minutes: the server ends sessions at 60. */
  renewAfterMs?: number;
  /** Shorter key presses are not sent (the server needs ≥ 100 ms). */
  minTurnMs?: number;
  /**
   * How long the microphone stays open after a turn (default 20 s). Opening a device takes from tens of
   * milliseconds to seconds (Bluetooth, PulseAudio); a turn that finds it open loses none of its first words.
   * Audio between turns is dropped, never sent; muting or ending the session closes the device at once.
   */
  micIdleMs?: number;
  /**
   * Keep the microphone ready between turns (setting "Keep microphone ready"): 'on-demand' closes it right
   * after a turn, 'warm' (default) keeps it open `micIdleMs`, 'always' keeps it open while the engine runs.
   * Ready, it holds the last moments in a short in-memory ring (never sent unless a turn takes them). Muting
   * closes it at once in every mode (`always` opens it again on unmute); ending the session closes it.
   */
  micReady?: MicReady | (() => MicReady);
  /** Audio from just before key-down put at the start of a turn that finds the microphone live (default 300 ms, 0–1000). */
  prerollMs?: number | (() => number);
  /** Subscribes to changes of the two settings above (returns the unsubscribe): the microphone follows them. */
  watchMicSettings?: (changed: () => void) => () => void;
  random?: () => number;
  /** Asked before every response.create (the usage budget); default: always yes. */
  responseGate?: ResponseGate;
  /** Usage as the server reports it: every response.done (failed and cancelled too), and transcriptions. */
  onUsage?: (event: UsageEvent) => void;
}

/** May a new response start? Refused ones wait, and go when the gate opens (a limit raised, a confirmation). */
export interface ResponseGate {
  /** Undefined: go. Otherwise why not, shown while the request waits. */
  refusal(): string | undefined;
  /** Called when a refusal is lifted; returns an unsubscribe. */
  onOpen(listener: () => void): () => void;
}

/** The server events that report usage: every response.done, and a finished transcription. */
export type UsageEvent =
  ServerEventOf<'response.done'> | ServerEventOf<'conversation.item.input_audio_transcription.completed'>;

export interface TurnResult {
  outcome: 'completed' | 'cancelled' | 'too-short' | 'failed';
  /** The assistant's text for this turn (transcript or text output). */
  text: string;
  message?: string;
}

export interface EngineEvents {
  state: [SessionState];
  transcript: [TranscriptItem];
  /** Streaming text: only the new part of an item (see the contract's `transcriptAppend`). */
  transcriptAppend: [TranscriptAppend];
  log: [RealtimeLogEntry];
  warning: [string];
  turnDone: [TurnResult];
  /** The session is configured and confirmed (first time on each socket). */
  ready: [Record<string, unknown>];
  /** Hands-free: the user's voice cut the assistant off (`heardMs` of `receivedMs` played; none: not known). */
  bargeIn: [cut: { heardMs?: number; receivedMs?: number }];
}

/** A value, or a function that reads it fresh each time (settings the user may change). */
export const resolve = <T>(v: T | (() => T)): T => (typeof v === 'function' ? (v as () => T)() : v);

/** The session link's options, from the engine's (defaults here). */
export function linkOptions(options: RealtimeEngineOptions): LinkOptions {
  return {
    baseUrl: () => resolve(options.baseUrl),
    getApiKey: options.getApiKey,
    preconfigured: () => resolve(options.preconfiguredSession ?? false),
    backoff: options.backoff ?? defaultBackoff,
    connectTimeoutMs: options.connectTimeoutMs ?? 10_000,
    confirmTimeoutMs: options.confirmTimeoutMs ?? 5_000,
    renewAfterMs: options.renewAfterMs ?? 55 * 60_000,
    random: options.random,
  };
}
