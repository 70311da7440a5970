// Application settings (everything that is not a profile). The API key is never part of them.
import { z } from 'zod';
import { command, noRequest } from './define';

export const themeSchema = z.enum(['system', 'light', 'dark']);

export const settingsSchema = z.object({
  theme: themeSchema,
});
export type Settings = z.infer<typeof settingsSchema>;

export const settingsPatchSchema = settingsSchema.partial().strict();
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;

export const settingsCommands = {
  getSettings: command(noRequest, settingsSchema),
  updateSettings: command(settingsPatchSchema, settingsSchema),
};

export const settingsEvents = {
  settingsChanged: settingsSchema,
};
