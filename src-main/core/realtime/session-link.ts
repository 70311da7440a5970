// The link to the server: connect (plain, or pre-configured through client_secrets), session.update and its
// confirmation, reconnect with backoff after a loss, renewal before the 60-minute limit. The engine only
// sends audio and responses while `isConfirmed()`: the server has shown it holds every field asked for.
import type { RealtimeError, RealtimeSessionCreateRequest } from 'openai/resources/realtime/realtime';
import type { GaSession } from '../../../src-preload/contract';
import { backoffDelay, type BackoffPolicy } from './backoff';
import { createClientSecret } from './client-secret';
import { ConnectError, openConnection, type BadFrameKind, type RealtimeConnection } from './connection';
import { describeClose, describeServerError, type Fault } from './errors';
import type { ClientEvent, ServerEvent } from './protocol';
import { warmServerEventChecks } from './server-event-schema';
import { missingFields, sessionPayload, sessionWithModel } from './session-payload';
import { realtimeSocketUrl } from './urls';

export interface LinkTarget {
  model: string;
  session: GaSession;
}

export interface LinkOptions {
  baseUrl: () => string;
  /**
   * The key to use with `baseUrl`, the base URL this connect read once and uses for everything it sends. A
   * key bound to another origin must not be returned (the caller may ignore the argument only when its key
   * is bound to nothing).
   */
  getApiKey: (baseUrl: string) => Promise<string | undefined>;
  preconfigured: () => boolean;
  backoff: BackoffPolicy;
  connectTimeoutMs: number;
  /** How long to wait for session.updated before re-sending (then warning). */
  confirmTimeoutMs: number;
  /** Renew the session this long after it started (the server ends it at 60 minutes). */
  renewAfterMs: number;
  random?: () => number;
}

export interface LinkListener {
  /** The server holds the profile (or we gave up waiting and warned). `fresh`: first time on this socket. */
  onConfirmed(session: Record<string, unknown>, fresh: boolean): void;
  /** Every server event except session.created / session.updated, which the link consumes. */
  onEvent(event: ServerEvent): void;
  onSent(event: ClientEvent): void;
  onReceived(event: ServerEvent): void;
  /** A frame that was skipped: not JSON, an unknown event type, or one that breaks its GA schema. */
  onBadFrame(kind: BadFrameKind, detail: string): void;
  /** The socket is gone; `retryInMs` when a reconnect is scheduled. */
  onLost(reason: string, retryInMs: number | undefined): void;
  onFatal(fault: Fault): void;
  onWarning(message: string): void;
  onConnecting(message: string): void;
  /** The session nears its time limit; the engine calls renew() when no turn is running. */
  onRenewDue(): void;
}

interface PendingUpdate {
  requested: Record<string, unknown>;
  eventId: string;
  resent: boolean;
  timer: NodeJS.Timeout;
}

let updateCounter = 0;

export class SessionLink {
  private connection: RealtimeConnection | undefined;
  private connecting = false;
  private confirmed = false;
  private pending: PendingUpdate | undefined;
  private attempt = 0;
  private retryTimer: NodeJS.Timeout | undefined;
  private renewTimer: NodeJS.Timeout | undefined;
  private wanted = false;
  private freshSocket = false;
  /** Bumped on every new socket: callbacks from an older socket are ignored. */
  private generation = 0;
  /** The effective session as the server last reported it. */
  effective: Record<string, unknown> | undefined;

  constructor(
    private target: LinkTarget,
    private readonly options: LinkOptions,
    private readonly listener: LinkListener,
  ) {}

  isConfirmed(): boolean {
    return this.confirmed && !!this.connection?.isOpen();
  }
  isConnected(): boolean {
    return !!this.connection?.isOpen();
  }
  isActive(): boolean {
    return this.wanted;
  }
  currentTarget(): LinkTarget {
    return this.target;
  }

  /** Opens a session if none is open or being opened. */
  connect(): void {
    this.wanted = true;
    if (this.connection || this.connecting || this.retryTimer) return;
    void warmServerEventChecks(); // before the first reply's frames, while nothing plays
    void this.open();
  }

  /** Sends a client event (the caller checks isConfirmed for audio and responses). */
  send(event: ClientEvent): void {
    if (!this.connection?.isOpen()) return;
    this.connection.send(event);
    this.listener.onSent(event);
  }

  /** Live apply: one session.update with just `patch`, confirmed as at connect. */
  update(target: LinkTarget, patch: GaSession): void {
    this.target = target;
    if (!this.connection?.isOpen()) return; // applied in full at the next connect
    this.requestUpdate(patch as Record<string, unknown>);
  }

  /** A new session on a new socket (model change, renewal, new conversation). */
  restart(target: LinkTarget = this.target): void {
    this.target = target;
    this.dropSocket();
    this.attempt = 0;
    this.connect();
  }

  /** Ends the session on purpose: no reconnect. */
  close(): void {
    this.wanted = false;
    this.dropSocket();
  }

  private dropSocket(): void {
    this.generation++;
    clearTimeout(this.retryTimer);
    clearTimeout(this.renewTimer);
    this.retryTimer = undefined;
    this.clearPending();
    this.confirmed = false;
    this.connecting = false;
    const old = this.connection;
    this.connection = undefined;
    old?.close(1000, 'client closed');
  }

  private clearPending(): void {
    if (this.pending) clearTimeout(this.pending.timer);
    this.pending = undefined;
  }

  private async open(): Promise<void> {
    const generation = ++this.generation;
    this.connecting = true;
    this.confirmed = false;
    this.listener.onConnecting(this.attempt ? `reconnecting (attempt ${this.attempt + 1})` : 'connecting');
    try {
      // Read once: the window may change the base URL while this connect awaits the key or client_secrets,
      // and the key (checked against this URL's origin) must only ever go to this URL.
      const baseUrl = this.options.baseUrl();
      const apiKey = await this.options.getApiKey(baseUrl);
      if (!apiKey) throw new ConnectError({ message: 'no API key: set one in Settings', action: 'fatal' });
      // The profile as it stands once the key is read: a change made meanwhile (the profiles' stored
      // authorizations arriving) is in it.
      const { model, session } = this.target;
      let key = apiKey;
      let preconfigured = false;
      if (this.options.preconfigured()) {
        try {
          key = await createClientSecret(baseUrl, apiKey, sessionWithModel(session, model));
          preconfigured = true;
        } catch (error) {
          // The endpoint is optional (proxies, older servers): fall back to connect + session.update.
          // A bad key or an exhausted quota fails the plain connect too: say so once, not twice.
          if (error instanceof ConnectError && [401, 403, 429].includes(error.fault.status ?? 0)) throw error;
          this.listener.onWarning(
            `pre-configured session unavailable (${(error as Error).message}): using session.update`,
          );
        }
      }
      if (generation !== this.generation) return;
      // Frames can arrive before `await` hands us the connection: hold them until it is ours.
      let held: ServerEvent[] | undefined = [];
      const connection = await openConnection(
        realtimeSocketUrl(baseUrl, model),
        key,
        {
          onEvent: (event) => {
            if (generation !== this.generation) return;
            if (held) held.push(event);
            else this.handle(event, preconfigured);
          },
          onBadFrame: (kind, detail) =>
            generation === this.generation && this.listener.onBadFrame(kind, detail),
          onClose: (code, reason) => generation === this.generation && this.closed(code, reason),
        },
        this.options.connectTimeoutMs,
      );
      if (generation !== this.generation) {
        connection.close();
        return;
      }
      this.connection = connection;
      this.connecting = false;
      this.freshSocket = true;
      // Plain connect: configure at once, without waiting for session.created (it carries server defaults).
      if (!preconfigured) this.requestUpdate(sessionPayload(session) as Record<string, unknown>);
      const early = held;
      held = undefined;
      for (const event of early) if (generation === this.generation) this.handle(event, preconfigured);
    } catch (error) {
      if (generation !== this.generation) return;
      this.connecting = false;
      const fault: Fault =
        error instanceof ConnectError ? error.fault : { message: (error as Error).message, action: 'report' };
      if (fault.action === 'fatal') {
        this.wanted = false;
        this.listener.onFatal(fault);
      } else this.scheduleRetry(fault.message);
    }
  }

  /** The socket closed: fatal (3000, 4000), a new session at once (the 60-minute 1001), or a reconnect. */
  private closed(code: number, reason: string): void {
    const fault = describeClose(code, reason);
    if (fault.action !== 'fatal') return this.lost(fault.message, fault.action === 'renew');
    this.close();
    this.listener.onFatal(fault);
  }

  private lost(reason: string, renewNow = false): void {
    this.connection = undefined;
    this.confirmed = false;
    this.clearPending();
    clearTimeout(this.renewTimer);
    if (!this.wanted) return this.listener.onLost(reason, undefined);
    if (!renewNow) return this.scheduleRetry(`connection lost: ${reason}`);
    this.attempt = 0;
    this.listener.onLost(reason, 0);
    void this.open();
  }

  private scheduleRetry(reason: string): void {
    this.attempt++;
    if (this.attempt > this.options.backoff.maxAttempts) {
      this.wanted = false;
      this.listener.onFatal({
        message: `${reason} — gave up after ${this.attempt - 1} attempts`,
        action: 'fatal',
      });
      return;
    }
    const delay = backoffDelay(this.options.backoff, this.attempt, this.options.random);
    this.listener.onLost(reason, delay);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      if (this.wanted) void this.open();
    }, delay);
  }

  private requestUpdate(requested: Record<string, unknown>): void {
    this.clearPending();
    this.confirmed = false;
    const eventId = `session_update_${++updateCounter}`;
    this.pending = {
      requested,
      eventId,
      resent: false,
      timer: setTimeout(() => this.mismatch(['(no session.updated)']), this.options.confirmTimeoutMs),
    };
    this.send({
      type: 'session.update',
      event_id: eventId,
      session: requested as unknown as RealtimeSessionCreateRequest,
    });
  }

  private mismatch(missing: string[]): void {
    const pending = this.pending;
    if (!pending) return;
    if (!pending.resent) {
      // Rare, but reported: the server kept its defaults. Ask once more before going on.
      clearTimeout(pending.timer);
      pending.resent = true;
      pending.timer = setTimeout(
        () => this.mismatch(['(no session.updated)']),
        this.options.confirmTimeoutMs,
      );
      this.send({
        type: 'session.update',
        event_id: `${pending.eventId}_resend`,
        session: pending.requested as unknown as RealtimeSessionCreateRequest,
      });
      return;
    }
    this.listener.onWarning(
      `the server did not apply the profile (${missing.join(', ')}) after a re-send: continuing with its settings`,
    );
    this.confirm(this.effective ?? {});
  }

  private confirm(session: Record<string, unknown>): void {
    this.clearPending();
    this.confirmed = true;
    const fresh = this.freshSocket;
    this.freshSocket = false;
    this.attempt = 0;
    this.listener.onConfirmed(session, fresh);
  }

  private handle(event: ServerEvent, preconfigured: boolean): void {
    this.listener.onReceived(event);
    switch (event.type) {
      case 'session.created': {
        this.effective = event.session as unknown as Record<string, unknown>;
        clearTimeout(this.renewTimer);
        this.renewTimer = setTimeout(() => this.listener.onRenewDue(), this.options.renewAfterMs);
        if (preconfigured) {
          const missing = missingFields(sessionPayload(this.target.session), this.effective);
          if (missing.length === 0) this.confirm(this.effective);
          else this.requestUpdate(sessionPayload(this.target.session) as Record<string, unknown>);
        }
        return;
      }
      case 'session.updated': {
        this.effective = event.session as unknown as Record<string, unknown>;
        if (!this.pending) return;
        const missing = missingFields(this.pending.requested, this.effective);
        if (missing.length === 0) this.confirm(this.effective);
        else this.mismatch(missing);
        return;
      }
      case 'error': {
        const error: RealtimeError = event.error;
        const fault = describeServerError(error);
        if (this.pending && error.event_id?.startsWith(this.pending.eventId)) {
          // The update itself was refused (e.g. an invalid parameter): say which, then go on.
          this.listener.onWarning(`session.update refused — ${fault.message}`);
          this.confirm(this.effective ?? {});
          return;
        }
        this.listener.onEvent(event);
        return;
      }
      default:
        this.listener.onEvent(event);
    }
  }
}
