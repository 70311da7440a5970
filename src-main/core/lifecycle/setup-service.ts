// When the first-run setup is on screen. A new user with no API key gets it by itself: without a key
// nothing works, and the window would otherwise only say so once a turn failed. Once finished or skipped it
// does not come back by itself (a key removed later is the user's choice, Settings says it is missing);
// Settings can open it again, for this run only.
import type { SetupState } from '../../../src-preload/contract';
import type { EventBus } from '../ipc/event-bus';
import type { LifecycleStore } from './lifecycle-store';

export interface SetupServiceOptions {
  store: Pick<LifecycleStore, 'get' | 'setSetup'>;
  events: EventBus;
  /** Whether an API key is set (from the key service's status). */
  keySet: () => Promise<boolean>;
  now?: () => Date;
}

export function createSetupService(options: SetupServiceOptions) {
  const now = options.now ?? (() => new Date());
  let reopened = false;

  const state = async (): Promise<SetupState> => {
    const { completedAt, skipped } = options.store.get().setup;
    const firstRun = completedAt === null && !(await options.keySet());
    return { show: reopened || firstRun, completedAt, skipped };
  };
  const announce = async () => {
    const current = await state();
    options.events.emit('setupState', current);
    return current;
  };

  return {
    state,
    /** Settings' "Run setup again". */
    open: () => {
      reopened = true;
      return announce();
    },
    finish: (skipped: boolean) => {
      reopened = false;
      options.store.setSetup({ completedAt: now().toISOString(), skipped });
      return announce();
    },
  };
}
export type SetupService = ReturnType<typeof createSetupService>;
