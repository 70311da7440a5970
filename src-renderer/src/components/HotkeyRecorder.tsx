// Records a shortcut by pressing it: a chord (Ctrl+Alt+P), a single key (F9), or a modifier alone
// (RightCtrl, good for hold-to-talk). Escape cancels. Warnings (conflicts, keys the desktop refuses)
// come from the parent, which asks main.
import { useRef, useState } from 'react';
import { chordFromEvent, isModifierCode, modifierName } from '../lib/accelerator';

const genericModifier: Record<string, string> = {
  LeftCtrl: 'Ctrl',
  RightCtrl: 'Ctrl',
  LeftAlt: 'Alt',
  RightAlt: 'Alt',
  LeftShift: 'Shift',
  RightShift: 'Shift',
  LeftMeta: 'Meta',
  RightMeta: 'Meta',
};

export function HotkeyRecorder({
  id,
  value,
  onRecord,
  onClear,
  describedBy,
  invalid,
}: {
  id: string;
  value: string | null;
  onRecord: (accelerator: string) => void;
  /** Only for optional shortcuts. */
  onClear?: () => void;
  describedBy?: string | undefined;
  invalid?: boolean;
}) {
  const [recording, setRecording] = useState(false);
  const modifiersDown = useRef(new Set<string>());
  const peak = useRef<string[]>([]);

  const stop = () => {
    setRecording(false);
    modifiersDown.current.clear();
    peak.current = [];
  };

  return (
    <div className="hotkey-recorder">
      <button
        id={id}
        type="button"
        className={`hotkey-value${recording ? ' recording' : ''}`}
        aria-describedby={describedBy}
        aria-invalid={invalid}
        title={recording ? undefined : 'Click, then press the new shortcut'}
        onClick={() => setRecording((r) => !r)}
        onBlur={stop}
        // The label alone would name this button ("Push to talk"); add the shortcut it holds.
        aria-labelledby={`${id}-label ${id}-value`}
        onKeyDown={(e) => {
          if (!recording) return;
          // Tab keeps moving focus (keyboard users must be able to leave); it is never recorded.
          if (e.code === 'Tab' && !e.ctrlKey && !e.altKey && !e.metaKey) return stop();
          e.preventDefault();
          e.stopPropagation();
          if (e.code === 'Escape' && !e.ctrlKey && !e.altKey && !e.shiftKey && !e.metaKey) return stop();
          if (isModifierCode(e.code)) {
            modifiersDown.current.add(e.code);
            if (modifiersDown.current.size > peak.current.length) peak.current = [...modifiersDown.current];
            return;
          }
          const chord = chordFromEvent(e);
          if (chord) {
            stop();
            onRecord(chord);
          }
        }}
        onKeyUp={(e) => {
          if (!recording || !isModifierCode(e.code)) return;
          e.preventDefault();
          modifiersDown.current.delete(e.code);
          if (modifiersDown.current.size > 0) return;
          // Modifiers only, all released: one is named by its side, several by their generic names.
          const held = peak.current.map((code) => modifierName(code)!);
          const accelerator =
            held.length === 1 ? held[0]! : [...new Set(held.map((name) => genericModifier[name]!))].join('+');
          stop();
          if (accelerator) onRecord(accelerator);
        }}
      >
        <span id={`${id}-value`}>{recording ? 'Press the keys… (Esc cancels)' : (value ?? 'Not set')}</span>
      </button>
      {onClear && value && !recording && (
        <button type="button" className="button small" onClick={onClear}>
          Clear
        </button>
      )}
    </div>
  );
}
