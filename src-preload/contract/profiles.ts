// Assistant profiles: a name, a model and a GA session object. `{name, model, session}` is also the
// JSON file / import-export format (the headless shell's --profile); stored profiles add id and metadata.
import { z } from 'zod';
import { command, noRequest } from './define';
import { gaSessionSchema } from './session-config';

export const profileIdSchema = z.string().min(1).max(64);

/** The portable form: what a profile file holds and what import/export exchange. */
export const profileDocumentSchema = z
  .object({
    name: z.string().trim().min(1, 'a profile needs a name').max(80),
    /** Empty = the default model from settings. */
    model: z.string().trim().max(64),
    session: gaSessionSchema,
  })
  .strict();
export type ProfileDocument = z.infer<typeof profileDocumentSchema>;

export const profileSchema = profileDocumentSchema.extend({
  id: profileIdSchema,
  builtIn: z.boolean(),
  updatedAt: z.string(),
});
export type Profile = z.infer<typeof profileSchema>;

export const profilesStateSchema = z.object({
  profiles: z.array(profileSchema),
  activeId: profileIdSchema,
});
export type ProfilesState = z.infer<typeof profilesStateSchema>;

const byId = z.object({ id: profileIdSchema }).strict();

export const profileCommands = {
  listProfiles: command(noRequest, profilesStateSchema),
  getProfile: command(byId, profileSchema),
  createProfile: command(profileDocumentSchema, profileSchema),
  duplicateProfile: command(byId, profileSchema),
  /** Partial: `session` fields given replace those stored (null clears a nullable field). */
  updateProfile: command(
    z
      .object({
        id: profileIdSchema,
        patch: profileDocumentSchema
          .partial()
          .extend({ session: gaSessionSchema.partial().optional() })
          .strict(),
      })
      .strict(),
    profileSchema,
  ),
  renameProfile: command(z.object({ id: profileIdSchema, name: z.string() }).strict(), profileSchema),
  /** Never the last profile nor the active one. */
  deleteProfile: command(byId, profilesStateSchema),
  setActiveProfile: command(byId, profilesStateSchema),
  /** Accepts a profile document (GA) or the beta-shaped session dict of older code; notes say what was dropped. */
  importProfile: command(
    z.object({ json: z.string().max(1_000_000) }).strict(),
    z.object({ profile: profileSchema, notes: z.array(z.string()) }),
  ),
  exportProfile: command(byId, z.object({ json: z.string(), fileName: z.string() })),
};

export const profileEvents = {
  profilesChanged: profilesStateSchema,
};
