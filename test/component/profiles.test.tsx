// The profile editor: edits become a minimal updateProfile patch, field errors (ours and main's) land on
// their fields, tools JSON is checked inline, and unsaved edits are guarded.
import './support/dom';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Profile, ProfilesState } from '../../src-preload/contract';
import { App } from '../../src-renderer/src/App';
import { fakeCore, FakeCommandError } from './support/fake-core';
import { profile, profilesState, settings } from './support/fixtures';

function setup() {
  let state: ProfilesState = structuredClone(profilesState);
  const core = fakeCore({
    getSettings: () => settings,
    listProfiles: () => state,
    updateProfile: ({ id, patch }) => {
      const before = state.profiles.find((p) => p.id === id)!;
      const session = { ...before.session, ...patch.session } as Profile['session'];
      const after: Profile = { ...before, ...patch, session } as Profile;
      state = { ...state, profiles: state.profiles.map((p) => (p.id === id ? after : p)) };
      return after;
    },
    duplicateProfile: ({ id }) => {
      const copy = { ...state.profiles.find((p) => p.id === id)!, id: 'p3', name: 'Assistant (copy)' };
      state = { ...state, profiles: [...state.profiles, copy] };
      core.emit('profilesChanged', state);
      return copy;
    },
  });
  render(<App client={core.client} />);
  return core;
}

async function openProfiles() {
  const user = userEvent.setup();
  await user.click(await screen.findByRole('button', { name: 'Profiles' }));
  await screen.findByRole('form', { name: 'Edit profile Assistant' });
  return user;
}

describe('profile editor', () => {
  it('saves only what changed, as a patch of top-level session fields', async () => {
    const core = setup();
    const user = await openProfiles();
    const speed = screen.getByLabelText('Speed');
    await user.clear(speed);
    await user.type(speed, '1.25');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(core.callsOf('updateProfile')).toEqual([
      {
        id: 'p1',
        patch: {
          session: { audio: { output: { voice: 'marin', speed: 1.25 }, input: { turn_detection: null } } },
        },
      },
    ]);
    expect(await screen.findByText(/Saved at/)).toBeTruthy();
  });

  it('switches turn detection to server VAD with its parameters', async () => {
    const core = setup();
    const user = await openProfiles();
    await user.click(screen.getByRole('radio', { name: /Server VAD/ }));
    const silence = screen.getByLabelText('Silence (ms)');
    await user.clear(silence);
    await user.type(silence, '800');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    const [call] = core.callsOf('updateProfile') as { patch: { session: Profile['session'] } }[];
    expect(call!.patch.session.audio?.input?.turn_detection).toEqual({
      type: 'server_vad',
      threshold: 0.5,
      prefix_padding_ms: 300,
      silence_duration_ms: 800,
    });
  });

  it('checks fields as you type with the contract schema and blocks saving', async () => {
    const core = setup();
    const user = await openProfiles();
    const speed = screen.getByLabelText('Speed');
    await user.clear(speed);
    await user.type(speed, '3');
    expect(speed.getAttribute('aria-invalid')).toBe('true');
    expect(within(speed.closest('.field') as HTMLElement).getByRole('alert').textContent).toMatch(/1\.5/);

    const tools = screen.getByLabelText('Tools (JSON)');
    await user.type(tools, '[[{{"type": "function"');
    expect(within(tools.closest('.field') as HTMLElement).getByRole('alert').textContent).toMatch(
      /not valid JSON/,
    );
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(core.callsOf('updateProfile')).toEqual([]);
    expect(screen.getByText('Fix the marked fields first.')).toBeTruthy();
  });

  it("shows main's field errors inline on the field they name", async () => {
    const core = setup();
    core.handlers.updateProfile = () => {
      throw new FakeCommandError({
        code: 'invalid_request',
        message: 'invalid profile',
        fieldErrors: { 'session.audio.output.voice': ['voice cannot change after the assistant has spoken'] },
      });
    };
    const user = await openProfiles();
    const voice = screen.getByLabelText('Voice');
    await user.clear(voice);
    await user.type(voice, 'ash');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    const field = voice.closest('.field') as HTMLElement;
    expect((await within(field).findByRole('alert')).textContent).toBe(
      'voice cannot change after the assistant has spoken',
    );
    expect(voice.getAttribute('aria-invalid')).toBe('true');
  });

  it('asks before unsaved edits are lost, and keeps them when asked to', async () => {
    setup();
    const user = await openProfiles();
    const instructions = screen.getByLabelText('Instructions');
    await user.type(instructions, ' And kind.');

    await user.click(screen.getByRole('button', { name: /Translator/ }));
    const dialog = await screen.findByRole('alertdialog');
    expect(dialog.textContent).toMatch(/unsaved changes to the profile “Assistant”/);
    // A modal keeps keyboard focus inside: Tab from the last choice comes back to the first.
    const choices = within(dialog).getAllByRole('button');
    expect(document.activeElement).toBe(choices[0]);
    for (let i = 0; i < choices.length; i++) await user.tab();
    expect(document.activeElement).toBe(choices[0]);
    await user.tab({ shift: true });
    expect(document.activeElement).toBe(choices.at(-1));
    await user.click(within(dialog).getByRole('button', { name: 'Keep editing' }));
    expect((screen.getByLabelText('Instructions') as HTMLTextAreaElement).value).toBe('Be brief. And kind.');

    await user.click(screen.getByRole('button', { name: 'Settings' }));
    await user.click(
      within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Discard changes' }),
    );
    expect(await screen.findByRole('region', { name: 'Settings' })).toBeTruthy();
  });

  it('duplicates and selects the copy; export downloads the JSON main made', async () => {
    const core = setup();
    core.handlers.exportProfile = () => ({ json: '{"name":"Assistant"}', fileName: 'assistant.json' });
    const created: Blob[] = [];
    URL.createObjectURL = (blob: Blob) => (created.push(blob), 'blob:fake');
    URL.revokeObjectURL = () => {};
    const user = await openProfiles();
    await user.click(screen.getByRole('button', { name: 'Export' }));
    expect(await created[0]!.text()).toBe('{"name":"Assistant"}');

    await user.click(screen.getByRole('button', { name: 'Duplicate' }));
    expect(await screen.findByRole('form', { name: 'Edit profile Assistant (copy)' })).toBeTruthy();
    expect(core.callsOf('duplicateProfile')).toEqual([{ id: 'p1' }]);
  });

  it('imports a picked file through importProfile and shows its notes', async () => {
    const core = setup();
    const imported = profile('p9', 'Old beta profile');
    core.handlers.importProfile = () => ({ profile: imported, notes: ['temperature dropped: GA has none'] });
    const user = await openProfiles();
    const file = new File(['{"modalities":["audio","text"]}'], 'old.json', { type: 'application/json' });
    await user.upload(screen.getByLabelText('Import profile file'), file);
    expect(core.callsOf('importProfile')).toEqual([{ json: '{"modalities":["audio","text"]}' }]);
    expect(await screen.findByText(/temperature dropped/)).toBeTruthy();
  });
});
