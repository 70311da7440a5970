// Approval decisions (policy, the user's answer, 60 s → Deny, a call cancelled while asking, headless
// --approve-tools) and the configuration document's secrets (never shown back, kept through a placeholder).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Approvals, APPROVAL_TIMEOUT_MS } from '../../../src-main/core/mcp/approvals';
import { parseDocumentText, resolvedServer } from '../../../src-main/core/mcp/config-document';
import { SECRET_PLACEHOLDER, type ToolApprovalRequest } from '../../../src-preload/contract';

afterEach(() => void vi.useRealTimers());

function approvals() {
  const shown: ToolApprovalRequest[][] = [];
  const remembered: string[] = [];
  const a = new Approvals({
    changed: (pending) => void shown.push(pending),
    remember: (server, tool) => void remembered.push(`${server}/${tool}`),
  });
  return { a, shown, remembered };
}
const call = { server: 'files', tool: 'write_file', arguments: '{"path":"/tmp/x"}' };
const signal = () => new AbortController().signal;

describe('approvals', () => {
  it('always and never need nobody; ask waits for the answer', async () => {
    const { a, shown, remembered } = approvals();
    await expect(a.decide('always', call, signal(), () => {})).resolves.toEqual({
      allowed: true,
      how: 'always',
    });
    await expect(a.decide('never', call, signal(), () => {})).resolves.toEqual({
      allowed: false,
      how: 'never',
    });
    expect(shown).toEqual([]);
    let asked = 0;
    const once = a.decide('ask', call, signal(), () => void asked++);
    expect(asked).toBe(1);
    expect(a.pending()).toHaveLength(1);
    a.answer(a.pending()[0]!.id, 'once');
    await expect(once).resolves.toEqual({ allowed: true, how: 'once' });
    const always = a.decide('ask', call, signal(), () => {});
    a.answer(a.pending()[0]!.id, 'always');
    await expect(always).resolves.toEqual({ allowed: true, how: 'always' });
    expect(remembered).toEqual(['files/write_file']);
    const deny = a.decide('ask', call, signal(), () => {});
    a.answer(a.pending()[0]!.id, 'deny');
    await expect(deny).resolves.toEqual({ allowed: false, how: 'denied' });
    // Each prompt was shown, then taken away.
    expect(shown.map((list) => list.length)).toEqual([1, 0, 1, 0, 1, 0]);
  });

  it('no answer within 60 s is a Deny, and the prompt goes away', async () => {
    vi.useFakeTimers();
    const { a } = approvals();
    const pending = a.decide('ask', call, signal(), () => {});
    expect(Date.parse(a.pending()[0]!.expiresAt) - Date.now()).toBe(APPROVAL_TIMEOUT_MS);
    vi.advanceTimersByTime(APPROVAL_TIMEOUT_MS - 1);
    expect(a.pending()).toHaveLength(1);
    vi.advanceTimersByTime(1);
    await expect(pending).resolves.toEqual({ allowed: false, how: 'timeout' });
    expect(a.pending()).toEqual([]);
  });

  it('a call cancelled while asking (its session gone) closes the prompt; a late answer is refused', async () => {
    const { a } = approvals();
    const controller = new AbortController();
    const pending = a.decide('ask', call, controller.signal, () => {});
    const id = a.pending()[0]!.id;
    controller.abort();
    await expect(pending).resolves.toEqual({ allowed: false, how: 'denied' });
    expect(a.pending()).toEqual([]);
    expect(() => a.answer(id, 'once')).toThrow(/no longer waiting/);
  });

  it('headless: --approve-tools all allows what would be asked, none denies it; never stays never', async () => {
    const { a, shown } = approvals();
    a.auto = 'all';
    await expect(a.decide('ask', call, signal(), () => {})).resolves.toEqual({
      allowed: true,
      how: 'auto-allowed',
    });
    await expect(a.decide('never', call, signal(), () => {})).resolves.toEqual({
      allowed: false,
      how: 'never',
    });
    a.auto = 'none';
    await expect(a.decide('ask', call, signal(), () => {})).resolves.toEqual({
      allowed: false,
      how: 'auto-denied',
    });
    expect(shown).toEqual([]);
  });
});

describe('the configuration document and its secrets', () => {
  const text = (doc: unknown) => JSON.stringify(doc);

  it('env and header values are taken out as secrets; the document keeps placeholders', () => {
    const parsed = parseDocumentText(
      text({
        mcpServers: {
          github: { command: 'gh-mcp', env: { GITHUB_TOKEN: 'ghp_123' } },
          web: { url: 'https://mcp.example.com/mcp', headers: { Authorization: 'Bearer abc' } },
        },
      }),
      {},
    );
    expect(parsed).toEqual({
      ok: true,
      document: {
        mcpServers: {
          github: { command: 'gh-mcp', env: { GITHUB_TOKEN: SECRET_PLACEHOLDER } },
          web: { url: 'https://mcp.example.com/mcp', headers: { Authorization: SECRET_PLACEHOLDER } },
        },
      },
      secrets: { github: { GITHUB_TOKEN: 'ghp_123' }, web: { Authorization: 'Bearer abc' } },
    });
    if (!parsed.ok) return;
    expect(JSON.stringify(parsed.document)).not.toMatch(/ghp_123|Bearer abc/);
    expect(resolvedServer('github', parsed.document.mcpServers.github!, parsed.secrets)).toEqual({
      command: 'gh-mcp',
      env: { GITHUB_TOKEN: 'ghp_123' },
    });
  });

  it('a placeholder keeps the stored value; a changed value replaces it; a removed key is dropped', () => {
    const stored = { github: { GITHUB_TOKEN: 'ghp_old', OTHER: 'x' } };
    const parsed = parseDocumentText(
      text({
        mcpServers: { github: { command: 'gh-mcp', env: { GITHUB_TOKEN: SECRET_PLACEHOLDER, NEW: 'n' } } },
      }),
      stored,
    );
    expect(parsed.ok && parsed.secrets).toEqual({ github: { GITHUB_TOKEN: 'ghp_old', NEW: 'n' } });
  });

  it('a placeholder with nothing stored (a renamed server) is a field error', () => {
    const parsed = parseDocumentText(
      text({ mcpServers: { renamed: { command: 'gh-mcp', env: { GITHUB_TOKEN: SECRET_PLACEHOLDER } } } }),
      { github: { GITHUB_TOKEN: 'ghp_old' } },
    );
    expect(parsed).toMatchObject({
      ok: false,
      fieldErrors: {
        'mcpServers.renamed.env.GITHUB_TOKEN': ['no value is stored for this secret: enter it again'],
      },
    });
  });

  it('other clients\' documents: Claude Desktop style stdio, type "http", disabled: true', () => {
    const parsed = parseDocumentText(
      text({
        mcpServers: {
          fs: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-filesystem', '/home/me'] },
          remote: { type: 'http', url: 'http://127.0.0.1:3001/mcp', disabled: true },
        },
      }),
      {},
    );
    expect(parsed.ok).toBe(true);
  });
});
