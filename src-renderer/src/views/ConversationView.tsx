// The main view: the transcript, and below it the ways to talk — hold the button (or Space), or type.
import type { SessionState } from '../../../src-preload/contract';
import { Composer } from '../components/Composer';
import { InlineMessage } from '../components/InlineMessage';
import { LiveLevelMeter } from '../components/LiveLevelMeter';
import { ToolApprovalPrompt } from '../components/mcp/ToolApprovalPrompt';
import { ListenToggle } from '../components/ListenToggle';
import { TalkButton } from '../components/TalkButton';
import { TranscriptList } from '../components/TranscriptList';
import { useClient } from '../hooks/client-context';
import { useAction } from '../hooks/useAction';
import type { SessionStore } from '../hooks/useSession';
import type { ShownError } from '../lib/errors';

export function ConversationView({
  session,
  talking,
  talkError,
  onTalkStart,
  onTalkEnd,
}: {
  session: SessionStore;
  talking: boolean;
  talkError: ShownError | null;
  onTalkStart: () => void;
  onTalkEnd: () => void;
}) {
  const client = useClient();
  const apply = (state: SessionState) => session.setState(state);
  const mute = useAction(async (muted: boolean) => apply(await client.setMuted({ muted })));
  const interrupt = useAction(async () => apply(await client.interrupt()));
  const fresh = useAction(async () => apply(await client.newConversation()));
  const retry = useAction(async () => apply(await client.retryResponse()));
  const listen = useAction(async (on: boolean) => apply(await client.setListening({ on })));
  const { state } = session;
  const busyAnswering = state.status === 'thinking' || state.status === 'speaking';
  // The status line has room for a few words; the whole error is shown here, where the user acts.
  const sessionError: ShownError | null =
    state.status === 'error' && state.message
      ? { tone: 'error', message: state.message, fieldErrors: {} }
      : null;
  const error =
    talkError ??
    mute.error ??
    listen.error ??
    interrupt.error ??
    fresh.error ??
    retry.error ??
    sessionError ??
    session.loadError;
  // A failed answer can be asked for again.
  const retryAction =
    error === sessionError && state.canRetry
      ? { label: 'Retry', run: () => void retry.run(), busy: retry.busy }
      : undefined;

  return (
    <section className="conversation" aria-label="Conversation">
      <TranscriptList
        items={session.transcript.items}
        label="Transcript"
        empty={
          <div className="empty-state">
            <p className="empty-title">Nothing said yet</p>
            <p>Hold the talk button or Space and speak, or type below.</p>
          </div>
        }
      />
      <div className="controls">
        <ToolApprovalPrompt />
        <InlineMessage error={error} action={retryAction} />
        <div className="controls-row">
          {/* A VAD profile listens hands-free: a toggle, not a button to hold. */}
          {state.handsFree ? (
            <ListenToggle
              listening={!!state.listening}
              disabled={state.muted}
              busy={listen.busy}
              onToggle={(on) => void listen.run(on)}
            />
          ) : (
            <TalkButton talking={talking} onStart={onTalkStart} onEnd={onTalkEnd} disabled={state.muted} />
          )}
          <div className="controls-side">
            <LiveLevelMeter />
            <div className="button-row">
              <button
                type="button"
                className={`button${state.muted ? ' toggled' : ''}`}
                aria-pressed={state.muted}
                onClick={() => void mute.run(!state.muted)}
                disabled={mute.busy}
              >
                {state.muted ? 'Unmute' : 'Mute'}
              </button>
              <button
                type="button"
                className="button"
                onClick={() => void interrupt.run()}
                disabled={!busyAnswering || interrupt.busy}
              >
                Stop answer
              </button>
              <button type="button" className="button" onClick={() => void fresh.run()} disabled={fresh.busy}>
                New conversation
              </button>
            </div>
          </div>
        </div>
        <Composer />
      </div>
    </section>
  );
}
