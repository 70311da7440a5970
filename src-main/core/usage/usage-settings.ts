// The user's prices and budgets, in their own file (`usage.json` beside settings.json): opened defensively
// like every store (a corrupt file is moved aside with a notice, a newer one is read-only).
import { usageSettingsSchema, type Notice, type UsageSettings } from '../../../src-preload/contract';
import { openStore } from '../storage/open-store';
import type { StoreFactory } from '../storage/store-types';

export const USAGE_FILE_VERSION = '1.0.0';
export const defaultUsageSettings: UsageSettings = {
  prices: {},
  // Off by default: the app never stops answering unless the user asked it to.
  budgets: { dailyUsd: null, monthlyUsd: null },
};

export function openUsageSettings(factory: StoreFactory, notify: (notice: Notice) => void) {
  const file = openStore(factory, {
    name: 'usage',
    label: 'usage settings',
    projectVersion: USAGE_FILE_VERSION,
    migrations: {},
    defaults: defaultUsageSettings,
    schema: usageSettingsSchema,
    normalize: (raw) => ({ ...defaultUsageSettings, ...raw }),
    notify,
  });
  let current = file.data;
  return {
    get: (): UsageSettings => current,
    /** Validated and written; throws CommandError('conflict') when the file is read-only. */
    update(next: UsageSettings): UsageSettings {
      file.write(next);
      current = usageSettingsSchema.parse(next);
      return current;
    },
  };
}
