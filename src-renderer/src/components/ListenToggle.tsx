// Hands-free profiles: one toggle instead of the hold-to-talk button. On, the microphone streams and the
// assistant hears you whenever you speak (and stops when you talk over it); off, the microphone is closed.
export function ListenToggle({
  listening,
  disabled,
  busy,
  onToggle,
}: {
  listening: boolean;
  disabled: boolean;
  busy: boolean;
  onToggle: (on: boolean) => void;
}) {
  return (
    <button
      type="button"
      className={`talk-button listen-toggle${listening ? ' active' : ''}`}
      aria-pressed={listening}
      disabled={disabled || busy}
      onClick={() => onToggle(!listening)}
    >
      <span className="talk-icon" aria-hidden="true" />
      <span>{listening ? 'Listening — click to stop' : 'Listen (hands-free)'}</span>
    </button>
  );
}
