// The response lifecycle: one response at a time. response.create goes only when none is active and the
// session is confirmed (the answer must use the profile the user just chose); otherwise the request waits and
// goes as soon as it can. A response is cancelled at most once. A failed one can be asked again after a wait.
import { cancelResponse, createResponse, type Wire } from './client-events';

export interface ResponseHooks {
  /** A response begins (ours, or one the server's VAD started): per-response state starts over. */
  onBegin(): void;
  /** A response.create went out. */
  onRequested(): void;
  /** Asked before each response.create (the usage budget): false holds the request until sendQueued(). */
  mayStart?(): boolean;
}

export interface ResponseEnd {
  cancelled: boolean;
  /** Another response was asked for while this one ran. */
  queued: boolean;
}

let createCounter = 0;

export class ResponseCycle {
  /** response.create sent (or response.created seen) and response.done not yet. */
  private active = false;
  private cancelling = false;
  private queued = false;
  private createEventId = '';
  private retryTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly wire: Wire,
    private readonly hooks: ResponseHooks,
  ) {}

  isActive(): boolean {
    return this.active;
  }

  /** A cancel went out for the active response: its late audio is not played. */
  isCancelling(): boolean {
    return this.cancelling;
  }

  /** Asks for a response: now if possible, else as soon as the active one is done or the session confirmed. */
  request(): void {
    this.cancelRetry();
    if (this.active || !this.wire.isConfirmed() || this.hooks.mayStart?.() === false) {
      this.queued = true;
      return;
    }
    this.begin();
    this.createEventId = `response_create_${++createCounter}`;
    this.wire.send(createResponse(this.createEventId));
    this.hooks.onRequested();
  }

  /** The session is confirmed: a request that waited for it goes now. */
  sendQueued(): void {
    if (!this.queued || this.active) return;
    this.queued = false;
    this.request();
  }

  /** response.created: also the server-VAD path, where the server starts responses itself. */
  created(): void {
    if (!this.active) this.begin();
  }

  cancel(): void {
    if (!this.active || this.cancelling) return;
    this.cancelling = true;
    this.wire.send(cancelResponse());
  }

  /** The server cancels the active response itself (VAD with interrupt_response): its late audio is not played. */
  cancelledByServer(): void {
    if (this.active) this.cancelling = true;
  }

  /** An error event answers our response.create: no response is coming. */
  isOwnRequest(eventId: string | null | undefined): boolean {
    return !!eventId && eventId === this.createEventId;
  }

  /**
   * Asks again after `ms`, telling the time left about every second (`tick(0)` just before asking). A request
   * from elsewhere, or a reset, calls it off.
   */
  retryAfter(ms: number, tick: (leftMs: number) => void): void {
    this.cancelRetry();
    const due = performance.now() + ms;
    const step = () => {
      const left = Math.max(0, Math.round(due - performance.now()));
      tick(left);
      if (left === 0) return this.request();
      this.retryTimer = setTimeout(step, Math.min(1_000, left));
    };
    step();
  }

  isRetrying(): boolean {
    return !!this.retryTimer;
  }

  /** response.done. */
  done(status: string | undefined): ResponseEnd {
    const end = { cancelled: status === 'cancelled' || this.cancelling, queued: this.queued };
    this.reset();
    return end;
  }

  /** The response is gone with its session, or was refused. */
  reset(): void {
    this.cancelRetry();
    this.active = false;
    this.cancelling = false;
    this.queued = false;
  }

  private cancelRetry(): void {
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
  }

  private begin(): void {
    this.hooks.onBegin();
    this.cancelling = false;
    this.active = true;
  }
}
