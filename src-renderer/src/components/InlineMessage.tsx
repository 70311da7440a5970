// A calm inline message: a note (something is not available yet) or an error, announced to screen readers.
import type { ShownError } from '../lib/errors';

export function InlineMessage({ error, onDismiss }: { error: ShownError | null; onDismiss?: () => void }) {
  if (!error) return null;
  return (
    <p className={`inline-message ${error.tone}`} role={error.tone === 'error' ? 'alert' : 'status'}>
      <span>{error.message}</span>
      {onDismiss && (
        <button type="button" className="link-button" onClick={onDismiss} aria-label="Dismiss message">
          ×
        </button>
      )}
    </p>
  );
}
