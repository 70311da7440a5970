// MCP in the window, against a scripted core: Settings → MCP servers (statuses, the enable switch, the JSON
// editor checked as you type, main's field errors, import from another client's file) and the approval
// prompt in the conversation (focus on the prompt itself, Tab to the answers, Escape denies), and a call in
// the transcript with its server and approval.
import './support/dom';
import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { McpState, ToolApprovalRequest, TranscriptItem } from '../../src-preload/contract';
import { App } from '../../src-renderer/src/App';
import { FakeCommandError, fakeCore } from './support/fake-core';
import { profilesState, settings } from './support/fixtures';

const mcpDocument = JSON.stringify(
  {
    mcpServers: {
      files: { command: 'npx', args: ['server-filesystem', '/home/me'] },
      broken: { command: 'nope' },
    },
  },
  null,
  2,
);
const state: McpState = {
  document: mcpDocument,
  secretStorage: 'keychain',
  servers: [
    {
      name: 'files',
      transport: 'stdio',
      enabled: true,
      state: 'ready',
      tools: [
        {
          name: 'files__read_text_file',
          tool: 'read_text_file',
          description: 'Reads a file',
          approval: 'ask',
        },
        { name: 'files__write_file', tool: 'write_file', approval: 'never' },
      ],
      notes: ['"sum_list" adapted: 1 array schema without "items" given "items": {}'],
    },
    {
      name: 'broken',
      transport: 'stdio',
      enabled: true,
      state: 'failed',
      tools: [],
      message: '"nope" was not found (is it installed and on PATH?)',
      notes: [],
    },
  ],
};

function setup() {
  let pending: ToolApprovalRequest[] = [];
  const core = fakeCore({
    getSettings: () => settings,
    listProfiles: () => structuredClone(profilesState),
    getMcpState: () => state,
    setMcpServerEnabled: ({ name, enabled }) => ({
      ...state,
      servers: state.servers.map((s) =>
        s.name === name ? { ...s, enabled, state: enabled ? s.state : 'off' } : s,
      ),
    }),
    setMcpConfig: ({ json }) => {
      if (json.includes('<kept secret>'))
        throw new FakeCommandError({
          code: 'invalid_request',
          message: 'The MCP configuration has errors',
          fieldErrors: { 'mcpServers.gh.env.TOKEN': ['no value is stored for this secret: enter it again'] },
        });
      return { ...state, document: json };
    },
    getToolApprovals: () => pending,
    answerToolApproval: ({ id }) => (pending = pending.filter((p) => p.id !== id)),
  });
  render(<App client={core.client} />);
  return { core, setPending: (list: ToolApprovalRequest[]) => (pending = list) };
}

async function openMcpSettings() {
  const user = userEvent.setup();
  await user.click(await screen.findByRole('button', { name: 'Settings' }));
  const section = await screen.findByRole('group', { name: 'MCP servers' });
  return { user, section };
}

describe('Settings → MCP servers', () => {
  it('shows each server with its status, tools and notes; the switch turns one off', async () => {
    const { core } = setup();
    const { user, section } = await openMcpSettings();
    expect((await within(section).findByTestId('mcp-status-files')).textContent).toContain(
      'ready with 2 tools',
    );
    expect(within(section).getByTestId('mcp-status-broken').textContent).toContain(
      'failed: "nope" was not found (is it installed and on PATH?)',
    );
    expect(within(section).getByText(/"sum_list" adapted/)).toBeTruthy();
    const files = within(section).getByTestId('mcp-server-files');
    expect(within(files).getByText('files__write_file').parentElement!.textContent).toContain(
      'never allowed',
    );
    await user.click(within(files).getByRole('checkbox'));
    expect(core.callsOf('setMcpServerEnabled')).toEqual([{ name: 'files', enabled: false }]);
    expect(within(section).getByTestId('mcp-status-files').textContent).toContain('off');
  });

  it("the editor checks as you type, saves the whole document, and shows main's field errors", async () => {
    const { core } = setup();
    const { user, section } = await openMcpSettings();
    const editor = within(section).getByRole('textbox', { name: 'Configuration (JSON)' });
    await within(section).findByTestId('mcp-status-files');
    expect((editor as HTMLTextAreaElement).value).toBe(mcpDocument);
    const save = within(section).getByRole('button', { name: 'Save' });
    expect((save as HTMLButtonElement).disabled).toBe(true);

    await user.clear(editor);
    await user.click(editor);
    await user.paste('{"mcpServers": {"x": {"args": []}}}');
    expect(within(section).getByRole('alert').textContent).toContain('mcpServers.x.command');
    expect(editor.getAttribute('aria-invalid')).toBe('true');
    expect((save as HTMLButtonElement).disabled).toBe(true);

    await user.clear(editor);
    await user.paste('{"mcpServers": {"gh": {"command": "gh-mcp", "env": {"TOKEN": "<kept secret>"}}}}');
    expect(within(section).queryByRole('alert')).toBeNull();
    await user.click(save);
    expect((await within(section).findByRole('alert')).textContent).toContain(
      'mcpServers.gh.env.TOKEN: no value is stored for this secret: enter it again',
    );

    await user.clear(editor);
    await user.paste('{"mcpServers": {"gh": {"command": "gh-mcp", "env": {"TOKEN": "ghp_1"}}}}');
    await user.click(save);
    expect(core.callsOf('setMcpConfig').at(-1)).toEqual({
      json: '{"mcpServers": {"gh": {"command": "gh-mcp", "env": {"TOKEN": "ghp_1"}}}}',
    });
    expect(await within(section).findByText('Saved.')).toBeTruthy();
  });

  it('imports another client\'s file into the draft (VS Code "servers" too); nothing is saved until Save', async () => {
    const { core } = setup();
    const { user, section } = await openMcpSettings();
    await within(section).findByTestId('mcp-status-files');
    const file = new File(
      [JSON.stringify({ servers: { git: { type: 'stdio', command: 'git-mcp' } } })],
      'mcp.json',
      {
        type: 'application/json',
      },
    );
    await user.upload(within(section).getByLabelText('Import MCP configuration file'), file);
    const editor = within(section).getByRole('textbox', { name: 'Configuration (JSON)' });
    const draft = JSON.parse((editor as HTMLTextAreaElement).value) as {
      mcpServers: Record<string, unknown>;
    };
    expect(Object.keys(draft.mcpServers)).toEqual(['files', 'broken', 'git']);
    expect(within(section).getByText(/Imported git from mcp\.json/)).toBeTruthy();
    expect(core.callsOf('setMcpConfig')).toEqual([]);
  });
});

describe('the approval prompt', () => {
  const request: ToolApprovalRequest = {
    id: 'a1',
    server: 'files',
    tool: 'write_file',
    arguments: '{"path":"/home/me/todo.txt","content":"milk"}',
    expiresAt: new Date(Date.now() + 60_000).toISOString(),
  };

  it('shows server, tool and arguments; takes focus itself; Tab reaches the answers; a click answers', async () => {
    const { core, setPending } = setup();
    const user = userEvent.setup();
    await screen.findByLabelText('Conversation');
    setPending([request]);
    act(() => core.emit('toolApprovalsChanged', [request]));
    const prompt = await screen.findByRole('alertdialog');
    expect(prompt.textContent).toContain('Allow write_file on files?');
    expect(within(prompt).getByLabelText('Arguments').textContent).toContain('"content": "milk"');
    expect(prompt.textContent).toMatch(/Denied in (59|60) s without an answer/);
    expect(document.activeElement).toBe(prompt);
    await user.tab();
    expect(document.activeElement).toBe(within(prompt).getByRole('button', { name: 'Allow once' }));
    await user.tab();
    expect(document.activeElement).toBe(within(prompt).getByRole('button', { name: 'Always allow' }));
    await user.tab();
    expect(document.activeElement).toBe(within(prompt).getByRole('button', { name: 'Deny' }));
    await user.click(within(prompt).getByRole('button', { name: 'Always allow' }));
    expect(core.callsOf('answerToolApproval')).toEqual([{ id: 'a1', decision: 'always' }]);
    expect(screen.queryByRole('alertdialog')).toBeNull();
  });

  it('Escape denies', async () => {
    const { core, setPending } = setup();
    const user = userEvent.setup();
    await screen.findByLabelText('Conversation');
    setPending([request]);
    act(() => core.emit('toolApprovalsChanged', [request]));
    await screen.findByRole('alertdialog');
    await user.keyboard('{Escape}');
    expect(core.callsOf('answerToolApproval')).toEqual([{ id: 'a1', decision: 'deny' }]);
  });

  it('the transcript shows the call with its server and how it was approved', async () => {
    const { core } = setup();
    const user = userEvent.setup();
    const item: TranscriptItem = {
      id: 't1',
      conversationId: 'c1',
      role: 'tool',
      text: 'files__write_file',
      final: true,
      at: new Date().toISOString(),
      tool: {
        name: 'files__write_file',
        arguments: '{"path":"/x"}',
        output: '{"error":"the user did not approve this call"}',
        server: 'files',
        approval: 'denied',
      },
    };
    act(() => core.emit('transcript', item));
    const call = await screen.findByText('files__write_file');
    const details = call.closest('details')!;
    expect(details.textContent).toContain('files ›');
    expect(details.textContent).toContain('denied');
    await user.click(call);
    expect(details.textContent).toContain('Approval');
    expect(within(details).getByText('denied', { selector: 'dd' })).toBeTruthy();
  });
});

describe("a profile's MCP servers", () => {
  it('every enabled server by default; unticking it lists the servers and saves the choice with the profile', async () => {
    const { core } = setup();
    let stored = structuredClone(profilesState);
    core.handlers.listProfiles = () => stored;
    core.handlers.updateProfile = ({ id, patch }) => {
      const current = stored.profiles.find((p) => p.id === id)!;
      const { mcpServers, ...rest } = patch as { mcpServers?: string[] | null };
      void rest;
      const updated = { ...current, ...(mcpServers ? { mcpServers } : {}) };
      if (mcpServers === null) delete (updated as { mcpServers?: string[] }).mcpServers;
      stored = { ...stored, profiles: stored.profiles.map((p) => (p.id === id ? updated : p)) };
      core.emit('profilesChanged', stored);
      return updated;
    };
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Profiles' }));
    const group = await screen.findByRole('group', { name: 'MCP servers of this profile' });
    const every = within(group).getByRole('checkbox', { name: 'Every enabled server' });
    expect((every as HTMLInputElement).checked).toBe(true);
    await user.click(every);
    expect(core.callsOf('updateProfile').at(-1)).toMatchObject({
      patch: { mcpServers: ['files', 'broken'] },
    });
    await user.click(within(group).getByRole('checkbox', { name: 'broken' }));
    expect(core.callsOf('updateProfile').at(-1)).toMatchObject({ patch: { mcpServers: ['files'] } });
    await user.click(within(group).getByRole('checkbox', { name: 'Every enabled server' }));
    expect(core.callsOf('updateProfile').at(-1)).toMatchObject({ patch: { mcpServers: null } });
  });
});
