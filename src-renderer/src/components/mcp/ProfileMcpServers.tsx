// Which MCP servers' tools a profile offers: every enabled server (the default), or the ones ticked here.
// Saved at once with the profile (one updateProfile), like a switch, apart from the editor's draft; the
// session follows with one session.update when this profile is active.
import { useEffect, useState } from 'react';
import type { McpServerStatus, Profile } from '../../../../src-preload/contract';
import { useClient } from '../../hooks/client-context';
import { useAction } from '../../hooks/useAction';
import { InlineMessage } from '../InlineMessage';

export function ProfileMcpServers({ profile }: { profile: Profile }) {
  const client = useClient();
  const [servers, setServers] = useState<McpServerStatus[]>([]);
  // What was just clicked, shown until the saved profile comes back.
  const [optimistic, setOptimistic] = useState<{ value: string[] | undefined } | null>(null);
  const chosen = optimistic ? optimistic.value : profile.mcpServers;

  useEffect(() => {
    let live = true;
    client.getMcpState().then(
      (state) => live && setServers(state.servers),
      () => {},
    );
    const off = client.on('mcpChanged', (state) => setServers(state.servers));
    return () => {
      live = false;
      off();
    };
  }, [client]);

  const save = useAction(async (next: string[] | undefined) => {
    setOptimistic({ value: next });
    try {
      await client.updateProfile({ id: profile.id, patch: { mcpServers: next ?? null } });
    } finally {
      setOptimistic(null);
    }
  });
  if (!servers.length && chosen === undefined) return null;
  const names = [...new Set([...servers.map((s) => s.name), ...(chosen ?? [])])];

  return (
    <fieldset className="plain mcp-profile-servers" aria-label="MCP servers of this profile">
      <p className="hint">MCP servers whose tools this profile offers (saved at once):</p>
      <label className="toggle">
        <input
          type="checkbox"
          checked={chosen === undefined}
          disabled={save.busy}
          onChange={(e) => void save.run(e.target.checked ? undefined : names)}
        />
        <span>Every enabled server</span>
      </label>
      {chosen !== undefined &&
        names.map((name) => (
          <label className="toggle" key={name}>
            <input
              type="checkbox"
              checked={chosen.includes(name)}
              disabled={save.busy}
              onChange={(e) =>
                void save.run(e.target.checked ? [...chosen, name] : chosen.filter((n) => n !== name))
              }
            />
            <span>
              {name}
              {!servers.some((s) => s.name === name) && <span className="hint"> — not configured</span>}
            </span>
          </label>
        ))}
      <InlineMessage error={save.error} />
    </fieldset>
  );
}
