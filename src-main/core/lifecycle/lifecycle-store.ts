// The life-cycle file (`lifecycle.json` beside settings.json): update checks on or off, whether the log may
// hold what was said, and whether the first-run setup was finished. Opened defensively like every store (a
// corrupt file is moved aside with a notice, a newer one is read-only).
import { z } from 'zod';
import { lifecycleSettingsSchema, type LifecycleSettings, type Notice } from '../../../src-preload/contract';
import { CommandError, fieldErrorsFromIssues } from '../ipc/command-error';
import { openStore } from '../storage/open-store';
import type { StoreFactory } from '../storage/store-types';

export const LIFECYCLE_FILE_VERSION = '1.0.0';

const lifecycleFileSchema = lifecycleSettingsSchema.extend({
  /** The first-run setup: when it was last finished or skipped. */
  setup: z.object({ completedAt: z.string().nullable(), skipped: z.boolean() }),
});
export type LifecycleFile = z.infer<typeof lifecycleFileSchema>;

export const defaultLifecycle: LifecycleFile = {
  // An installed app keeps itself current unless the user says otherwise.
  autoUpdateCheck: true,
  // What people say stays out of a file they may attach to a bug report, unless they choose otherwise.
  logConversation: false,
  setup: { completedAt: null, skipped: false },
};

export function openLifecycleStore(factory: StoreFactory, notify: (notice: Notice) => void) {
  const file = openStore(factory, {
    name: 'lifecycle',
    label: 'app life-cycle settings',
    projectVersion: LIFECYCLE_FILE_VERSION,
    migrations: {},
    defaults: defaultLifecycle,
    schema: lifecycleFileSchema,
    normalize: (raw) => ({ ...defaultLifecycle, ...raw }),
    notify,
  });
  let current: LifecycleFile = file.data;
  const write = (next: LifecycleFile) => {
    const parsed = lifecycleFileSchema.safeParse(next);
    if (!parsed.success)
      throw new CommandError(
        'invalid_request',
        'invalid life-cycle settings',
        fieldErrorsFromIssues(parsed.error.issues),
      );
    file.write(parsed.data);
    current = parsed.data;
    return current;
  };
  return {
    get: (): LifecycleFile => current,
    settings: (): LifecycleSettings => ({
      autoUpdateCheck: current.autoUpdateCheck,
      logConversation: current.logConversation,
    }),
    update: (patch: Partial<LifecycleSettings>): LifecycleFile => write({ ...current, ...patch }),
    setSetup: (setup: LifecycleFile['setup']): LifecycleFile => write({ ...current, setup }),
  };
}
export type LifecycleStore = ReturnType<typeof openLifecycleStore>;
