// Settings → Updates: automatic checks on or off, "Check now", and where the update stands.
import type { UpdateState } from '../../../src-preload/contract';
import { InlineMessage } from '../components/InlineMessage';
import { useClient } from '../hooks/client-context';
import { useAction } from '../hooks/useAction';
import { useLifecycleSettings, useUpdateState } from '../hooks/useLifecycle';

function describeUpdate(update: UpdateState): string {
  const checked = update.checkedAt ? ` Last checked ${new Date(update.checkedAt).toLocaleString()}.` : '';
  switch (update.status) {
    case 'unsupported':
      return update.message ?? 'This version does not update itself.';
    case 'idle':
      return `Version ${update.currentVersion}.${checked}`;
    case 'checking':
      return 'Checking for a new version…';
    case 'up-to-date':
      return `Version ${update.currentVersion} is the newest.${checked}`;
    case 'downloading':
      return `Downloading ${update.version} in the background… ${update.progress ?? 0} %`;
    case 'ready':
      return `${update.version} is downloaded: restart to install it.`;
    case 'error':
      return `${update.message ?? 'The update failed.'}${checked}`;
  }
}

export function UpdateSettings() {
  const client = useClient();
  const update = useUpdateState();
  const lifecycle = useLifecycleSettings();
  const check = useAction(() => client.checkForUpdates());
  const restart = useAction(() => client.restartToUpdate());
  const toggle = useAction((on: boolean) => lifecycle.update({ autoUpdateCheck: on }));
  if (!update) return null;
  const supported = update.status !== 'unsupported';
  return (
    <fieldset className="section">
      <legend>Updates</legend>
      {lifecycle.settings && (
        <label className="toggle">
          <input
            type="checkbox"
            checked={lifecycle.settings.autoUpdateCheck}
            onChange={(e) => void toggle.run(e.target.checked)}
          />
          <span>
            Check for updates automatically
            <span className="hint">
              {' '}
              — at start and once a day; a new version downloads in the background
            </span>
          </span>
        </label>
      )}
      <p className="hint" data-testid="update-status" role="status">
        {describeUpdate(update)}
      </p>
      {supported && (
        <div className="button-row">
          <button
            type="button"
            className="button"
            onClick={() => void check.run()}
            disabled={check.busy || update.status === 'checking' || update.status === 'downloading'}
          >
            {check.busy ? 'Checking…' : 'Check now'}
          </button>
          {update.status === 'ready' && !update.restartPending && (
            <button
              type="button"
              className="button primary"
              onClick={() => void restart.run()}
              disabled={restart.busy}
            >
              Restart to update
            </button>
          )}
        </div>
      )}
      <InlineMessage error={check.error ?? restart.error ?? toggle.error} />
    </fieldset>
  );
}
