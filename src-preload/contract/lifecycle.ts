// The installed app's life cycle: the first-run setup, updates and diagnostics (issue 19).
import { z } from 'zod';
import { command, noRequest } from './define';

/** Settings of the life cycle, kept in their own file (lifecycle.json) beside settings.json. */
export const lifecycleSettingsSchema = z.object({
  /** Look for a new version at start and once a day; off: only when the user asks. */
  autoUpdateCheck: z.boolean(),
  /** Also write what is said (transcript text) into the log file; off: only that a turn happened. */
  logConversation: z.boolean(),
});
export type LifecycleSettings = z.infer<typeof lifecycleSettingsSchema>;
export const lifecycleSettingsPatchSchema = lifecycleSettingsSchema.partial().strict();

export const setupStateSchema = z.object({
  /** On screen now: no API key yet and never finished or skipped, or opened again from Settings. */
  show: z.boolean(),
  /** When it was last finished or skipped (ISO time); null: never. */
  completedAt: z.string().nullable(),
  skipped: z.boolean(),
});
export type SetupState = z.infer<typeof setupStateSchema>;

export const updateStatusSchema = z.enum([
  /** This build cannot update itself (the headless shell, a development build, an unpacked AppImage). */
  'unsupported',
  'idle',
  'checking',
  'up-to-date',
  /** A newer version was found and is downloading in the background. */
  'downloading',
  /** Downloaded: "Restart to update" installs it. */
  'ready',
  'error',
]);
export type UpdateStatus = z.infer<typeof updateStatusSchema>;

export const updateStateSchema = z.object({
  status: updateStatusSchema,
  currentVersion: z.string(),
  autoCheck: z.boolean(),
  /** The newer version being downloaded or ready to install. */
  version: z.string().optional(),
  /** 0–100 while downloading. */
  progress: z.number().min(0).max(100).optional(),
  /** The last check that got an answer (ISO time). */
  checkedAt: z.string().optional(),
  /** Why updates are unsupported, or what failed. */
  message: z.string().optional(),
  /** "Restart to update" was chosen while a turn was going on: the restart waits until it ends. */
  restartPending: z.boolean(),
});
export type UpdateState = z.infer<typeof updateStateSchema>;

export const testClipSchema = z.object({
  /** Audio captured by the microphone during the recording. */
  recordedMs: z.number().nonnegative(),
  /** Its loudest sample (dBFS); -Infinity is sent as null: nothing at all was heard. */
  peakDbfs: z.number().nullable(),
  /** The microphone said almost nothing (peak under -50 dBFS): the window suggests checking it. */
  quiet: z.boolean(),
});
export type TestClip = z.infer<typeof testClipSchema>;

export const diagnosticsSchema = z.object({
  /** Versions, OS, audio, hotkeys, settings without secrets and the last log lines, for a bug report. */
  text: z.string(),
  /** The folder the log files are in; null when this run writes none. */
  logFolder: z.string().nullable(),
  /** Put on the clipboard by main (the desktop app); false: the window copies `text` itself. */
  copied: z.boolean(),
});
export type Diagnostics = z.infer<typeof diagnosticsSchema>;

export const lifecycleCommands = {
  getLifecycleSettings: command(noRequest, lifecycleSettingsSchema),
  updateLifecycleSettings: command(lifecycleSettingsPatchSchema, lifecycleSettingsSchema),

  getSetupState: command(noRequest, setupStateSchema),
  /** Settings' "Run setup again". */
  openSetup: command(noRequest, setupStateSchema),
  /** The setup was finished, or skipped: it is not shown again by itself. */
  finishSetup: command(z.object({ skipped: z.boolean() }).strict(), setupStateSchema),
  /**
   * The setup's "press it now": while on, the push-to-talk key is reported (talkState) but starts no turn,
   * so trying the key neither opens a conversation nor needs an API key. Off by itself after two minutes.
   */
  setKeyCheck: command(z.object({ on: z.boolean() }).strict(), z.object({ on: z.boolean() })),
  /** Records three seconds from the microphone and plays them back on the speaker. */
  recordTestClip: command(noRequest, testClipSchema),

  getUpdateState: command(noRequest, updateStateSchema),
  checkForUpdates: command(noRequest, updateStateSchema),
  /** Installs the downloaded version and restarts, at once or as soon as the current turn ends. */
  restartToUpdate: command(noRequest, updateStateSchema),

  /** The diagnostics report, on the clipboard where main can put it there (see `copied`). */
  copyDiagnostics: command(noRequest, diagnosticsSchema),
  openLogsFolder: command(noRequest, z.object({ folder: z.string() })),
};

export const lifecycleEvents = {
  lifecycleSettingsChanged: lifecycleSettingsSchema,
  setupState: setupStateSchema,
  updateState: updateStateSchema,
};
