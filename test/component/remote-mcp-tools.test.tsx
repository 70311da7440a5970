// The profile editor's remote MCP servers (`type: "mcp"` tools): a kept authorization shows as "saved" and
// is sent back as the placeholder unless replaced; added, edited and removed servers become the patch's
// `session.tools` after the function tools; field errors (the editor's and main's) land on their field.
import './support/dom';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { SECRET_PLACEHOLDER, type Profile, type ProfilesState } from '../../src-preload/contract';
import { App } from '../../src-renderer/src/App';
import { fakeCore, FakeCommandError } from './support/fake-core';
import { profile, settings } from './support/fixtures';

const clock = { type: 'function' as const, name: 'get_current_time' };
const docs = {
  type: 'mcp' as const,
  server_label: 'docs',
  server_url: 'https://mcp.example.com/mcp',
  authorization: SECRET_PLACEHOLDER,
  require_approval: 'always' as const,
};

function setup() {
  let state: ProfilesState = {
    profiles: [profile('p1', 'Assistant', { tools: [clock, docs] }), profile('p2', 'Translator')],
    activeId: 'p1',
  };
  const core = fakeCore({
    getSettings: () => settings,
    listProfiles: () => state,
    updateProfile: ({ id, patch }) => {
      const before = state.profiles.find((p) => p.id === id)!;
      const after = { ...before, session: { ...before.session, ...patch.session } } as Profile;
      state = { ...state, profiles: state.profiles.map((p) => (p.id === id ? after : p)) };
      return after;
    },
  });
  render(<App client={core.client} />);
  return core;
}

async function openEditor() {
  const user = userEvent.setup();
  await user.click(await screen.findByRole('button', { name: 'Profiles' }));
  await screen.findByRole('form', { name: 'Edit profile Assistant' });
  return user;
}

/** The tools of the one updateProfile the editor sent. */
function savedTools(core: ReturnType<typeof setup>) {
  const calls = core.callsOf('updateProfile') as { id: string; patch: { session?: { tools?: unknown } } }[];
  expect(calls.map((call) => call.id)).toEqual(['p1']);
  return calls[0]!.patch.session?.tools;
}

const server = (label: string) => screen.getByRole('group', { name: `Remote MCP server ${label}` });

describe('profile editor: remote MCP servers', () => {
  it('shows a kept authorization as "saved", never its value, and sends the placeholder back', async () => {
    const core = setup();
    const user = await openEditor();
    const docsForm = server('docs');
    const authorization = within(docsForm).getByLabelText('Authorization') as HTMLInputElement;
    expect(authorization.type).toBe('password');
    expect(authorization.value).toBe('');
    expect(authorization.placeholder).toBe('saved');
    // The function tools' JSON holds only function tools.
    expect((screen.getByLabelText('Tools (JSON)') as HTMLTextAreaElement).value).not.toContain('docs');

    await user.type(within(docsForm).getByLabelText('Allowed tools'), 'search, fetch');
    await user.selectOptions(within(docsForm).getByLabelText('Approval'), 'Never ask');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(savedTools(core)).toEqual([
      clock,
      { ...docs, allowed_tools: ['search', 'fetch'], require_approval: 'never' },
    ]);
  });

  it('adds a server (URL or connector, a new authorization, some tools without asking) and removes one', async () => {
    const core = setup();
    const user = await openEditor();
    await user.click(screen.getByRole('button', { name: 'Add remote MCP server' }));
    const added = server('server 2');
    // Empty label and URL: the editor's own errors, on their fields, and Save refused.
    expect(within(added).getByLabelText('Server label').getAttribute('aria-invalid')).toBe('true');
    await user.type(within(added).getByLabelText('Server label'), 'calendar');
    const form = server('calendar');
    await user.selectOptions(within(form).getByLabelText('Reached by'), 'Connector');
    await user.selectOptions(within(form).getByLabelText('Connector'), 'googlecalendar');
    await user.type(within(form).getByLabelText('Authorization'), 'ya29.new-token');
    await user.selectOptions(within(form).getByLabelText('Approval'), 'Ask, except for some tools');
    await user.type(within(form).getByLabelText('Tools that run without asking'), 'list_events');
    await user.click(within(server('docs')).getByRole('button', { name: 'Remove docs' }));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(savedTools(core)).toEqual([
      clock,
      {
        type: 'mcp',
        server_label: 'calendar',
        connector_id: 'connector_googlecalendar',
        require_approval: { never: { tool_names: ['list_events'] } },
        authorization: 'ya29.new-token',
      },
    ]);
  });

  it("shows main's field errors for a remote server on its own field, not on the tools JSON", async () => {
    const core = setup();
    core.handlers.updateProfile = () => {
      throw new FakeCommandError({
        code: 'invalid_request',
        message: 'The profile has invalid fields.',
        fieldErrors: {
          'session.tools.1.authorization': ['no authorization is kept for this server label: enter it again'],
        },
      });
    };
    const user = await openEditor();
    const label = within(server('docs')).getByLabelText('Server label');
    await user.clear(label);
    await user.type(label, 'handbook');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    const field = within(server('handbook')).getByLabelText('Authorization').closest('.field') as HTMLElement;
    expect((await within(field).findByRole('alert')).textContent).toBe(
      'no authorization is kept for this server label: enter it again',
    );
    const json = screen.getByLabelText('Tools (JSON)').closest('.field') as HTMLElement;
    expect(within(json).queryByRole('alert')).toBeNull();
  });
});
