// Small fakes of the realtime engine's seams, for the unit tests of its parts: a wire that records what a part
// sends, a speaker whose progress the test sets by hand, and server events built from the fields a part reads.
import type { AudioSink, WireFormat } from '../../../src-main/core/audio/types';
import type { Wire } from '../../../src-main/core/realtime/client-events';
import type { ClientEvent, ServerEvent } from '../../../src-main/core/realtime/protocol';

type ClientOf<T extends ClientEvent['type']> = Extract<ClientEvent, { type: T }>;

/** The session link as a part sees it: `confirmed` is set by the test. */
export class RecordingWire implements Wire {
  sent: ClientEvent[] = [];
  confirmed = true;
  send(event: ClientEvent): void {
    this.sent.push(event);
  }
  isConfirmed(): boolean {
    return this.confirmed;
  }
  types(): string[] {
    return this.sent.map((e) => e.type);
  }
  of<T extends ClientEvent['type']>(type: T): ClientOf<T>[] {
    return this.sent.filter((e): e is ClientOf<T> => e.type === type);
  }
}

/** A speaker that plays only when told: `played` is what reached the device, `finish()` ends playback. */
export class ManualSpeaker implements AudioSink {
  format: WireFormat = 'audio/pcm';
  written: Buffer[] = [];
  played = 0;
  playing = false;
  stops = 0;
  resets = 0;
  private drained: (() => void)[] = [];
  write(data: Buffer): void {
    this.written.push(data);
    this.playing = true;
  }
  stop(): number {
    this.stops++;
    this.playing = false;
    return this.played;
  }
  playedMs(): number {
    return this.played;
  }
  resetPlayed(): void {
    this.resets++;
    this.played = 0;
  }
  isPlaying(): boolean {
    return this.playing;
  }
  drain(): Promise<void> {
    return this.playing ? new Promise((resolve) => this.drained.push(resolve)) : Promise.resolve();
  }
  /** Everything written has reached the device. */
  finish(): void {
    this.playing = false;
    for (const resolve of this.drained.splice(0)) resolve();
  }
  onError() {
    return () => {};
  }
  async close(): Promise<void> {}
}

/**
 * A server event with only the fields the part under test reads (the link has checked the full shape before
 * any part sees an event, so the parts trust the type).
 */
export const serverEvent = <T extends ServerEvent['type']>(
  type: T,
  fields: Record<string, unknown> = {},
): ServerEvent => ({ type, event_id: 'event_test', ...fields }) as unknown as ServerEvent;

/** Lets promise callbacks (a sink opening, a tool finishing) run. */
export const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** A promise the test resolves or rejects when it wants. */
export function deferred<T>(): { promise: Promise<T>; resolve(value: T): void; reject(error: Error): void } {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}
