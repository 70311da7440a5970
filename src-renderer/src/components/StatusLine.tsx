// Where the conversation stands, in words and a colour dot; an error carries its message.
import type { SessionState } from '../../../src-preload/contract';

const labels: Record<SessionState['status'], string> = {
  disconnected: 'Disconnected',
  connecting: 'Connecting…',
  ready: 'Ready',
  // The talk key is down but the microphone delivers nothing yet: wait before speaking.
  opening: 'Opening microphone…',
  listening: 'Listening',
  // Hands-free: the server hears the user speaking.
  hearing: 'You are speaking…',
  thinking: 'Thinking…',
  speaking: 'Speaking',
  error: 'Error',
};

export function StatusLine({ state }: { state: SessionState }) {
  return (
    <div
      className={`status-line status-${state.status}`}
      role="status"
      aria-live="polite"
      data-testid="status"
    >
      <span className="status-dot" aria-hidden="true" />
      <span className="status-label">{labels[state.status]}</span>
      {state.muted && <span className="status-badge">Muted</span>}
      {state.message && (
        <span className="status-message" title={state.message}>
          {state.message}
        </span>
      )}
    </div>
  );
}
