// Profiles: the list (create, import) and the selected profile's actions (activate, duplicate, export,
// delete) around its editor. Switching away from unsaved edits asks first.
import { useRef, useState } from 'react';
import type { Profile, ProfilesState } from '../../../src-preload/contract';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { InlineMessage } from '../components/InlineMessage';
import { useClient } from '../hooks/client-context';
import { useAction } from '../hooks/useAction';
import { useUnsavedGuard } from '../hooks/unsaved-guard';
import type { ProfilesStore } from '../hooks/useProfiles';
import { downloadText } from '../lib/download';
import { ProfileEditor } from './ProfileEditor';

function summary(p: Profile): string {
  const turn = p.session.audio?.input?.turn_detection;
  const mode = !turn ? 'push-to-talk' : turn.type === 'server_vad' ? 'server VAD' : 'semantic VAD';
  const voice = p.session.audio?.output?.voice;
  return [voice, mode, p.session.output_modalities?.[0] === 'text' ? 'text only' : null]
    .filter(Boolean)
    .join(' · ');
}

export function ProfilesView({ store }: { store: ProfilesStore }) {
  const client = useClient();
  const guard = useUnsavedGuard();
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState<Profile | null>(null);
  const [notes, setNotes] = useState<string[]>([]);
  const fileRef = useRef<HTMLInputElement>(null);
  const state = store.state;

  const selected =
    state?.profiles.find((p) => p.id === selectedId) ??
    state?.profiles.find((p) => p.id === state.activeId) ??
    null;

  const select = async (id: string) => {
    if (id === selected?.id) return;
    if (await guard.confirmLeave()) {
      setSelectedId(id);
      setNotes([]);
    }
  };
  const apply = (next: ProfilesState) => store.replace(next);

  const create = useAction(async () => {
    if (!(await guard.confirmLeave())) return;
    const base = 'New profile';
    const taken = new Set(state?.profiles.map((p) => p.name));
    let name = base;
    for (let n = 2; taken.has(name); n++) name = `${base} ${n}`;
    const made = await client.createProfile({ name, model: '', session: { type: 'realtime' } });
    setSelectedId(made.id);
    setNotes([]);
  });
  const duplicate = useAction(async (id: string) => {
    if (!(await guard.confirmLeave())) return;
    const made = await client.duplicateProfile({ id });
    setSelectedId(made.id);
  });
  const activate = useAction(async (id: string) => apply(await client.setActiveProfile({ id })));
  const remove = useAction(async (id: string) => {
    apply(await client.deleteProfile({ id }));
    setSelectedId(null);
  });
  const exportOne = useAction(async (id: string) => {
    const { json, fileName } = await client.exportProfile({ id });
    downloadText(fileName, json, 'application/json');
  });
  const importFile = useAction(async (file: File) => {
    if (!(await guard.confirmLeave())) return;
    const { profile, notes: importNotes } = await client.importProfile({ json: await file.text() });
    setSelectedId(profile.id);
    setNotes(importNotes);
  });

  const error =
    create.error ??
    duplicate.error ??
    activate.error ??
    remove.error ??
    exportOne.error ??
    importFile.error ??
    store.loadError;

  return (
    <section className="profiles-view" aria-label="Profiles">
      <div className="profile-list-pane">
        <div className="pane-header">
          <h2>Profiles</h2>
          <div className="button-row">
            <button
              type="button"
              className="button small"
              onClick={() => void create.run()}
              disabled={!state || create.busy}
            >
              New
            </button>
            <button
              type="button"
              className="button small"
              onClick={() => fileRef.current?.click()}
              disabled={!state}
            >
              Import…
            </button>
            <input
              ref={fileRef}
              type="file"
              accept=".json,application/json"
              className="visually-hidden"
              tabIndex={-1}
              aria-label="Import profile file"
              onChange={(e) => {
                const file = e.target.files?.[0];
                e.target.value = '';
                if (file) void importFile.run(file);
              }}
            />
          </div>
        </div>
        <ul className="profile-list" aria-label="Profile list">
          {state?.profiles.map((p) => (
            <li key={p.id}>
              <button
                type="button"
                className={`profile-item${p.id === selected?.id ? ' selected' : ''}`}
                aria-current={p.id === selected?.id ? 'true' : undefined}
                onClick={() => void select(p.id)}
              >
                <span className="profile-item-name">
                  {p.name}
                  {p.id === state.activeId && <span className="badge badge-active">active</span>}
                  {p.builtIn && <span className="badge">built-in</span>}
                </span>
                <span className="profile-item-summary">{summary(p) || 'server defaults'}</span>
              </button>
            </li>
          ))}
        </ul>
        {!state && !store.loadError && <p className="hint">Loading profiles…</p>}
      </div>

      <div className="profile-detail-pane">
        <InlineMessage error={error} />
        {notes.length > 0 && (
          <div className="inline-message note" role="status">
            <span>
              Imported. Notes: <br />
              {notes.map((n) => (
                <span key={n}>
                  • {n}
                  <br />
                </span>
              ))}
            </span>
          </div>
        )}
        {selected && state ? (
          <>
            <div className="pane-header">
              <h2>{selected.name}</h2>
              <div className="button-row">
                <button
                  type="button"
                  className="button small"
                  disabled={selected.id === state.activeId || activate.busy}
                  onClick={() => void activate.run(selected.id)}
                >
                  {selected.id === state.activeId ? 'Active' : 'Make active'}
                </button>
                <button
                  type="button"
                  className="button small"
                  onClick={() => void duplicate.run(selected.id)}
                >
                  Duplicate
                </button>
                <button
                  type="button"
                  className="button small"
                  onClick={() => void exportOne.run(selected.id)}
                >
                  Export
                </button>
                <button
                  type="button"
                  className="button small danger"
                  disabled={selected.id === state.activeId || state.profiles.length < 2}
                  title={selected.id === state.activeId ? 'The active profile cannot be deleted' : undefined}
                  onClick={() => setConfirmDelete(selected)}
                >
                  Delete
                </button>
              </div>
            </div>
            <ProfileEditor
              key={selected.id}
              profile={selected}
              active={selected.id === state.activeId}
              onDuplicate={() => void duplicate.run(selected.id)}
            />
          </>
        ) : (
          state && <p className="hint">Select a profile to edit it.</p>
        )}
      </div>
      {confirmDelete && (
        <ConfirmDialog
          title={`Delete “${confirmDelete.name}”?`}
          message="The profile is removed for good. Export it first if you may want it back."
          choices={[
            { label: 'Keep it', value: 'keep' },
            { label: 'Delete', value: 'delete', tone: 'danger' },
          ]}
          onChoose={(choice) => {
            const target = confirmDelete;
            setConfirmDelete(null);
            if (choice === 'delete') void remove.run(target.id);
          }}
        />
      )}
    </section>
  );
}
