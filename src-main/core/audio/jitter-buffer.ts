// The playback queue between the engine's bursts of assistant audio and the device's steady pull.
// Holds mono 16-bit samples at the device rate. Starts playing once `targetMs` is queued (or the engine
// says the utterance is complete), counts underruns (ran dry mid-utterance, then re-buffers), and refuses
// audio beyond `maxMs` (counted as dropped) so it never grows without bound.

export interface JitterBufferOptions {
  rate: number;
  /** Queued audio needed before playback starts or resumes after an underrun (default 60 ms). */
  targetMs?: number;
  /** Hard cap on queued audio (default 10 minutes). */
  maxMs?: number;
}

export interface JitterStats {
  underruns: number;
  droppedMs: number;
  queuedMs: number;
}

export class JitterBuffer {
  readonly rate: number;
  private readonly target: number;
  private readonly max: number;
  private segments: Int16Array[] = [];
  private readOffset = 0;
  private queued = 0;
  private playing = false;
  private complete = false;
  private underruns = 0;
  private dropped = 0;

  constructor(options: JitterBufferOptions) {
    this.rate = options.rate;
    this.target = Math.round(((options.targetMs ?? 60) * options.rate) / 1000);
    this.max = Math.round(((options.maxMs ?? 600_000) * options.rate) / 1000);
  }

  /** Queues samples; returns how many were refused because the buffer is full. */
  push(samples: Int16Array): number {
    const room = Math.max(0, this.max - this.queued);
    const accepted = samples.length <= room ? samples : samples.subarray(0, room);
    if (accepted.length > 0) {
      this.segments.push(accepted);
      this.queued += accepted.length;
    }
    const refused = samples.length - accepted.length;
    this.dropped += refused;
    return refused;
  }

  /** The utterance is complete: play out whatever is queued without waiting for the target. */
  markComplete(): void {
    this.complete = true;
  }

  /**
   * Fills `out` (mono) for one device block. Returns how many samples are assistant audio (the rest is
   * silence: waiting for the target, an underrun, or idle).
   */
  read(out: Int16Array): number {
    if (!this.playing) {
      if (this.queued === 0 || (this.queued < this.target && !this.complete)) {
        out.fill(0);
        return 0;
      }
      this.playing = true;
    }
    let written = 0;
    while (written < out.length && this.segments.length > 0) {
      const head = this.segments[0]!;
      const n = Math.min(out.length - written, head.length - this.readOffset);
      out.set(head.subarray(this.readOffset, this.readOffset + n), written);
      written += n;
      this.readOffset += n;
      if (this.readOffset === head.length) {
        this.segments.shift();
        this.readOffset = 0;
      }
    }
    this.queued -= written;
    if (written < out.length) {
      out.fill(0, written);
      // Dry: an underrun unless the engine said that was all; either way, buffer up again.
      if (!this.complete) this.underruns++;
      this.playing = false;
      this.complete = false;
    }
    return written;
  }

  /** Barge-in: drop everything queued. */
  clear(): void {
    this.segments = [];
    this.readOffset = 0;
    this.queued = 0;
    this.playing = false;
    this.complete = false;
  }

  get queuedSamples(): number {
    return this.queued;
  }

  stats(): JitterStats {
    return {
      underruns: this.underruns,
      droppedMs: (this.dropped / this.rate) * 1000,
      queuedMs: (this.queued / this.rate) * 1000,
    };
  }
}
