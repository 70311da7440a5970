// Press and hold to talk (mouse, touch, pen). Pointer capture keeps the release coming to us even if the
// pointer leaves the button; Space or Enter held while the button has focus works the same way.
import { useRef, useState } from 'react';

export function TalkButton({
  onStart,
  onEnd,
  disabled,
  talking,
}: {
  onStart: () => void;
  onEnd: () => void;
  disabled?: boolean;
  /** Also true while Space is held elsewhere in the window. */
  talking: boolean;
}) {
  const [pressed, setPressed] = useState(false);
  // The ref, not the state, decides: pointerup and lostpointercapture both arrive for one release.
  const down = useRef(false);
  const keyDown = useRef(false);
  const start = () => {
    if (down.current) return;
    down.current = true;
    setPressed(true);
    onStart();
  };
  const end = () => {
    if (!down.current) return;
    down.current = false;
    setPressed(false);
    onEnd();
  };
  const active = pressed || talking;
  return (
    <button
      type="button"
      className={`talk-button${active ? ' active' : ''}`}
      aria-pressed={active}
      disabled={disabled}
      onPointerDown={(e) => {
        if (e.button !== 0) return;
        e.currentTarget.setPointerCapture?.(e.pointerId);
        start();
      }}
      onPointerUp={end}
      onPointerCancel={end}
      onLostPointerCapture={end}
      onKeyDown={(e) => {
        if (e.key !== ' ' && e.key !== 'Enter') return;
        e.preventDefault();
        if (e.repeat || keyDown.current) return;
        keyDown.current = true;
        start();
      }}
      onKeyUp={(e) => {
        if (e.key !== ' ' && e.key !== 'Enter') return;
        e.preventDefault();
        keyDown.current = false;
        end();
      }}
      onBlur={() => {
        keyDown.current = false;
        end();
      }}
      // The click that follows a press must not do anything more.
      onClick={(e) => e.preventDefault()}
    >
      <span className="talk-icon" aria-hidden="true" />
      <span>{active ? 'Listening — release to send' : 'Hold to talk'}</span>
    </button>
  );
}
