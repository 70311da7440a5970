// A microphone double for the "keep microphone ready" tests: like HandMic (the test speaks by hand), plus
// what a real device does that HandMic does not: it reports when its audio starts flowing after a start
// (`goLive()`, as the PulseAudio rig's ≈ 1.9 s late capture does), and its stop() hands over a last short
// chunk at once (the device source's key-up tail).
import { HandMic } from './test-audio';

export class LateMic extends HandMic {
  starts = 0;
  stops = 0;
  /** ms of the last partial chunk stop() delivers (0: none). */
  tailMs = 0;
  private liveListeners = new Set<() => void>();

  onLive(listener: () => void) {
    this.liveListeners.add(listener);
    return () => void this.liveListeners.delete(listener);
  }
  override async start() {
    this.starts++;
    await super.start();
  }
  override async stop() {
    if (this.running) {
      this.stops++;
      if (this.tailMs) this.speak(this.tailMs, this.tailMs);
    }
    await super.stop();
  }
  /** The device delivers its first audio now. */
  goLive(): void {
    for (const listener of this.liveListeners) listener();
  }
}
