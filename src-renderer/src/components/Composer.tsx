// Type instead of speaking. Enter sends, Shift+Enter makes a new line.
import { useState } from 'react';
import { useClient } from '../hooks/client-context';
import { useAction } from '../hooks/useAction';
import { InlineMessage } from './InlineMessage';

export function Composer() {
  const client = useClient();
  const [text, setText] = useState('');
  const send = useAction(async (value: string) => {
    await client.sendText({ text: value });
    setText('');
  });
  const submit = () => {
    if (text.trim() && !send.busy) void send.run(text);
  };
  return (
    <form
      className="composer"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <label htmlFor="composer-text" className="visually-hidden">
        Message
      </label>
      <textarea
        id="composer-text"
        rows={1}
        placeholder="Type a message…"
        value={text}
        maxLength={8_000}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
            e.preventDefault();
            submit();
          }
        }}
      />
      <button type="submit" className="button primary" disabled={!text.trim() || send.busy}>
        Send
      </button>
      <InlineMessage error={send.error} onDismiss={send.clearError} />
    </form>
  );
}
