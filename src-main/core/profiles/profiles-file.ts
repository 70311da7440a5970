// The profiles file: its schema, its version and the migrations that bring older files up to it.
//   1.0.0  { activeProfile, profiles: { [id]: { name, model, session: <beta-shaped dict> } } }
//          (what the app stored while it spoke the beta interface)
//   2.0.0  { activeId, profiles: Profile[] } with GA sessions and metadata
import { z } from 'zod';
import { profilesStateSchema, profileSchema, type Profile } from '../../../src-preload/contract';
import type { MigrationStore } from '../storage/store-types';
import { betaSessionToGa } from './beta-to-ga';
import { builtinProfiles, defaultActiveProfileId } from './builtin-profiles';

export const PROFILES_FILE_VERSION = '2.0.0';

/** The stored state: valid profiles, unique ids, an active id that exists. */
export const profilesFileSchema = profilesStateSchema.superRefine((state, ctx) => {
  const ids = new Set<string>();
  for (const [index, profile] of state.profiles.entries()) {
    if (ids.has(profile.id))
      ctx.addIssue({ code: 'custom', message: 'duplicate profile id', path: ['profiles', index, 'id'] });
    ids.add(profile.id);
  }
  if (!ids.has(state.activeId))
    ctx.addIssue({ code: 'custom', message: 'no profile has this id', path: ['activeId'] });
});

export const profilesDefaults = { profiles: builtinProfiles, activeId: defaultActiveProfileId };

const v1ProfileSchema = z.object({
  name: z.string(),
  model: z.string().optional(),
  session: z.record(z.string(), z.unknown()),
});

/**
 * Migrations receive notes they may add to (the user sees them once, as a notice). A v1 profile whose
 * session cannot be expressed in GA is dropped rather than making the whole file unreadable.
 */
export function profilesMigrations(notes: string[], now: () => Date) {
  return {
    '2.0.0': (store: MigrationStore) => {
      // conf runs every migration on a file without a recorded version. A v2 file that lost its marker (a
      // hand edit, a restored backup) already holds a list: converting it as v1 would turn each GA profile
      // into a "beta" one and drop its settings. It is left for validation instead.
      if (Array.isArray(store.get('profiles'))) return;
      const oldProfiles = (store.get('profiles') ?? {}) as Record<string, unknown>;
      const migrated: Profile[] = [];
      for (const [id, raw] of Object.entries(oldProfiles)) {
        const old = v1ProfileSchema.safeParse(raw);
        if (!old.success) {
          notes.push(`Profile "${id}" was unreadable and was dropped during the upgrade.`);
          continue;
        }
        const converted = betaSessionToGa(old.data.session);
        const candidate = profileSchema.safeParse({
          id,
          name: old.data.name,
          model: old.data.model ?? converted.model ?? '',
          session: converted.session,
          builtIn: false,
          updatedAt: now().toISOString(),
        });
        if (!candidate.success) {
          const issue = candidate.error.issues[0];
          notes.push(
            `Profile "${old.data.name}" could not be upgraded (${issue?.path.join('.')}: ${issue?.message}) and was dropped.`,
          );
          continue;
        }
        for (const note of converted.notes) notes.push(`Profile "${old.data.name}": ${note}`);
        migrated.push(candidate.data);
      }
      const active = store.get('activeProfile');
      const activeId = migrated.some((p) => p.id === active)
        ? String(active)
        : (migrated[0]?.id ?? defaultActiveProfileId);
      store.set('profiles', [
        ...migrated,
        ...builtinProfiles.filter((b) => !migrated.some((p) => p.id === b.id)),
      ]);
      store.set('activeId', activeId);
      store.delete('activeProfile');
    },
  };
}
