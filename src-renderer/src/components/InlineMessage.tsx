// A calm inline message: a note (something is not available yet) or an error, announced to screen readers.
import type { ShownError } from '../lib/errors';

export function InlineMessage({
  error,
  onDismiss,
  action,
}: {
  error: ShownError | null;
  onDismiss?: () => void;
  /** A way out offered with the message (Retry). */
  action?: { label: string; run: () => void; busy?: boolean };
}) {
  if (!error) return null;
  return (
    <p className={`inline-message ${error.tone}`} role={error.tone === 'error' ? 'alert' : 'status'}>
      <span>{error.message}</span>
      {action && (
        <button type="button" className="link-button" onClick={action.run} disabled={action.busy}>
          {action.label}
        </button>
      )}
      {onDismiss && (
        <button type="button" className="link-button" onClick={onDismiss} aria-label="Dismiss message">
          ×
        </button>
      )}
    </p>
  );
}
