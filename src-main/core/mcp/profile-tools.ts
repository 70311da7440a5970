// A profile as the session runs it: its own tools plus the function tools of its MCP servers (the ones it
// names, or every enabled server). The session declares what this returns; when the servers' tools change,
// core applies the active profile again and the engine sends the one session.update that follows.
import type { ProfileDocument } from '../../../src-preload/contract';
import { withExtraTools } from '../realtime/session-payload';
import type { McpService } from './mcp-service';

export function profileWithMcpTools<P extends ProfileDocument>(
  profile: P,
  mcp: Pick<McpService, 'functionTools'>,
  warn: (message: string) => void,
): P {
  const { session, left } = withExtraTools(profile.session, mcp.functionTools(profile.mcpServers));
  if (left.length)
    warn(
      `A session takes at most 128 tools: ${left.length} MCP tool${left.length > 1 ? 's' : ''} left out (${left.slice(0, 5).join(', ')}${left.length > 5 ? ', …' : ''})`,
    );
  return session === profile.session ? profile : { ...profile, session };
}
