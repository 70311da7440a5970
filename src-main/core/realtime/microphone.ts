// The microphone device: opened for a turn, kept open a while after it (opening takes from milliseconds to
// seconds, and a turn that finds it open keeps its first words), closed at once on mute or end. It only
// delivers chunks; which of them belong to a turn is the turn-taking part's business.
import type { AudioSource, CaptureChunk, WireFormat } from '../audio/types';
import type { AudioFactory } from './engine-types';

export interface MicrophoneHooks {
  onChunk(chunk: CaptureChunk): void;
  /** The device could not be opened or started: the turn cannot go on. */
  onFailed(message: string): void;
  onWarning(message: string): void;
}

export class Microphone {
  private source: AudioSource | undefined;
  private format: WireFormat | undefined;
  private idleTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly createSource: AudioFactory['createSource'],
    private readonly idleMs: number,
    private readonly hooks: MicrophoneHooks,
  ) {}

  /**
   * Opens the device in `format` (or reuses it) and starts it if `wanted()` still holds once it is open.
   * Synchronous when the factory is: a chunk spoken right after key-down must find a listener.
   */
  start(format: WireFormat, wanted: () => boolean): void {
    clearTimeout(this.idleTimer);
    const begin = (source: AudioSource) => {
      if (wanted())
        source.start().catch((error: Error) => this.hooks.onFailed(`microphone: ${error.message}`));
    };
    if (this.source && this.format === format) return begin(this.source);
    void this.source?.stop().catch(() => {});
    this.source = undefined;
    const attach = (source: AudioSource) => {
      this.source = source;
      this.format = format;
      source.onChunk((chunk) => this.hooks.onChunk(chunk));
      source.onError((error) => this.hooks.onWarning(`microphone: ${error.message}`));
      begin(source);
    };
    try {
      const created = this.createSource(format);
      if (created instanceof Promise)
        created.then(attach, (error: Error) => this.hooks.onFailed(`microphone: ${error.message}`));
      else attach(created);
    } catch (error) {
      this.hooks.onFailed(`microphone: ${(error as Error).message}`);
    }
  }

  /** Closes the device after the idle time unless `inUse()` holds by then. */
  closeWhenIdle(inUse: () => boolean): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      if (!inUse()) this.close();
    }, this.idleMs);
    this.idleTimer.unref();
  }

  close(): void {
    clearTimeout(this.idleTimer);
    void this.source?.stop().catch((error: Error) => this.hooks.onWarning(`microphone: ${error.message}`));
  }

  async dispose(): Promise<void> {
    clearTimeout(this.idleTimer);
    await this.source?.stop().catch(() => {});
  }
}
