// Global hotkeys: which backend listens, in which mode, whether the microphone is open, and the check the
// settings' hotkey recorder runs before saving.
import { z } from 'zod';
import { command, noRequest } from './define';
import { hotkeyBackendSchema, hotkeysSchema, pttModeSchema } from './settings';

export const hotkeyStatusSchema = z.object({
  /** The backend actually listening; 'none' when no global hotkey works in this shell or desktop. */
  backend: z.enum(['uiohook', 'portal', 'toggle', 'none']),
  requestedBackend: hotkeyBackendSchema,
  /** The mode in force: a backend without key-ups turns hold and tap-or-hold into toggle. */
  mode: pttModeSchema,
  requestedMode: pttModeSchema,
  /** Why the app is not on the requested/natural backend or mode; null when all is as asked. */
  fallbackMessage: z.string().nullable(),
  /** Settings field path → why that shortcut is not active (invalid, taken, refused by the desktop). */
  fieldErrors: z.record(z.string(), z.array(z.string())),
});
export type HotkeyStatus = z.infer<typeof hotkeyStatusSchema>;

export const talkStateSchema = z.object({
  talking: z.boolean(),
  /** What opened the microphone (on start; 'window': its talk button or Space) … */
  trigger: z.enum(['hotkey', 'toggle', 'window']).optional(),
  /** … or what closed it (on end); 'safety-timeout' means a key-up never came. */
  reason: z.enum(['release', 'toggle', 'safety-timeout', 'external', 'disposed']).optional(),
  talkedMs: z.number().nonnegative().optional(),
});
export type TalkState = z.infer<typeof talkStateSchema>;

export const hotkeyValidationSchema = z.object({
  /** `{ "hotkeys.nextProfile": ["same as push-to-talk (Ctrl+Space)"] }`; empty when all is well. */
  fieldErrors: z.record(z.string(), z.array(z.string())),
  /** Field path → the accelerator written the canonical way ("ctrl+space" → "Ctrl+Space"). */
  normalized: z.record(z.string(), z.string()),
});
export type HotkeyValidation = z.infer<typeof hotkeyValidationSchema>;

export const hotkeyCommands = {
  getHotkeyStatus: command(noRequest, hotkeyStatusSchema),
  /** For the hotkey recorder: parse and cross-check a candidate hotkeys setting without saving it. */
  validateHotkeys: command(hotkeysSchema, hotkeyValidationSchema),
};

export const hotkeyEvents = {
  hotkeyStatus: hotkeyStatusSchema,
  talkState: talkStateSchema,
};
