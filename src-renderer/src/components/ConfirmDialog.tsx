// A small modal question with explicit choices. Focus goes to the safest choice and stays inside;
// Escape cancels.
import { useEffect, useRef } from 'react';

export interface ConfirmChoice {
  label: string;
  value: string;
  tone?: 'primary' | 'danger';
}

export function ConfirmDialog({
  title,
  message,
  choices,
  onChoose,
}: {
  title: string;
  message: string;
  choices: readonly ConfirmChoice[];
  /** `null` when dismissed with Escape. */
  onChoose: (value: string | null) => void;
}) {
  const firstRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    firstRef.current?.focus();
    return () => previous?.focus?.();
  }, []);
  return (
    <div className="dialog-backdrop">
      <div
        className="dialog"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="confirm-title"
        aria-describedby="confirm-message"
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.stopPropagation();
            onChoose(null);
          } else if (e.key === 'Tab') {
            // A modal keeps focus inside: Tab and Shift+Tab cycle through its choices.
            const buttons = [...e.currentTarget.querySelectorAll('button')];
            const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
            const next = (at + (e.shiftKey ? -1 : 1) + buttons.length) % buttons.length;
            e.preventDefault();
            buttons[next]?.focus();
          }
        }}
      >
        <h2 id="confirm-title">{title}</h2>
        <p id="confirm-message">{message}</p>
        <div className="dialog-actions">
          {choices.map((choice, i) => (
            <button
              key={choice.value}
              ref={i === 0 ? firstRef : undefined}
              type="button"
              className={choice.tone ? `button ${choice.tone}` : 'button'}
              onClick={() => onChoose(choice.value)}
            >
              {choice.label}
            </button>
          ))}
        </div>
      </div>
    </div>
  );
}
