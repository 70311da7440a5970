// A text setting saved when the field is left or Enter is pressed; main's field errors show beneath it.
import { useState } from 'react';
import { Field } from './Field';

export function SettingText({
  label,
  hint,
  value,
  errors,
  onCommit,
  type = 'text',
}: {
  label: string;
  hint?: string;
  value: string;
  errors?: string[] | undefined;
  onCommit: (value: string) => void;
  type?: 'text' | 'url' | 'number';
}) {
  const [text, setText] = useState(value);
  const [shown, setShown] = useState(value);
  // A change from main (or another window) replaces the field unless it is being edited into the same value.
  if (value !== shown) {
    setShown(value);
    setText(value);
  }
  const commit = () => {
    if (text.trim() !== value) onCommit(text.trim());
  };
  return (
    <Field label={label} hint={hint} errors={errors}>
      {({ id, describedBy, invalid }) => (
        <input
          id={id}
          type={type}
          spellCheck={false}
          aria-describedby={describedBy}
          aria-invalid={invalid}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onBlur={commit}
          onKeyDown={(e) => {
            if (e.key === 'Enter') commit();
            if (e.key === 'Escape') setText(value);
          }}
        />
      )}
    </Field>
  );
}
