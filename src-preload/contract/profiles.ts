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
    /** The MCP servers whose tools this profile offers, by name; absent: every enabled server. */
    mcpServers: z.array(z.string().min(1).max(64)).max(100).optional(),
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

/**
 * An edit: `name`, `model`, and top-level `session` fields; each `session` field given replaces the stored
 * one, and `null` removes an optional field (for turn_detection, transcription and noise_reduction `null`
 * is itself the value: off). Main validates it with this schema and answers field errors relative to the
 * profile (`session.audio.output.speed`), which is what the editor's fields are named after.
 */
export const profilePatchSchema = z
  .object({
    name: profileDocumentSchema.shape.name.optional(),
    model: profileDocumentSchema.shape.model.optional(),
    /** null: back to every enabled server. */
    mcpServers: profileDocumentSchema.shape.mcpServers.unwrap().nullable().optional(),
    session: z
      .object({
        output_modalities: gaSessionSchema.shape.output_modalities.unwrap().nullable().optional(),
        instructions: gaSessionSchema.shape.instructions.unwrap().nullable().optional(),
        audio: gaSessionSchema.shape.audio.unwrap().nullable().optional(),
        tools: gaSessionSchema.shape.tools.unwrap().nullable().optional(),
        tool_choice: gaSessionSchema.shape.tool_choice.unwrap().nullable().optional(),
        max_output_tokens: gaSessionSchema.shape.max_output_tokens.unwrap().nullable().optional(),
        truncation: gaSessionSchema.shape.truncation.unwrap().nullable().optional(),
      })
      .strict()
      .optional(),
  })
  .strict();
export type ProfilePatch = z.infer<typeof profilePatchSchema>;

/** Checked only for shape here so that main's field errors are not prefixed with `patch.` (see above). */
const deferredPatch = z.custom<ProfilePatch>(
  (value) => typeof value === 'object' && value !== null && !Array.isArray(value),
  'patch must be an object',
);

export const profileCommands = {
  listProfiles: command(noRequest, profilesStateSchema),
  getProfile: command(byId, profileSchema),
  createProfile: command(profileDocumentSchema, profileSchema),
  duplicateProfile: command(byId, profileSchema),
  /** Partial (see profilePatchSchema); fails with field errors such as `session.audio.output.speed`. */
  updateProfile: command(z.object({ id: profileIdSchema, patch: deferredPatch }).strict(), profileSchema),
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
