// Space held while the window has focus talks, like the talk button — unless focus is in something
// that uses Space itself (a text field, a button, a select…), where it keeps its usual meaning.
import { useEffect, useRef } from 'react';

const spaceUsers =
  'input, textarea, select, button, summary, a[href], [contenteditable=""], [contenteditable="true"], [role="button"], [role="checkbox"], [role="switch"], [role="option"], [role="menuitem"], [role="tab"]';

export function spaceBelongsTo(target: EventTarget | null): boolean {
  return target instanceof Element && target.closest(spaceUsers) !== null;
}

export function useSpaceToTalk(enabled: boolean, start: () => void, end: () => void): void {
  const held = useRef(false);
  const handlers = useRef({ start, end });
  useEffect(() => {
    handlers.current = { start, end };
  });

  useEffect(() => {
    if (!enabled) return;
    const release = () => {
      if (!held.current) return;
      held.current = false;
      handlers.current.end();
    };
    const onDown = (event: KeyboardEvent) => {
      if (event.code !== 'Space' || event.ctrlKey || event.altKey || event.metaKey) return;
      if (spaceBelongsTo(event.target)) return;
      event.preventDefault(); // no page scroll
      if (event.repeat || held.current) return;
      held.current = true;
      handlers.current.start();
    };
    const onUp = (event: KeyboardEvent) => {
      if (event.code !== 'Space') return;
      if (held.current) event.preventDefault();
      release();
    };
    // Losing focus mid-press would otherwise leave the microphone open until main's safety timeout.
    window.addEventListener('keydown', onDown);
    window.addEventListener('keyup', onUp);
    window.addEventListener('blur', release);
    return () => {
      window.removeEventListener('keydown', onDown);
      window.removeEventListener('keyup', onUp);
      window.removeEventListener('blur', release);
      release();
    };
  }, [enabled]);
}
