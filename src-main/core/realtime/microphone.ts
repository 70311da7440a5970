// The microphone device, and how ready it is kept between turns (setting "Keep microphone ready"):
// - on-demand: opened for a turn, closed right after it;
// - warm (default): kept open `idleMs` after a turn;
// - always: open while the engine runs; closed on mute and when the session ends, opened again on unmute.
// Opening a device takes from milliseconds to seconds before its first audio (Bluetooth, PulseAudio): a turn
// that finds it live keeps its first words, and gets the audio of just before the key (the pre-roll). Audio
// no turn takes is kept only in the pre-roll ring, in memory, and never sent. The microphone also says when a
// device starts to deliver ("live"), so the user can be told when to speak. Which chunks belong to a turn is
// the turn-taking part's business.
import type { MicReady } from '../../../src-preload/contract';
import type { AudioSource, CaptureChunk, WireFormat } from '../audio/types';
import type { AudioFactory } from './engine-types';
import { PrerollRing } from './preroll-ring';

export interface MicrophoneHooks {
  /** A chunk of audio; true when a turn took it (otherwise only the pre-roll ring keeps it). */
  onChunk(chunk: CaptureChunk): boolean;
  /** The device delivers audio since its latest start: the user can speak now. */
  onLive(): void;
  /** The device could not be opened or started while a turn waits for it: the turn cannot go on. */
  onFailed(message: string): void;
  onWarning(message: string): void;
  /** A turn holds the microphone. */
  inUse(): boolean;
}

/** The setting, read fresh at each decision (the user may change it while the engine runs). */
export interface MicPolicy {
  ready(): MicReady;
  /** Pre-roll put at the start of a turn that finds the microphone live. */
  prerollMs(): number;
  /** warm: how long the device stays open after a turn. */
  idleMs: number;
}

export class Microphone {
  private source: AudioSource | undefined;
  private format: WireFormat | undefined;
  private unsubscribe: (() => void)[] = [];
  /** A source being created (asynchronous factories): its format. */
  private creating: WireFormat | undefined;
  /** Bumped by close(): a source created after it is stopped and dropped. */
  private generation = 0;
  /** start() was asked since the last stop. */
  private running = false;
  /** Audio flows since the latest start. */
  private live = false;
  private idleTimer: NodeJS.Timeout | undefined;
  private readonly ring = new PrerollRing();
  private disposed = false;

  constructor(
    private readonly createSource: AudioFactory['createSource'],
    private readonly policy: MicPolicy,
    private readonly hooks: MicrophoneHooks,
  ) {}

  /** Open, and delivering audio, in `format`. */
  isLive(format: WireFormat): boolean {
    return this.running && this.live && this.format === format;
  }

  /**
   * A turn begins: returns its pre-roll (empty unless the device is live in `format`), then opens the device
   * (or keeps it) and starts it. Synchronous when the factory is: a chunk spoken right after key-down must
   * find a listener.
   */
  startTurn(format: WireFormat): CaptureChunk[] {
    const preroll = this.isLive(format) ? this.ring.take(clampPreroll(this.policy.prerollMs()), format) : [];
    this.ring.clear();
    this.open(format, true);
    return preroll;
  }

  /** The turn is over: the device closes now (on demand), after the idle time (warm), or stays (always). */
  endTurn(): void {
    const mode = this.policy.ready();
    if (mode === 'on-demand') this.close();
    else if (mode === 'warm') this.closeWhenIdle();
  }

  /**
   * Follows the setting outside a turn (it changed, the microphone was unmuted, the engine started): `always`
   * opens the device in the last format used (else `format`); the others close it as they would after a turn.
   */
  follow(format: WireFormat): void {
    if (this.disposed || this.hooks.inUse()) return;
    const mode = this.policy.ready();
    if (mode === 'always') {
      clearTimeout(this.idleTimer);
      this.idleTimer = undefined;
      if (!this.running) this.open(this.format ?? format, false);
    } else if (this.running || this.creating) {
      if (mode === 'on-demand') this.close();
      else if (!this.idleTimer) this.closeWhenIdle();
    }
  }

  /** Closes the device now (mute, end of session, on demand); the pre-roll goes with it. */
  close(): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    this.generation++;
    this.creating = undefined;
    const source = this.source;
    this.running = this.live = false;
    // Its stop() hands over the last partial chunk at once: a turn still held takes it.
    void source?.stop().catch((error: Error) => this.hooks.onWarning(`microphone: ${error.message}`));
    this.drop();
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    clearTimeout(this.idleTimer);
    this.generation++;
    const source = this.source;
    this.running = this.live = false;
    this.drop();
    await source?.stop().catch(() => {});
  }

  private open(format: WireFormat, forTurn: boolean): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    if (this.source && this.format === format) return this.begin(this.source, forTurn);
    if (this.creating === format) return; // it starts once created, if still wanted
    if (this.source) this.close(); // another format: a new device stream
    const generation = ++this.generation;
    this.creating = format;
    const attach = (source: AudioSource) => {
      if (generation !== this.generation || this.disposed) return void source.stop().catch(() => {});
      this.creating = undefined;
      this.source = source;
      this.format = format;
      this.unsubscribe = [
        source.onChunk((chunk) => this.take(chunk)),
        source.onError((error) => this.hooks.onWarning(`microphone: ${error.message}`)),
        ...(source.onLive ? [source.onLive(() => this.flowing())] : []),
      ];
      this.begin(source, forTurn);
    };
    const failed = (error: Error) => {
      if (generation !== this.generation) return;
      this.creating = undefined;
      this.failed(error);
    };
    try {
      const created = this.createSource(format);
      if (created instanceof Promise) created.then(attach, failed);
      else attach(created);
    } catch (error) {
      failed(error as Error);
    }
  }

  /**
   * Starts the device if a turn or `always` still wants it. A turn calls start() even on a running source:
   * a source may begin something per turn (the headless shell's WAV turns).
   */
  private begin(source: AudioSource, forTurn: boolean): void {
    if (!this.hooks.inUse() && this.policy.ready() !== 'always') return;
    if (this.running && !forTurn) return;
    const first = !this.running;
    this.running = true;
    if (first && !source.onLive) this.flowing(); // no way to tell: it delivers from start() on
    source.start().catch((error: Error) => {
      if (this.source !== source) return;
      this.running = this.live = false;
      this.failed(error);
    });
  }

  private flowing(): void {
    if (!this.running || this.live) return;
    this.live = true;
    this.hooks.onLive();
  }

  private take(chunk: CaptureChunk): void {
    if (this.hooks.onChunk(chunk) || !this.running) return;
    this.ring.push(chunk, clampPreroll(this.policy.prerollMs()));
  }

  /** A turn waiting for the device cannot go on; without one, the device is simply not ready. */
  private failed(error: Error): void {
    const message = `microphone: ${error.message}`;
    if (this.hooks.inUse()) this.hooks.onFailed(message);
    else this.hooks.onWarning(message);
  }

  /** Forgets the source (a later open creates a new one, on the device selected then). */
  private drop(): void {
    for (const off of this.unsubscribe) off();
    this.unsubscribe = [];
    this.source = undefined;
    this.ring.clear();
  }

  private closeWhenIdle(): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      this.idleTimer = undefined;
      if (!this.hooks.inUse()) this.close();
    }, this.policy.idleMs);
    this.idleTimer.unref();
  }
}

/** The pre-roll's range (the setting's schema says the same; the engine may be given anything). */
const clampPreroll = (ms: number): number => Math.min(1_000, Math.max(0, Number.isFinite(ms) ? ms : 0));
