// A number field that lets the user type freely ("0.", "-", "") and reports a number only once the text
// is one; an empty field reports undefined ("not set").
import { useState, type InputHTMLAttributes } from 'react';

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'type'> & {
  value: number | undefined;
  onValue: (value: number | undefined) => void;
};

const show = (value: number | undefined) => (value === undefined ? '' : String(value));

export function NumberInput({ value, onValue, ...rest }: Props) {
  const [text, setText] = useState(show(value));
  const [lastValue, setLastValue] = useState(value);
  // An outside change (revert, another profile) replaces what is typed; our own echo does not.
  if (!Object.is(value, lastValue)) {
    setLastValue(value);
    if (!Object.is(Number(text), value) || text.trim() === '') setText(show(value));
  }
  return (
    <input
      {...rest}
      type="text"
      inputMode="decimal"
      value={text}
      onChange={(e) => {
        const next = e.target.value;
        setText(next);
        const trimmed = next.trim();
        if (trimmed === '') {
          setLastValue(undefined);
          onValue(undefined);
        } else if (/^-?\d*\.?\d+$/.test(trimmed)) {
          const parsed = Number(trimmed);
          setLastValue(parsed);
          onValue(parsed);
        } else {
          // Not a number: report NaN so validation says so, rather than silently keeping the old value.
          setLastValue(Number.NaN);
          onValue(Number.NaN);
        }
      }}
    />
  );
}
