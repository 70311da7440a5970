// A labelled form row: label, the control, a hint, and inline errors tied to the control for assistive tech.
import { useId, type ReactElement, type ReactNode } from 'react';

export interface FieldProps {
  label: ReactNode;
  hint?: ReactNode;
  errors?: readonly string[] | undefined;
  /** Receives the id and the describedby list to put on the control. */
  children: (ids: { id: string; describedBy: string | undefined; invalid: boolean }) => ReactElement;
  className?: string;
}

export function Field({ label, hint, errors, children, className }: FieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const invalid = (errors?.length ?? 0) > 0;
  const describedBy = [hint ? hintId : null, invalid ? errorId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${invalid ? ' invalid' : ''}${className ? ` ${className}` : ''}`}>
      <label htmlFor={id} id={`${id}-label`}>
        {label}
      </label>
      {children({ id, describedBy, invalid })}
      {hint && (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      )}
      {invalid && (
        <p className="field-error" id={errorId} role="alert">
          {errors!.join(' ')}
        </p>
      )}
    </div>
  );
}
