// The active profile, switchable from the main window.
import type { ProfilesState } from '../../../src-preload/contract';
import { useClient } from '../hooks/client-context';
import { useAction } from '../hooks/useAction';
import { InlineMessage } from './InlineMessage';

export function ProfileSwitcher({
  state,
  onChanged,
}: {
  state: ProfilesState | null;
  onChanged: (state: ProfilesState) => void;
}) {
  const client = useClient();
  const activate = useAction(async (id: string) => onChanged(await client.setActiveProfile({ id })));
  return (
    <div className="profile-switcher">
      <label className="visually-hidden" htmlFor="active-profile">
        Active profile
      </label>
      <select
        id="active-profile"
        value={state?.activeId ?? ''}
        disabled={!state || activate.busy}
        onChange={(e) => void activate.run(e.target.value)}
      >
        {!state && <option value="">No profiles</option>}
        {state?.profiles.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </select>
      <InlineMessage error={activate.error} onDismiss={activate.clearError} />
    </div>
  );
}
