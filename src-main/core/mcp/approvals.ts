// Whether an MCP tool call may run: the policy (per server, per tool: ask, always, never), and for `ask` the
// user's answer — Allow once, Always allow, Deny — through the window (a prompt and a desktop notification).
// No answer within 60 s counts as Deny. The headless shell has no one to ask: --approve-tools all|none.
import { randomUUID } from 'node:crypto';
import type {
  ApprovalDecision,
  ApprovalPolicy,
  CallApproval,
  ToolApprovalRequest,
} from '../../../src-preload/contract';
import { CommandError } from '../ipc/command-error';

export const APPROVAL_TIMEOUT_MS = 60_000;

export interface ApprovalHooks {
  /** The calls waiting for an answer changed (the window shows them). */
  changed(pending: ToolApprovalRequest[]): void;
  /** "Always allow": the tool's policy becomes `always` (saved with the configuration). */
  remember(server: string, tool: string): void;
}

export interface Verdict {
  allowed: boolean;
  how: CallApproval;
}

interface Waiting {
  request: ToolApprovalRequest;
  settle(decision: ApprovalDecision | 'timeout'): void;
}

export class Approvals {
  private readonly waiting = new Map<string, Waiting>();
  /** Set by the headless shell: every `ask` is answered at once. */
  auto: 'all' | 'none' | undefined;

  constructor(
    private readonly hooks: ApprovalHooks,
    private readonly timeoutMs = APPROVAL_TIMEOUT_MS,
    private readonly now: () => number = Date.now,
  ) {}

  pending(): ToolApprovalRequest[] {
    return [...this.waiting.values()].map((w) => w.request);
  }

  async decide(
    policy: ApprovalPolicy,
    call: { server: string; tool: string; arguments: string },
    signal: AbortSignal,
    asking: () => void,
    /** "Always allow" is saved through the hooks (a local server's policy); false: the caller keeps it. */
    save = true,
  ): Promise<Verdict> {
    if (policy === 'never') return { allowed: false, how: 'never' };
    if (policy === 'always') return { allowed: true, how: 'always' };
    if (this.auto === 'all') return { allowed: true, how: 'auto-allowed' };
    if (this.auto === 'none') return { allowed: false, how: 'auto-denied' };
    if (signal.aborted) return { allowed: false, how: 'denied' };
    const id = randomUUID();
    const request: ToolApprovalRequest = {
      id,
      ...call,
      expiresAt: new Date(this.now() + this.timeoutMs).toISOString(),
    };
    const decision = await new Promise<ApprovalDecision | 'timeout'>((resolve) => {
      const timer = setTimeout(() => settle('timeout'), this.timeoutMs);
      const onAbort = () => settle('deny');
      const settle = (d: ApprovalDecision | 'timeout') => {
        if (!this.waiting.delete(id)) return;
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        this.hooks.changed(this.pending());
        resolve(d);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.waiting.set(id, { request, settle });
      this.hooks.changed(this.pending());
      asking();
    });
    if (decision === 'always' && save) this.hooks.remember(call.server, call.tool);
    if (decision === 'timeout') return { allowed: false, how: 'timeout' };
    if (decision === 'deny') return { allowed: false, how: 'denied' };
    return { allowed: true, how: decision };
  }

  answer(id: string, decision: ApprovalDecision): ToolApprovalRequest[] {
    const waiting = this.waiting.get(id);
    if (!waiting) throw new CommandError('not_found', 'That call is no longer waiting for an answer.');
    waiting.settle(decision);
    return this.pending();
  }

  /** Everything still waiting is denied (the app closes). */
  denyAll(): void {
    for (const waiting of [...this.waiting.values()]) waiting.settle('deny');
  }
}

/** A denied call's output: the model is told plainly, so it can tell the user. */
export function refusalOutput(how: CallApproval, server: string, tool: string): string {
  const why: Partial<Record<CallApproval, string>> = {
    denied: 'the user did not approve this call',
    timeout: 'the user did not approve this call (no answer within 60 seconds)',
    never: `calls to "${tool}" on "${server}" are not allowed by the user's settings`,
    'auto-denied': 'the user did not approve this call (this run allows no tool calls)',
  };
  return JSON.stringify({ error: why[how] ?? 'the user did not approve this call' });
}
