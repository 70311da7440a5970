// The window: a top bar (profile switcher, status, views, event-log toggle) over one view at a time, with
// the event log as an optional side panel. Every action goes through the typed contract client.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Client } from './client';
import { ConfirmDialog } from './components/ConfirmDialog';
import { EventLogPanel } from './components/EventLogPanel';
import { NoticeBar } from './components/NoticeBar';
import { ProfileSwitcher } from './components/ProfileSwitcher';
import { StatusLine } from './components/StatusLine';
import { UpdateBanner } from './components/UpdateBanner';
import { UsageMeter } from './components/usage/UsageMeter';
import { ClientContext, useClient } from './hooks/client-context';
import { UnsavedGuardContext, type UnsavedGuard } from './hooks/unsaved-guard';
import { useNotices } from './hooks/useNotices';
import { useProfiles } from './hooks/useProfiles';
import { useRealtimeLog } from './hooks/useRealtimeLog';
import { useSession } from './hooks/useSession';
import { useSettings } from './hooks/useSettings';
import { useSpaceToTalk } from './hooks/useSpaceToTalk';
import { useTheme } from './hooks/useTheme';
import { describeError, type ShownError } from './lib/errors';
import { ConversationView } from './views/ConversationView';
import { FirstRunSetup } from './views/FirstRunSetup';
import { HistoryView } from './views/HistoryView';
import { ProfilesView } from './views/ProfilesView';
import { SettingsView } from './views/SettingsView';

export type ViewName = 'conversation' | 'profiles' | 'history' | 'settings';
const viewLabels: Record<ViewName, string> = {
  conversation: 'Conversation',
  profiles: 'Profiles',
  history: 'History',
  settings: 'Settings',
};

export function App({ client }: { client: Client }) {
  return (
    <ClientContext.Provider value={client}>
      <Window />
    </ClientContext.Provider>
  );
}

/** Holds the "unsaved edits" flag and asks the user, through a dialog, before anything discards them. */
function useGuard() {
  const dirty = useRef<string | null>(null);
  const [asking, setAsking] = useState<{ what: string; resolve: (leave: boolean) => void } | null>(null);
  const guard = useMemo<UnsavedGuard>(
    () => ({
      setDirty: (what) => void (dirty.current = what),
      confirmLeave: () =>
        dirty.current === null
          ? Promise.resolve(true)
          : new Promise<boolean>((resolve) => setAsking({ what: dirty.current!, resolve })),
    }),
    [],
  );
  useEffect(() => {
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (dirty.current !== null) event.preventDefault();
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, []);
  const answer = (leave: boolean) => {
    if (leave) dirty.current = null;
    asking?.resolve(leave);
    setAsking(null);
  };
  return { guard, asking, answer };
}

function Window() {
  const client = useClient();
  const settings = useSettings();
  useTheme(settings.settings?.theme);
  const session = useSession();
  const profiles = useProfiles();
  const [logOpen, setLogOpen] = useState(false);
  const log = useRealtimeLog(logOpen);
  const notices = useNotices();
  const { guard, asking, answer } = useGuard();
  const [view, setView] = useState<ViewName>('conversation');
  const [talking, setTalking] = useState(false);
  const [talkError, setTalkError] = useState<ShownError | null>(null);

  // The global hotkey opens the microphone from outside the window; show it the same way.
  useEffect(() => client.on('talkState', (state) => setTalking(state.talking)), [client]);

  const { setState } = session;
  const talkStart = useCallback(() => {
    setTalking(true);
    setTalkError(null);
    client.talkStart().then(setState, (e: unknown) => {
      setTalking(false);
      setTalkError(describeError(e));
    });
  }, [client, setState]);
  const talkEnd = useCallback(() => {
    setTalking(false);
    client.talkEnd().then(setState, (e: unknown) => setTalkError(describeError(e)));
  }, [client, setState]);

  useSpaceToTalk(view === 'conversation' && asking === null, talkStart, talkEnd);

  const go = async (next: ViewName) => {
    if (next !== view && (await guard.confirmLeave())) setView(next);
  };

  return (
    <UnsavedGuardContext.Provider value={guard}>
      <div className={`window${logOpen ? ' with-log' : ''}`}>
        <header className="topbar">
          <div className="topbar-left">
            <span className="brand" aria-hidden="true" />
            <h1 className="visually-hidden">Voice Assistant</h1>
            <ProfileSwitcher state={profiles.state} onChanged={profiles.replace} />
            <StatusLine state={session.state} />
            <UsageMeter />
          </div>
          <nav className="tabs" aria-label="Views">
            {(Object.keys(viewLabels) as ViewName[]).map((name) => (
              <button
                key={name}
                type="button"
                className="tab"
                aria-current={view === name ? 'page' : undefined}
                onClick={() => void go(name)}
              >
                {viewLabels[name]}
              </button>
            ))}
            <button
              type="button"
              className="tab tab-log"
              aria-pressed={logOpen}
              onClick={() => setLogOpen((open) => !open)}
            >
              Event log{log.entries.length > 0 && <span className="count">{log.entries.length}</span>}
            </button>
          </nav>
        </header>
        <NoticeBar notices={notices.notices} onDismiss={notices.dismiss} />
        <UpdateBanner />
        <div className="workspace">
          <main className="view" id="main">
            {view === 'conversation' && (
              <ConversationView
                session={session}
                talking={talking}
                talkError={talkError}
                onTalkStart={talkStart}
                onTalkEnd={talkEnd}
              />
            )}
            {view === 'profiles' && <ProfilesView store={profiles} />}
            {view === 'history' && <HistoryView />}
            {view === 'settings' && <SettingsView store={settings} profiles={profiles} />}
          </main>
          {logOpen && (
            <EventLogPanel entries={log.entries} onClear={log.clear} onClose={() => setLogOpen(false)} />
          )}
        </div>
      </div>
      {asking && (
        <ConfirmDialog
          title="Discard unsaved changes?"
          message={`You have unsaved changes to ${asking.what}.`}
          choices={[
            { label: 'Keep editing', value: 'stay', tone: 'primary' },
            { label: 'Discard changes', value: 'discard', tone: 'danger' },
          ]}
          onChoose={(choice) => answer(choice === 'discard')}
        />
      )}
      <FirstRunSetup />
    </UnsavedGuardContext.Provider>
  );
}
