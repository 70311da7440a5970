// Edits one profile: instructions, voice and output, transcription, turn detection, audio formats, tools,
// context and cost (truncation, max output tokens). Checks every field with the contract's schema as you type; main's field errors land on the same
// fields after a save. Unsaved edits are guarded (see unsaved-guard).
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import type { GaSession, Profile } from '../../../src-preload/contract';
import { ContextControls } from '../components/ContextControls';
import { ProfileMcpServers } from '../components/mcp/ProfileMcpServers';
import { RemoteMcpTools } from '../components/mcp/RemoteMcpTools';
import { Field } from '../components/Field';
import { InlineMessage } from '../components/InlineMessage';
import { NumberInput } from '../components/NumberInput';
import { useClient } from '../hooks/client-context';
import { useUnsavedGuard } from '../hooks/unsaved-guard';
import { describeError, normalizeFieldErrors, type ShownError } from '../lib/errors';
import {
  draftOf,
  patchBetween,
  remoteToolsFrom,
  toolsPath,
  validateDraft,
  type Draft,
} from '../lib/profile-draft';
import { getIn, sameJson, setIn } from '../lib/paths';

const voices = ['alloy', 'ash', 'ballad', 'cedar', 'coral', 'echo', 'marin', 'sage', 'shimmer', 'verse'];
const transcriptionModels = ['gpt-4o-transcribe', 'gpt-4o-mini-transcribe', 'whisper-1'];
const formats = { pcm: 'PCM16, 24 kHz', pcmu: 'G.711 µ-law', pcma: 'G.711 A-law' } as const;
type FormatKey = keyof typeof formats;

type AudioFormat = NonNullable<NonNullable<NonNullable<GaSession['audio']>['input']>['format']>;
const formatKey = (f: AudioFormat | undefined): FormatKey =>
  f?.type === 'audio/pcmu' ? 'pcmu' : f?.type === 'audio/pcma' ? 'pcma' : 'pcm';
const formatOf = (key: FormatKey): AudioFormat =>
  key === 'pcm'
    ? { type: 'audio/pcm', rate: 24_000 }
    : { type: key === 'pcmu' ? 'audio/pcmu' : 'audio/pcma' };

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <fieldset className="section">
      <legend>{title}</legend>
      {children}
    </fieldset>
  );
}

export function ProfileEditor({
  profile,
  active,
  onDuplicate,
}: {
  profile: Profile;
  active: boolean;
  /** Built-in profiles are read-only: the way to change one is to edit a copy. */
  onDuplicate: () => void;
}) {
  const readOnly = profile.builtIn;
  const client = useClient();
  const guard = useUnsavedGuard();
  const [base, setBase] = useState<Draft>(() => draftOf(profile));
  const [draft, setDraft] = useState<Draft>(base);
  const [serverErrors, setServerErrors] = useState<Record<string, string[]>>({});
  const [message, setMessage] = useState<ShownError | null>(null);
  const [saving, setSaving] = useState(false);
  const [savedAt, setSavedAt] = useState<string | null>(null);

  const dirty = !sameJson(draft, base);

  // A newer stored version (our own save, or a change made elsewhere) replaces the draft only when
  // there is nothing unsaved to lose.
  const incoming = useMemo(() => draftOf(profile), [profile]);
  if (!sameJson(incoming, base)) {
    setBase(incoming);
    if (!dirty) setDraft(incoming);
  }

  useEffect(() => {
    guard.setDirty(dirty ? `the profile “${base.doc.name}”` : null);
  }, [guard, dirty, base.doc.name]);
  useEffect(() => () => guard.setDirty(null), [guard]);

  const { doc: resolved, fieldErrors: localErrors } = useMemo(() => validateDraft(draft), [draft]);
  // The remote MCP tools follow the function tools in session.tools; their errors show on their own form.
  const remoteFrom = remoteToolsFrom(draft, resolved);
  const isRemote = (key: string) => Number(/^session\.tools\.(\d+)\./.exec(key)?.[1] ?? -1) >= remoteFrom;
  const errorsAt = (path: string): string[] | undefined => {
    const mine = Object.entries(localErrors)
      .concat(Object.entries(serverErrors))
      .filter(
        ([key]) => key === path || (path === toolsPath && key.startsWith(`${toolsPath}.`) && !isRemote(key)),
      )
      .flatMap(([key, messages]) =>
        key === path ? messages : messages.map((m) => `${key.slice(path.length + 1)}: ${m}`),
      );
    return mine.length ? mine : undefined;
  };
  const invalid = Object.keys(localErrors).length > 0;

  const set = (path: string, value: unknown) => {
    setDraft((d) => ({ ...d, doc: setIn(d.doc, path, value) }));
    setServerErrors({});
    setMessage(null);
    setSavedAt(null);
  };
  const value = <T,>(path: string) => getIn(draft.doc, path) as T | undefined;
  /** A numeric session field bound to its path: its value, its edits and its field errors. */
  const numberField = (path: string, label: string, extra: { hint?: string; placeholder?: string } = {}) => (
    <Field label={label} hint={extra.hint} errors={errorsAt(path)}>
      {({ id, describedBy, invalid: bad }) => {
        const current = value<unknown>(path); // max_output_tokens may hold "inf": shown as empty
        return (
          <NumberInput
            id={id}
            aria-describedby={describedBy}
            aria-invalid={bad}
            placeholder={extra.placeholder}
            value={typeof current === 'number' ? current : undefined}
            onValue={(v) => set(path, v)}
          />
        );
      }}
    </Field>
  );

  const save = async () => {
    if (invalid) {
      setMessage({ tone: 'error', message: 'Fix the marked fields first.', fieldErrors: {} });
      return;
    }
    const patch = patchBetween(base.doc, resolved);
    setSaving(true);
    setMessage(null);
    try {
      const onlyName = patch.name !== undefined && Object.keys(patch).length === 1;
      const saved = onlyName
        ? await client.renameProfile({ id: profile.id, name: patch.name! })
        : await client.updateProfile({ id: profile.id, patch });
      const next = draftOf(saved);
      setBase(next);
      setDraft(next);
      setServerErrors({});
      setSavedAt(new Date().toLocaleTimeString());
    } catch (e) {
      const shown = describeError(e);
      setServerErrors(normalizeFieldErrors(shown.fieldErrors, ['patch']));
      setMessage(shown);
    } finally {
      setSaving(false);
    }
  };

  const turn = value<GaSession['audio']>('session.audio')?.input?.turn_detection;
  const turnKind = turn === undefined || turn === null ? 'ptt' : turn.type;
  const transcription = value<unknown>('session.audio.input.transcription');
  const td = 'session.audio.input.turn_detection';

  return (
    <form
      className="profile-editor"
      aria-label={`Edit profile ${base.doc.name}`}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <div className="editor-scroll">
        {readOnly && (
          <div className="inline-message note" role="status">
            <span>
              This profile is built in and cannot be changed. Duplicate it to make your own version.
            </span>
            <button type="button" className="button small" onClick={onDuplicate}>
              Duplicate
            </button>
          </div>
        )}
        <fieldset className="plain" disabled={readOnly}>
          <Section title="Profile">
            <div className="grid-2">
              <Field label="Name" errors={errorsAt('name')}>
                {({ id, describedBy, invalid: bad }) => (
                  <input
                    id={id}
                    aria-describedby={describedBy}
                    aria-invalid={bad}
                    value={draft.doc.name}
                    onChange={(e) => set('name', e.target.value)}
                  />
                )}
              </Field>
              <Field
                label="Model"
                hint="Empty uses the default model from Settings."
                errors={errorsAt('model')}
              >
                {({ id, describedBy, invalid: bad }) => (
                  <input
                    id={id}
                    aria-describedby={describedBy}
                    aria-invalid={bad}
                    value={draft.doc.model}
                    placeholder="default"
                    onChange={(e) => set('model', e.target.value)}
                  />
                )}
              </Field>
            </div>
            <Field label="Instructions" errors={errorsAt('session.instructions')}>
              {({ id, describedBy, invalid: bad }) => (
                <textarea
                  id={id}
                  aria-describedby={describedBy}
                  aria-invalid={bad}
                  rows={6}
                  value={value<string>('session.instructions') ?? ''}
                  onChange={(e) => set('session.instructions', e.target.value || undefined)}
                />
              )}
            </Field>
          </Section>

          <Section title="Voice and output">
            <div className="grid-3">
              <Field label="Output" errors={errorsAt('session.output_modalities')}>
                {({ id, describedBy }) => (
                  <select
                    id={id}
                    aria-describedby={describedBy}
                    value={value<string[]>('session.output_modalities')?.[0] ?? 'audio'}
                    onChange={(e) => set('session.output_modalities', [e.target.value])}
                  >
                    <option value="audio">Voice (with transcript)</option>
                    <option value="text">Text only</option>
                  </select>
                )}
              </Field>
              <Field
                label="Voice"
                hint="Fixed once the assistant has spoken in a session."
                errors={errorsAt('session.audio.output.voice')}
              >
                {({ id, describedBy, invalid: bad }) => (
                  <>
                    <input
                      id={id}
                      aria-describedby={describedBy}
                      aria-invalid={bad}
                      list="voice-options"
                      placeholder="server default"
                      value={value<string>('session.audio.output.voice') ?? ''}
                      onChange={(e) => set('session.audio.output.voice', e.target.value || undefined)}
                    />
                    <datalist id="voice-options">
                      {voices.map((v) => (
                        <option key={v} value={v} />
                      ))}
                    </datalist>
                  </>
                )}
              </Field>
              {numberField('session.audio.output.speed', 'Speed', {
                hint: '0.25 – 1.5; empty = 1.',
                placeholder: '1',
              })}
            </div>
          </Section>

          <Section title="Listening">
            <div className="grid-3">
              <Field label="Transcribe what I say" errors={errorsAt('session.audio.input.transcription')}>
                {({ id, describedBy }) => (
                  <select
                    id={id}
                    aria-describedby={describedBy}
                    value={transcription ? 'on' : 'off'}
                    onChange={(e) =>
                      set(
                        'session.audio.input.transcription',
                        e.target.value === 'on' ? { model: transcriptionModels[0] } : null,
                      )
                    }
                  >
                    <option value="on">On</option>
                    <option value="off">Off</option>
                  </select>
                )}
              </Field>
              {Boolean(transcription) && (
                <>
                  <Field
                    label="Transcription model"
                    errors={errorsAt('session.audio.input.transcription.model')}
                  >
                    {({ id, describedBy, invalid: bad }) => (
                      <>
                        <input
                          id={id}
                          aria-describedby={describedBy}
                          aria-invalid={bad}
                          list="transcription-models"
                          value={value<string>('session.audio.input.transcription.model') ?? ''}
                          onChange={(e) => set('session.audio.input.transcription.model', e.target.value)}
                        />
                        <datalist id="transcription-models">
                          {transcriptionModels.map((m) => (
                            <option key={m} value={m} />
                          ))}
                        </datalist>
                      </>
                    )}
                  </Field>
                  <Field
                    label="Language"
                    hint="ISO-639 code, e.g. en; empty = detect."
                    errors={errorsAt('session.audio.input.transcription.language')}
                  >
                    {({ id, describedBy, invalid: bad }) => (
                      <input
                        id={id}
                        aria-describedby={describedBy}
                        aria-invalid={bad}
                        placeholder="auto"
                        value={value<string>('session.audio.input.transcription.language') ?? ''}
                        onChange={(e) =>
                          set('session.audio.input.transcription.language', e.target.value || undefined)
                        }
                      />
                    )}
                  </Field>
                </>
              )}
            </div>

            <div className="radio-group" role="radiogroup" aria-label="Turn detection">
              <span className="radio-group-label">Turn detection</span>
              {(
                [
                  ['ptt', 'Push-to-talk', 'You decide when a turn ends (hotkey or talk button).'],
                  ['server_vad', 'Server VAD', 'Ends the turn after a pause of silence.'],
                  ['semantic_vad', 'Semantic VAD', 'Ends the turn when you sound finished.'],
                ] as const
              ).map(([kind, label, hint]) => (
                <label key={kind} className="radio">
                  <input
                    type="radio"
                    name={`turn-${profile.id}`}
                    value={kind}
                    checked={turnKind === kind}
                    onChange={() =>
                      set(
                        td,
                        kind === 'ptt'
                          ? null
                          : kind === 'server_vad'
                            ? {
                                type: 'server_vad',
                                threshold: 0.5,
                                prefix_padding_ms: 300,
                                silence_duration_ms: 500,
                              }
                            : { type: 'semantic_vad', eagerness: 'auto' },
                      )
                    }
                  />
                  <span>
                    {label}
                    <span className="hint"> — {hint}</span>
                  </span>
                </label>
              ))}
            </div>
            {turnKind === 'server_vad' && (
              <div className="grid-3">
                {numberField(`${td}.threshold`, 'Threshold', { hint: '0 – 1; higher needs louder speech.' })}
                {numberField(`${td}.prefix_padding_ms`, 'Prefix padding (ms)')}
                {numberField(`${td}.silence_duration_ms`, 'Silence (ms)')}
              </div>
            )}
            {turnKind === 'semantic_vad' && (
              <div className="grid-3">
                <Field label="Eagerness" errors={errorsAt(`${td}.eagerness`)}>
                  {({ id, describedBy }) => (
                    <select
                      id={id}
                      aria-describedby={describedBy}
                      value={value<string>(`${td}.eagerness`) ?? 'auto'}
                      onChange={(e) => set(`${td}.eagerness`, e.target.value)}
                    >
                      <option value="auto">Auto</option>
                      <option value="low">Low (lets you pause)</option>
                      <option value="medium">Medium</option>
                      <option value="high">High (answers quickly)</option>
                    </select>
                  )}
                </Field>
              </div>
            )}
            <div className="grid-3">
              <Field label="Noise reduction" errors={errorsAt('session.audio.input.noise_reduction')}>
                {({ id, describedBy }) => (
                  <select
                    id={id}
                    aria-describedby={describedBy}
                    value={value<{ type: string }>('session.audio.input.noise_reduction')?.type ?? 'off'}
                    onChange={(e) =>
                      set(
                        'session.audio.input.noise_reduction',
                        e.target.value === 'off' ? null : { type: e.target.value },
                      )
                    }
                  >
                    <option value="off">Off</option>
                    <option value="near_field">Near field (headset)</option>
                    <option value="far_field">Far field (laptop, room)</option>
                  </select>
                )}
              </Field>
              <Field label="Input format" errors={errorsAt('session.audio.input.format')}>
                {({ id, describedBy }) => (
                  <select
                    id={id}
                    aria-describedby={describedBy}
                    value={formatKey(value<AudioFormat>('session.audio.input.format'))}
                    onChange={(e) => set('session.audio.input.format', formatOf(e.target.value as FormatKey))}
                  >
                    {Object.entries(formats).map(([k, label]) => (
                      <option key={k} value={k}>
                        {label}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field label="Output format" errors={errorsAt('session.audio.output.format')}>
                {({ id, describedBy }) => (
                  <select
                    id={id}
                    aria-describedby={describedBy}
                    value={formatKey(value<AudioFormat>('session.audio.output.format'))}
                    onChange={(e) =>
                      set('session.audio.output.format', formatOf(e.target.value as FormatKey))
                    }
                  >
                    {Object.entries(formats).map(([k, label]) => (
                      <option key={k} value={k}>
                        {label}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            </div>
          </Section>

          <Section title="Tools and limits">
            <Field
              label="Tools (JSON)"
              hint='An array of {"type": "function", "name", "description", "parameters"}; empty = no tools.'
              errors={errorsAt(toolsPath)}
            >
              {({ id, describedBy, invalid: bad }) => (
                <textarea
                  id={id}
                  className="code"
                  aria-describedby={describedBy}
                  aria-invalid={bad}
                  rows={8}
                  spellCheck={false}
                  value={draft.toolsText}
                  onChange={(e) => {
                    const toolsText = e.target.value;
                    setDraft((d) => ({ ...d, toolsText }));
                    setServerErrors({});
                  }}
                />
              )}
            </Field>
            <div className="grid-3">
              <Field label="Tool choice" errors={errorsAt('session.tool_choice')}>
                {({ id, describedBy }) => {
                  const choice = value<GaSession['tool_choice']>('session.tool_choice');
                  return (
                    <select
                      id={id}
                      aria-describedby={describedBy}
                      value={typeof choice === 'string' ? choice : choice ? 'function' : 'auto'}
                      disabled={typeof choice === 'object'}
                      onChange={(e) => set('session.tool_choice', e.target.value)}
                    >
                      <option value="auto">Auto</option>
                      <option value="none">None</option>
                      <option value="required">Required</option>
                      {typeof choice === 'object' && <option value="function">{choice.name}</option>}
                    </select>
                  );
                }}
              </Field>
            </div>
            <RemoteMcpTools
              tools={draft.remoteMcp}
              onChange={(remoteMcp) => {
                setDraft((d) => ({ ...d, remoteMcp }));
                setServerErrors({});
                setSavedAt(null);
              }}
              errorsAt={(index, field) => errorsAt(`${toolsPath}.${remoteFrom + index}.${field}`)}
            />
            <ProfileMcpServers profile={profile} />
          </Section>
          <Section title="Context and cost">
            <ContextControls
              truncation={value<GaSession['truncation']>('session.truncation')}
              maxOutputTokens={value<GaSession['max_output_tokens']>('session.max_output_tokens')}
              set={set}
              errorsAt={errorsAt}
            />
          </Section>
        </fieldset>
      </div>

      <footer className="editor-footer">
        <InlineMessage error={message} onDismiss={() => setMessage(null)} />
        {!message && (
          <p className="hint" aria-live="polite">
            {readOnly
              ? 'Built in: read-only.'
              : dirty
                ? active
                  ? 'Unsaved changes. Saving applies them to the live session.'
                  : 'Unsaved changes.'
                : savedAt
                  ? `Saved at ${savedAt}.`
                  : 'No changes.'}
          </p>
        )}
        <div className="button-row">
          <button type="button" className="button" disabled={!dirty || saving} onClick={() => setDraft(base)}>
            Revert
          </button>
          <button type="submit" className="button primary" disabled={readOnly || !dirty || saving}>
            {saving ? 'Saving…' : 'Save'}
          </button>
        </div>
      </footer>
    </form>
  );
}
