// The first-run setup: a short guided dialog over the window — API key, microphone, speaker, push-to-talk
// key, a first turn. The core decides when it shows (no key yet and never finished or skipped, or opened
// from Settings); it can be skipped at every step and is not shown again once finished or skipped.
import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { MicrophoneStep, SpeakerStep } from '../components/setup/AudioSteps';
import { KeyStep } from '../components/setup/KeyStep';
import { PracticeStep } from '../components/setup/PracticeStep';
import { TalkKeyStep } from '../components/setup/TalkKeyStep';
import { useClient } from '../hooks/client-context';
import { useSettings, type SettingsStore } from '../hooks/useSettings';
import '../lifecycle.css';

interface Step {
  title: string;
  body: (store: SettingsStore) => ReactNode;
}

const steps: readonly Step[] = [
  { title: 'Your OpenAI API key', body: (store) => <KeyStep settings={store.settings} /> },
  { title: 'Microphone', body: (store) => <MicrophoneStep store={store} /> },
  { title: 'Speaker', body: (store) => <SpeakerStep store={store} /> },
  { title: 'Push-to-talk key', body: (store) => <TalkKeyStep store={store} /> },
  { title: 'Your first question', body: () => <PracticeStep /> },
];

const focusable = 'button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea, [href]';

export function FirstRunSetup() {
  const client = useClient();
  const [open, setOpen] = useState(false);
  useEffect(() => {
    let live = true;
    client.getSetupState().then(
      (state) => live && state.show && setOpen(true),
      () => {}, // no setup service (an older core): the window works without it
    );
    const off = client.on('setupState', (state) => setOpen(state.show));
    return () => {
      live = false;
      off();
    };
  }, [client]);
  if (!open) return null;
  return (
    <SetupDialog
      onClose={(skipped) => {
        setOpen(false);
        void client.finishSetup({ skipped }).catch(() => {});
      }}
    />
  );
}

function SetupDialog({ onClose }: { onClose: (skipped: boolean) => void }) {
  const store = useSettings();
  const [at, setAt] = useState(0);
  const bodyRef = useRef<HTMLDivElement>(null);
  const step = steps[at]!;
  const last = at === steps.length - 1;

  // Each step starts with focus on its first control, so the keyboard path is Tab, Tab… then Next.
  useEffect(() => {
    const first = bodyRef.current?.querySelector<HTMLElement>(focusable);
    first?.focus();
  }, [at]);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    // Space and Enter belong to the dialog's controls: the window behind must not start talking.
    if (e.key === ' ' || e.code === 'Space') e.stopPropagation();
    if (e.key !== 'Tab') return;
    // A modal keeps focus inside.
    const items = [...e.currentTarget.querySelectorAll<HTMLElement>(focusable)];
    const now = items.indexOf(document.activeElement as HTMLElement);
    const next = (now + (e.shiftKey ? -1 : 1) + items.length) % items.length;
    e.preventDefault();
    items[next]?.focus();
  };

  return (
    <div className="dialog-backdrop setup-backdrop">
      <div
        className="dialog setup-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="setup-title"
        data-testid="setup"
        onKeyDown={onKeyDown}
        onKeyUp={(e) => {
          if (e.key === ' ' || e.code === 'Space') e.stopPropagation();
        }}
      >
        <header className="setup-header">
          <p className="setup-welcome">Welcome to Voice Assistant</p>
          <h2 id="setup-title">{step.title}</h2>
          <ol className="setup-progress" aria-label={`Step ${at + 1} of ${steps.length}`}>
            {steps.map((s, i) => (
              <li key={s.title} className={i === at ? 'current' : i < at ? 'done' : ''} aria-hidden="true" />
            ))}
          </ol>
          <p className="hint">
            Step {at + 1} of {steps.length}
          </p>
        </header>
        <div className="setup-body" ref={bodyRef}>
          {step.body(store)}
        </div>
        <footer className="dialog-actions setup-actions">
          <button type="button" className="button link-like" onClick={() => onClose(true)}>
            Skip setup
          </button>
          <span className="setup-spacer" />
          {at > 0 && (
            <button type="button" className="button" onClick={() => setAt(at - 1)}>
              Back
            </button>
          )}
          {last ? (
            <button type="button" className="button primary" onClick={() => onClose(false)}>
              Finish
            </button>
          ) : (
            <button type="button" className="button primary" onClick={() => setAt(at + 1)}>
              Next
            </button>
          )}
        </footer>
      </div>
    </div>
  );
}
