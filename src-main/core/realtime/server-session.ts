// The life of a server session, from the conversation's side: the one reset of every part when a session ends
// (reconnect, renewal, model change, new conversation, end), what a fresh session is told (the conversation
// so far, input still owed an answer), and renewal before the 60-minute limit once nothing is under way.
import type { AssistantReply } from './assistant-reply';
import type { LiveProfile } from './live-profile';
import type { SessionLink } from './session-link';
import type { TranscriptFeed } from './transcript-feed';
import type { UserTurns } from './user-turns';

export interface ServerSessionParts {
  link: Pick<SessionLink, 'restart' | 'send' | 'isConfirmed'>;
  profile: Pick<LiveProfile, 'target' | 'confirmed'>;
  reply: Pick<AssistantReply, 'newSession' | 'isActive' | 'isPlaying' | 'interrupt' | 'sendQueued'>;
  feed: Pick<TranscriptFeed, 'newSession' | 'replayTo'>;
  turns: Pick<UserTurns, 'newSocket' | 'owedTranscriptId' | 'resendOwed' | 'flush' | 'busy'>;
}

export interface ServerSessionHooks {
  notice(message: string | undefined): void;
  /** A fresh socket's session is configured and confirmed. */
  ready(session: Record<string, unknown>): void;
  changed(): void;
}

export class ServerSession {
  private renewDue = false;

  constructor(
    private readonly parts: ServerSessionParts,
    private readonly hooks: ServerSessionHooks,
  ) {}

  /** The one reset when a server session ends; `keepContext`: the next one is told the conversation so far. */
  reset(keepContext: boolean): void {
    this.parts.reply.newSession();
    this.parts.feed.newSession(keepContext);
    this.parts.turns.newSocket();
  }

  /** A new session that keeps the conversation; `why` is shown meanwhile. */
  restart(why: string): void {
    this.hooks.notice(why);
    // An answer still streaming is cut (its session goes away); audio already received plays out.
    if (this.parts.reply.isActive()) this.parts.reply.interrupt();
    this.reset(true);
    this.parts.link.restart(this.parts.profile.target());
    this.hooks.changed();
  }

  /** The socket is gone; `retryInMs` when the link reconnects (0: at once). */
  lost(reason: string, retryInMs: number | undefined): void {
    // The conversation stays and is replayed to the next socket.
    this.reset(true);
    const retry = retryInMs ? ` — reconnecting in ${(retryInMs / 1000).toFixed(1)} s` : '';
    this.hooks.notice(retryInMs === undefined ? undefined : `${reason}${retry}`);
  }

  confirmed(session: Record<string, unknown>, fresh: boolean): void {
    const { profile, feed, turns, reply, link } = this.parts;
    this.hooks.notice(undefined);
    profile.confirmed();
    if (fresh) {
      feed.replayTo(link, turns.owedTranscriptId());
      this.hooks.ready(session);
      // A committed turn or typed message that lost its answer with the old socket is asked again.
      turns.resendOwed();
    }
    turns.flush();
    // A response asked for while the update was unconfirmed (tool outputs, a queued turn) goes now.
    reply.sendQueued();
    this.hooks.changed();
  }

  /** The link says the session nears its limit: renewed now if idle, else once it is. */
  renewSoon(): void {
    this.renewDue = true;
    this.renewIfIdle();
  }

  /** Nothing is under way any more (a reply played out): a due renewal happens now. */
  renewIfIdle(): void {
    const { turns, reply } = this.parts;
    if (!this.renewDue || turns.busy() || reply.isActive() || reply.isPlaying()) return;
    this.renewDue = false;
    this.restart('renewing the session before its 60-minute limit');
  }
}
