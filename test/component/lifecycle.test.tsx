// The window's life-cycle parts against a scripted core (the requests checked with the contract): the
// setup shows only when the core says so and can be skipped; the key step explains the fallbacks (no
// global key, key-down only) and confirms press and release; "Restart to update" appears once an update is
// downloaded; "Copy diagnostics" copies in the page, or shows the report to copy by hand where it cannot.
import './support/dom';
import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { expect, it, vi } from 'vitest';
import type { HotkeyStatus, SetupState, UpdateState } from '../../src-preload/contract';
import { App } from '../../src-renderer/src/App';
import { fakeCore, type FakeHandlers } from './support/fake-core';
import { profilesState, settings } from './support/fixtures';

const notDone: SetupState = { show: true, completedAt: null, skipped: false };
const status = (backend: HotkeyStatus['backend'], fallbackMessage: string | null = null): HotkeyStatus => ({
  backend,
  requestedBackend: 'auto',
  mode: backend === 'toggle' ? 'toggle' : 'hold',
  requestedMode: 'hold',
  fallbackMessage,
  fieldErrors: {},
});

function start(handlers: FakeHandlers = {}) {
  const core = fakeCore({
    getSettings: () => settings,
    listProfiles: () => profilesState,
    getSessionState: () => ({ status: 'disconnected', muted: false }),
    getApiKeyStatus: () => ({ set: false, works: null, storage: 'keychain' }),
    finishSetup: ({ skipped }) => ({ show: false, completedAt: '2026-12-05T10:00:00.000Z', skipped }),
    ...handlers,
  });
  render(<App client={core.client} />);
  return core;
}

/** Steps forward to the push-to-talk key (step 4). */
async function toKeyStep(user: ReturnType<typeof userEvent.setup>) {
  const dialog = await screen.findByRole('dialog');
  for (let i = 0; i < 3; i++) await user.click(within(dialog).getByRole('button', { name: 'Next' }));
  await within(dialog).findByRole('heading', { name: 'Push-to-talk key' });
  return dialog;
}

it('shows the setup only when the core says so, and Skip tells the core', async () => {
  const core = start({ getSetupState: () => notDone });
  const user = userEvent.setup();
  const dialog = await screen.findByRole('dialog');
  expect(within(dialog).getByRole('heading').textContent).toBe('Your OpenAI API key');
  expect(await within(dialog).findByText('Kept encrypted by the system keychain.')).toBeTruthy();
  await user.click(within(dialog).getByRole('button', { name: 'Skip setup' }));
  expect(screen.queryByRole('dialog')).toBeNull();
  expect(core.callsOf('finishSetup')).toEqual([{ skipped: true }]);
  // Settings' "Run setup again": the core announces it.
  act(() => core.emit('setupState', { ...notDone, skipped: true }));
  expect(await screen.findByRole('dialog')).toBeTruthy();
});

it('stays away when the core says it is done (or has no setup at all)', async () => {
  start({ getSetupState: () => ({ show: false, completedAt: '2026-01-01T00:00:00.000Z', skipped: false }) });
  await screen.findByRole('button', { name: /hold to talk/i });
  expect(screen.queryByRole('dialog')).toBeNull();
});

it('the key step explains that no global key works here, and offers no key test', async () => {
  start({
    getSetupState: () => notDone,
    getHotkeyStatus: () => status('none', 'the key hook could not open the display'),
  });
  const dialog = await toKeyStep(userEvent.setup());
  expect(within(dialog).getByTestId('setup-key-backend').textContent).toMatch(
    /No global key works here.*window’s button.*--toggle-talk.*\(the key hook could not open the display\)/,
  );
  expect(within(dialog).queryByRole('button', { name: 'Press it now' })).toBeNull();
});

it('with a key-down-only desktop, "press it now" takes a press to start and one to stop', async () => {
  const core = start({
    getSetupState: () => notDone,
    getHotkeyStatus: () => status('toggle', 'Wayland without the portal: key-down only'),
    setKeyCheck: ({ on }) => ({ on }),
  });
  const user = userEvent.setup();
  const dialog = await toKeyStep(user);
  expect(within(dialog).getByTestId('setup-key-backend').textContent).toMatch(
    /press once to start talking, once more to stop/,
  );
  await user.click(within(dialog).getByRole('button', { name: 'Press it now' }));
  expect(core.callsOf('setKeyCheck')).toEqual([{ on: true }]);
  const check = within(dialog).getByTestId('setup-key-check');
  expect(check.textContent).toBe('Waiting: press RightCtrl now.');
  // The window's own talk button is not the key.
  act(() => core.emit('talkState', { talking: true, trigger: 'window' }));
  expect(check.textContent).toBe('Waiting: press RightCtrl now.');
  act(() => core.emit('talkState', { talking: false, reason: 'release', talkedMs: 10 }));
  act(() => core.emit('talkState', { talking: true, trigger: 'hotkey' }));
  expect(check.textContent).toBe('✓ Pressed — now let go.');
  act(() => core.emit('talkState', { talking: false, reason: 'toggle', talkedMs: 900 }));
  expect(check.textContent).toBe('✓ Pressed and ✓ released: the app hears your key.');
  // Confirmed: the key goes back to conversations at once.
  expect(core.callsOf('setKeyCheck')).toEqual([{ on: true }, { on: false }]);
});

it('"Restart to update" appears once an update is downloaded, and says when it waits for the turn', async () => {
  const ready: UpdateState = {
    status: 'ready',
    currentVersion: '0.1.0',
    version: '0.2.0',
    autoCheck: true,
    restartPending: false,
  };
  const core = start({
    getUpdateState: () => ({ ...ready, status: 'downloading', version: '0.2.0', progress: 40 }),
    restartToUpdate: () => ({ ...ready, restartPending: true }),
  });
  const user = userEvent.setup();
  await screen.findByRole('button', { name: /hold to talk/i });
  expect(screen.queryByTestId('update-banner')).toBeNull();
  act(() => core.emit('updateState', ready));
  const banner = await screen.findByTestId('update-banner');
  expect(banner.textContent).toContain('Voice Assistant 0.2.0 is ready.');
  await user.click(within(banner).getByRole('button', { name: 'Restart to update' }));
  expect(core.callsOf('restartToUpdate')).toEqual([undefined]);
  act(() => core.emit('updateState', { ...ready, restartPending: true }));
  expect(banner.textContent).toContain('The app restarts when this turn ends.');
  expect(within(banner).queryByRole('button')).toBeNull();
});

it('Settings: update checks can be turned off, and a report without a clipboard is shown to copy by hand', async () => {
  const core = start({
    getUpdateState: () => ({
      status: 'up-to-date',
      currentVersion: '0.1.0',
      autoCheck: true,
      restartPending: false,
    }),
    getLifecycleSettings: () => ({ autoUpdateCheck: true, logConversation: false }),
    updateLifecycleSettings: (patch) => ({ autoUpdateCheck: true, logConversation: false, ...patch }),
    copyDiagnostics: () => ({
      text: 'Voice Assistant diagnostics\nline two\n',
      logFolder: null,
      copied: false,
    }),
  });
  const user = userEvent.setup();
  await user.click(await screen.findByRole('button', { name: 'Settings' }));
  expect((await screen.findByTestId('update-status')).textContent).toBe('Version 0.1.0 is the newest.');
  await user.click(screen.getByRole('checkbox', { name: /Check for updates automatically/ }));
  expect(core.callsOf('updateLifecycleSettings')).toEqual([{ autoUpdateCheck: false }]);
  await user.click(screen.getByRole('checkbox', { name: /Include conversation in logs/ }));
  expect(core.callsOf('updateLifecycleSettings').at(-1)).toEqual({ logConversation: true });
  // A page with a clipboard (user-event provides one) copies the report itself …
  await user.click(screen.getByRole('button', { name: 'Copy diagnostics' }));
  expect((await screen.findByTestId('diagnostics-copied')).textContent).toMatch(/^Copied 3 lines/);
  expect(await navigator.clipboard.readText()).toBe('Voice Assistant diagnostics\nline two\n');
  // … and one without (an insecure origin, a denied permission) shows it to copy by hand.
  vi.spyOn(navigator.clipboard, 'writeText').mockRejectedValue(new Error('denied'));
  await user.click(screen.getByRole('button', { name: 'Copy diagnostics' }));
  const manual = (await screen.findByLabelText(/select all and copy/)) as HTMLTextAreaElement;
  expect(manual.value).toBe('Voice Assistant diagnostics\nline two\n');
});
