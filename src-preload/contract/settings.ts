// Application settings (everything that is not a profile). The API key is never part of them: it lives
// encrypted in main, and the renderer only learns its status (see apiKey* commands).
import { z } from 'zod';
import { command, noRequest } from './define';
import { imageDetailSchema } from './images';

export const themeSchema = z.enum(['system', 'light', 'dark']);
export const pttModeSchema = z.enum(['hold', 'toggle', 'tap-or-hold']);
export const hotkeyBackendSchema = z.enum(['auto', 'uiohook', 'portal', 'toggle']);
/**
 * Keep the microphone ready between turns: 'on-demand' closes it right after a turn, 'warm' keeps it open 20 s,
 * 'always' while the app runs (its audio stays in a short in-memory ring, sent only as a turn's pre-roll).
 */
export const micReadySchema = z.enum(['on-demand', 'warm', 'always']);
export type MicReady = z.infer<typeof micReadySchema>;

/**
 * Hands-free on a loudspeaker: `on` cancels the assistant's own voice in the microphone (WebRTC AEC3), so the
 * user can talk over it; `half-duplex` mutes the microphone while the assistant is audible (interrupt by key);
 * `off` for a headset.
 */
export const echoCancelSchema = z.enum(['on', 'half-duplex', 'off']);
export type EchoCancelMode = z.infer<typeof echoCancelSchema>;

/** Electron-style accelerator ("Ctrl+Space", "F9", "RightCtrl"); parsed and checked by core/hotkey. */
export const acceleratorSchema = z.string().trim().min(1).max(64);

export const hotkeysSchema = z.object({
  pushToTalk: acceleratorSchema,
  nextProfile: acceleratorSchema.nullable(),
  /** "Talk about my screen": captures the screen under the pointer for the next turn. */
  captureScreen: acceleratorSchema.nullable(),
  /** profile id → accelerator that switches to it. */
  profiles: z.record(z.string(), acceleratorSchema),
});

export const settingsSchema = z.object({
  /** Realtime API base, `OPENAI_BASE_URL` convention: https://…/v1 (→ wss://…/v1/realtime). */
  baseUrl: z.url({ protocol: /^https?$/ }),
  /** Used by profiles that leave their model empty. */
  defaultModel: z.string().trim().min(1),
  /** Device id or name; null = the system default. */
  inputDevice: z.string().nullable(),
  outputDevice: z.string().nullable(),
  hotkeys: hotkeysSchema,
  pttMode: pttModeSchema,
  hotkeyBackend: hotkeyBackendSchema,
  /** A held key never keeps the microphone open longer than this (a lost key-up). */
  pttSafetyTimeoutMs: z
    .number()
    .int()
    .min(5_000)
    .max(30 * 60_000),
  micReady: micReadySchema,
  /** Audio from just before the talk key put at the start of a turn when the microphone was ready. */
  prerollMs: z.number().int().min(0).max(1_000),
  earcons: z.boolean(),
  startAtLogin: z.boolean(),
  closeToTray: z.boolean(),
  /** Create the session pre-configured through POST /realtime/client_secrets (off: plain connect + session.update). */
  preconfiguredSession: z.boolean(),
  theme: themeSchema,
  echoCancel: echoCancelSchema,
  /** How closely the model looks at attached images: `low` costs a fixed few tokens, `high` tiles them. */
  imageDetail: imageDetailSchema,
});
export type Settings = z.infer<typeof settingsSchema>;

export const settingsPatchSchema = settingsSchema
  .extend({ hotkeys: hotkeysSchema.partial().strict() })
  .partial()
  .strict();
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;

export const apiKeyStatusSchema = z.object({
  set: z.boolean(),
  /** Result of the last test, if any: null = not tested yet. */
  works: z.boolean().nullable(),
  message: z.string().optional(),
  /** Where it is kept: an OS keychain, or a weaker fallback the UI must warn about. */
  storage: z.enum(['keychain', 'basic_text', 'environment', 'memory']),
});
export type ApiKeyStatus = z.infer<typeof apiKeyStatusSchema>;

export const settingsCommands = {
  getSettings: command(noRequest, settingsSchema),
  updateSettings: command(settingsPatchSchema, settingsSchema),
  getApiKeyStatus: command(noRequest, apiKeyStatusSchema),
  /** Write-only: the key goes to main and never comes back. */
  setApiKey: command(z.object({ key: z.string().trim().min(8).max(512) }).strict(), apiKeyStatusSchema),
  clearApiKey: command(noRequest, apiKeyStatusSchema),
  /** Tries the key against the configured base URL. */
  testApiKey: command(noRequest, apiKeyStatusSchema),
};

export const settingsEvents = {
  settingsChanged: settingsSchema,
  apiKeyStatusChanged: apiKeyStatusSchema,
};
