// Profiles: persisted, validated, switched, and applied live. Every change builds the next state, validates
// all of it, writes it atomically, and only then becomes current (nothing is half-written). When the
// active profile changes or is edited, the injected `apply` callback carries it to the realtime engine.
import { randomUUID } from 'node:crypto';
import {
  profileDocumentSchema,
  profilePatchSchema,
  type Notice,
  type Profile,
  type ProfileDocument,
  type ProfilePatch,
  type ProfilesState,
} from '../../../src-preload/contract';
import { CommandError, fieldErrorsFromIssues } from '../ipc/command-error';
import type { EventBus } from '../ipc/event-bus';
import { openStore } from '../storage/open-store';
import type { StoreFactory } from '../storage/store-types';
import { memorySecrets, type SecretStore } from '../secrets/secret-store';
import { profileDocumentFromText } from './import-profile';
import { openProfileSecrets, withoutAuthorizations } from './profile-secrets';
import {
  PROFILES_FILE_VERSION,
  profilesDefaults,
  profilesFileSchema,
  profilesMigrations,
} from './profiles-file';

/** Sends a profile to the live session (the realtime engine's applyProfile); resolves once confirmed. */
export type ApplyProfile = (profile: Profile) => Promise<void> | void;

export interface ProfilesServiceOptions {
  storage: StoreFactory;
  events: EventBus;
  notify: (notice: Notice) => void;
  apply?: ApplyProfile;
  /** Where remote MCP tools' authorizations are kept (safeStorage in the app); memory when omitted. */
  secrets?: SecretStore;
  now?: () => Date;
  newId?: () => string;
}

const invalid = (
  issues: Parameters<typeof fieldErrorsFromIssues>[0],
  message = 'The profile has invalid fields.',
) => new CommandError('invalid_request', message, fieldErrorsFromIssues(issues));

export function createProfilesService(options: ProfilesServiceOptions) {
  const { events, notify } = options;
  const now = options.now ?? (() => new Date());
  const newId = options.newId ?? (() => `p-${randomUUID()}`);
  let apply = options.apply;

  const migrationNotes: string[] = [];
  const file = openStore(options.storage, {
    name: 'profiles',
    label: 'profiles',
    projectVersion: PROFILES_FILE_VERSION,
    migrations: profilesMigrations(migrationNotes, now),
    defaults: profilesDefaults,
    schema: profilesFileSchema,
    notify,
  });
  if (migrationNotes.length > 0) {
    notify({
      level: 'info',
      message: `Profiles were upgraded to the GA Realtime format. ${migrationNotes.join(' ')}`,
    });
  }
  let state: ProfilesState = file.data;
  const secrets = openProfileSecrets(options.secrets ?? memorySecrets(), notify);

  const find = (id: string): Profile => {
    const profile = state.profiles.find((p) => p.id === id);
    if (!profile) throw new CommandError('not_found', `No profile with id "${id}".`);
    return profile;
  };
  const active = (): Profile => find(state.activeId);

  const commit = (next: ProfilesState) => {
    const parsed = profilesFileSchema.safeParse(next);
    if (!parsed.success) throw invalid(parsed.error.issues);
    file.write(parsed.data);
    state = parsed.data;
    events.emit('profilesChanged', state);
  };

  /** Live apply: a failure never undoes the saved edit; the user is told the session did not take it. */
  const applyLive = async (profile: Profile) => {
    if (!apply) return;
    try {
      await apply(profile);
    } catch (error) {
      notify({
        level: 'warning',
        message: `Profile "${profile.name}" was saved, but the live session did not take it: ${(error as Error).message}`,
      });
    }
  };

  const uniqueName = (base: string): string => {
    const taken = new Set(state.profiles.map((p) => p.name));
    if (!taken.has(base)) return base;
    for (let n = 2; ; n++) if (!taken.has(`${base} ${n}`)) return `${base} ${n}`;
  };

  const validDocument = (candidate: unknown): ProfileDocument => {
    const parsed = profileDocumentSchema.safeParse(candidate);
    if (!parsed.success) throw invalid(parsed.error.issues);
    return parsed.data;
  };

  const add = (doc: ProfileDocument): Profile => {
    const profile: Profile = { ...doc, id: newId(), builtIn: false, updatedAt: now().toISOString() };
    commit({ ...state, profiles: [...state.profiles, profile] });
    return profile;
  };

  const editable = (id: string): Profile => {
    const profile = find(id);
    if (profile.builtIn) {
      throw new CommandError(
        'conflict',
        `"${profile.name}" is built in and cannot be changed: duplicate it first.`,
      );
    }
    return profile;
  };

  const replace = (profile: Profile) =>
    commit({ ...state, profiles: state.profiles.map((p) => (p.id === profile.id ? profile : p)) });

  return {
    state: (): ProfilesState => state,
    get: find,
    active,
    readOnly: file.readOnly,
    /** Wires the realtime engine once it exists (it is built after this service). */
    setApply(next: ApplyProfile | undefined) {
      apply = next;
    },

    create(doc: ProfileDocument): Profile {
      const { document, tokens } = secrets.intake(undefined, validDocument(doc));
      const profile = add(document);
      void secrets.keep(profile.id, tokens);
      return profile;
    },

    duplicate(id: string): Profile {
      const source = find(id);
      const copy = add({
        name: uniqueName(`${source.name} (copy)`),
        model: source.model,
        session: structuredClone(source.session),
        ...(source.mcpServers ? { mcpServers: [...source.mcpServers] } : {}),
      });
      void secrets.keep(copy.id, secrets.tokens(id));
      return copy;
    },

    /** Resolves once the stored authorizations are read (the session's first profile is applied again then). */
    secretsLoaded: secrets.loaded,

    /** The profile as the live session needs it: its remote MCP tools' authorizations in clear. */
    forSession: <P extends ProfileDocument & Partial<Pick<Profile, 'id'>>>(profile: P): P =>
      secrets.reveal(profile),

    async update(id: string, patch: ProfilePatch): Promise<Profile> {
      const parsedPatch = profilePatchSchema.safeParse(patch);
      if (!parsedPatch.success) throw invalid(parsedPatch.error.issues);
      editable(id);
      await secrets.loaded; // a kept authorization (the placeholder) needs the stored value
      const current = editable(id);
      const { session: sessionPatch, mcpServers, ...fields } = parsedPatch.data;
      // null: back to every enabled server (the field is dropped).
      const servers = mcpServers === null ? undefined : (mcpServers ?? current.mcpServers);
      const { mcpServers: _before, ...kept } = current;
      const session: Record<string, unknown> = { ...current.session };
      for (const [key, value] of Object.entries(sessionPatch ?? {})) {
        if (value === null) delete session[key];
        else if (value !== undefined) session[key] = value;
      }
      const { document: doc, tokens } = secrets.intake(
        id,
        validDocument({
          name: current.name,
          model: current.model,
          ...fields,
          session,
          ...(servers ? { mcpServers: servers } : {}),
        }),
      );
      const updated: Profile = { ...kept, ...doc, updatedAt: now().toISOString() };
      replace(updated);
      await secrets.keep(id, tokens);
      if (id === state.activeId) await applyLive(updated);
      return updated;
    },

    rename(id: string, name: string): Profile {
      const current = editable(id);
      const parsed = profileDocumentSchema.shape.name.safeParse(name);
      if (!parsed.success)
        throw invalid(parsed.error.issues.map((i) => ({ ...i, path: ['name', ...i.path] })));
      const updated: Profile = { ...current, name: parsed.data, updatedAt: now().toISOString() };
      replace(updated);
      return updated;
    },

    delete(id: string): ProfilesState {
      const profile = find(id);
      if (state.profiles.length === 1)
        throw new CommandError('conflict', 'The last profile cannot be deleted.');
      if (id === state.activeId) {
        throw new CommandError(
          'conflict',
          `"${profile.name}" is the active profile: switch to another one first.`,
        );
      }
      commit({ ...state, profiles: state.profiles.filter((p) => p.id !== id) });
      void secrets.forget(id);
      return state;
    },

    async setActive(id: string): Promise<ProfilesState> {
      const profile = find(id);
      if (id === state.activeId) return state;
      commit({ ...state, activeId: id });
      await applyLive(profile);
      return state;
    },

    /** The profile after the active one, wrapping around (the "next profile" hotkey). */
    async activateNext(): Promise<ProfilesState> {
      const index = state.profiles.findIndex((p) => p.id === state.activeId);
      const next = state.profiles[(index + 1) % state.profiles.length];
      return next ? this.setActive(next.id) : state;
    },

    import(json: string): { profile: Profile; notes: string[] } {
      const imported = profileDocumentFromText(json, uniqueName);
      const { document, tokens } = secrets.intake(undefined, imported.document);
      const profile = add(document);
      void secrets.keep(profile.id, tokens);
      return { profile, notes: imported.notes };
    },

    export(id: string): { json: string; fileName: string } {
      // The authorizations of remote MCP tools stay here: the file may go anywhere.
      const { name, model, session, mcpServers } = withoutAuthorizations(find(id));
      const slug =
        name
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, '-')
          .replace(/^-|-$/g, '') || 'profile';
      return {
        json: `${JSON.stringify({ name, model, session, mcpServers }, null, 2)}\n`,
        fileName: `${slug}.profile.json`,
      };
    },
  };
}
export type ProfilesService = ReturnType<typeof createProfilesService>;
