// Setup, step 5: a first conversation turn — hold the button (or the key), say hello, hear the answer.
import { useEffect, useId, useState } from 'react';
import { useClient } from '../../hooks/client-context';
import { useAction } from '../../hooks/useAction';
import { useSession } from '../../hooks/useSession';
import { describeError, type ShownError } from '../../lib/errors';
import { InlineMessage } from '../InlineMessage';
import { StatusLine } from '../StatusLine';
import { TalkButton } from '../TalkButton';

export function PracticeStep() {
  const client = useClient();
  const session = useSession();
  const [talking, setTalking] = useState(false);
  const [error, setError] = useState<ShownError | null>(null);
  const [typed, setTyped] = useState('');
  const textId = useId();
  useEffect(() => client.on('talkState', (state) => setTalking(state.talking)), [client]);
  const send = useAction(async () => {
    await client.sendText({ text: typed.trim() });
    setTyped('');
  });

  const items = session.transcript.items;
  const lastOf = (role: 'user' | 'assistant') => [...items].reverse().find((item) => item.role === role);
  const said = lastOf('user');
  const answer = lastOf('assistant');
  return (
    <>
      <p>Hold the button (or your push-to-talk key), say “Hello, can you hear me?”, and let go.</p>
      <div className="setup-practice">
        <TalkButton
          talking={talking}
          onStart={() => {
            setError(null);
            client.talkStart().then(session.setState, (e: unknown) => setError(describeError(e)));
          }}
          onEnd={() =>
            void client.talkEnd().then(session.setState, (e: unknown) => setError(describeError(e)))
          }
        />
        <StatusLine state={session.state} />
      </div>
      <form
        className="setup-typed"
        onSubmit={(e) => {
          e.preventDefault();
          if (typed.trim()) void send.run();
        }}
      >
        <label htmlFor={textId}>Or type</label>
        <input id={textId} value={typed} maxLength={8_000} onChange={(e) => setTyped(e.target.value)} />
        <button type="submit" className="button" disabled={!typed.trim() || send.busy}>
          Send
        </button>
      </form>
      <dl className="setup-exchange" data-testid="setup-exchange">
        <dt>You</dt>
        <dd data-testid="setup-said">{said?.text || '—'}</dd>
        <dt>Assistant</dt>
        <dd data-testid="setup-answer">{answer?.text || '—'}</dd>
      </dl>
      <InlineMessage error={error ?? send.error} />
    </>
  );
}
