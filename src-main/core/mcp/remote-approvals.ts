// The user's approval of calls a remote MCP server (a profile's `type: "mcp"` tool) wants to make: the
// Realtime server asks (`mcp_approval_request`), and the app asks the user exactly as for a local server's
// `ask` tool — the same prompt, notification, 60 s limit and headless --approve-tools. "Always allow" holds
// for the server label and tool until the app quits: the profile's `require_approval` is where it is saved
// for good (its `never` filter), since the remote server's policy is the profile's, not the app's.
import type { RemoteMcpApprover } from '../realtime/remote-mcp';
import { refusalOutput, type Approvals } from './approvals';

export function remoteApprover(approvals: Approvals): RemoteMcpApprover {
  const alwaysAllowed = new Set<string>();
  return {
    async decide(call, signal) {
      const key = JSON.stringify([call.server, call.tool]);
      const policy = alwaysAllowed.has(key) ? 'always' : 'ask';
      const verdict = await approvals.decide(policy, call, signal, () => {}, false);
      if (verdict.how === 'always') alwaysAllowed.add(key);
      if (verdict.allowed) return verdict;
      const { error } = JSON.parse(refusalOutput(verdict.how, call.server, call.tool)) as { error: string };
      return { ...verdict, reason: error };
    },
  };
}
