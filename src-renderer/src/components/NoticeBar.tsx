// Core notices under the top bar, each dismissable.
import type { ShownNotice } from '../hooks/useNotices';

export function NoticeBar({
  notices,
  onDismiss,
}: {
  notices: readonly ShownNotice[];
  onDismiss: (key: number) => void;
}) {
  if (notices.length === 0) return null;
  return (
    <div className="notice-bar" aria-label="Notices">
      {notices.map((n) => (
        <p
          key={n.key}
          className={`inline-message ${n.level === 'info' ? 'note' : n.level}`}
          role={n.level === 'error' ? 'alert' : 'status'}
        >
          <span>{n.message}</span>
          <button
            type="button"
            className="link-button"
            aria-label="Dismiss notice"
            onClick={() => onDismiss(n.key)}
          >
            ×
          </button>
        </p>
      ))}
    </div>
  );
}
