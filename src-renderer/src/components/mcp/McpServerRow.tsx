// One configured MCP server: its status (starting, ready with N tools, failed with the reason…), the enable
// switch, Restart, and its tools with their approval policy and any adaptation notes.
import type { McpServerStatus } from '../../../../src-preload/contract';

function statusText(server: McpServerStatus): string {
  switch (server.state) {
    case 'off':
      return 'off';
    case 'starting':
      return 'starting…';
    case 'ready':
      return `ready with ${server.tools.length} tool${server.tools.length === 1 ? '' : 's'}`;
    case 'restarting':
      return `restarting: ${server.message ?? ''}`;
    case 'failed':
      return `failed: ${server.message ?? 'unknown reason'}`;
  }
}

const policyText = { ask: 'asks', always: 'always allowed', never: 'never allowed' } as const;

export function McpServerRow({
  server,
  busy,
  onEnable,
  onRestart,
}: {
  server: McpServerStatus;
  busy: boolean;
  onEnable: (enabled: boolean) => void;
  onRestart: () => void;
}) {
  const tone = server.state === 'failed' ? ' mcp-failed' : server.state === 'ready' ? ' mcp-ready' : '';
  return (
    <li className="mcp-server" data-testid={`mcp-server-${server.name}`}>
      <div className="mcp-server-head">
        <label className="toggle">
          <input
            type="checkbox"
            checked={server.enabled}
            disabled={busy}
            onChange={(e) => onEnable(e.target.checked)}
          />
          <span>
            <strong>{server.name}</strong>
            <span className="badge">{server.transport}</span>
          </span>
        </label>
        <span className={`mcp-status${tone}`} role="status" data-testid={`mcp-status-${server.name}`}>
          {statusText(server)}
        </span>
        {server.enabled && (
          <button type="button" className="button small" onClick={onRestart} disabled={busy}>
            Restart
          </button>
        )}
      </div>
      {server.notes.length > 0 && (
        <ul className="hint mcp-notes" aria-label={`Notes on ${server.name}`}>
          {server.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      )}
      {server.tools.length > 0 && (
        <details>
          <summary>Tools</summary>
          <ul className="mcp-tools">
            {server.tools.map((tool) => (
              <li key={tool.name}>
                <code>{tool.name}</code> <span className="hint">— {policyText[tool.approval]}</span>
                {tool.description && <p className="hint">{tool.description}</p>}
              </li>
            ))}
          </ul>
        </details>
      )}
    </li>
  );
}
