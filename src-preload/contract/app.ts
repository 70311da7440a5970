// App-level commands and events: identity of the running core, diagnostics.
import { z } from 'zod';
import { command, noRequest } from './define';

export const appInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  platform: z.string(),
  /** Which shell runs the core: the desktop app, or Node for the browser/headless transport. */
  shell: z.enum(['electron', 'headless']),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

export const noticeSchema = z.object({
  level: z.enum(['info', 'warning', 'error']),
  message: z.string(),
});
export type Notice = z.infer<typeof noticeSchema>;

export const appCommands = {
  getAppInfo: command(noRequest, appInfoSchema),
  /** Notices raised since start: most come while the core starts, before a window listens. */
  getNotices: command(noRequest, z.array(noticeSchema)),
};

export const appEvents = {
  /** Something the user should see once (a moved-aside settings file, a device fallback…). */
  notice: noticeSchema,
};
