// "Restart to update" in the window, once an update is downloaded. During a turn the restart waits for it
// to end (the core decides), and the banner says so.
import { useClient } from '../hooks/client-context';
import { useAction } from '../hooks/useAction';
import { useUpdateState } from '../hooks/useLifecycle';
import '../lifecycle.css';
import { InlineMessage } from './InlineMessage';

export function UpdateBanner() {
  const client = useClient();
  const update = useUpdateState();
  const restart = useAction(() => client.restartToUpdate());
  if (update?.status !== 'ready') return null;
  return (
    <div className="update-banner" role="status" data-testid="update-banner">
      <span>
        Voice Assistant {update.version} is ready.
        {update.restartPending ? ' The app restarts when this turn ends.' : ''}
      </span>
      {!update.restartPending && (
        <button
          type="button"
          className="button small primary"
          onClick={() => void restart.run()}
          disabled={restart.busy}
        >
          Restart to update
        </button>
      )}
      <InlineMessage error={restart.error} onDismiss={restart.clearError} />
    </div>
  );
}
