// "Keep microphone ready" and the pre-roll in the Settings view: each mode explained, a change saved with one
// updateSettings call, and an out-of-range pre-roll refused by the contract's own schema (as main refuses it),
// shown on the field. The status line names the 'opening' state.
import './support/dom';
import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { expect, it } from 'vitest';
import type { Settings } from '../../src-preload/contract';
import { App } from '../../src-renderer/src/App';
import { fakeCore } from './support/fake-core';
import { profilesState, settings as initial } from './support/fixtures';

function setup() {
  let current: Settings = structuredClone(initial);
  const core = fakeCore({
    getSettings: () => current,
    listProfiles: () => profilesState,
    getSessionState: () => ({ status: 'ready', muted: false }),
    updateSettings: (patch) => {
      current = { ...current, ...patch, hotkeys: { ...current.hotkeys, ...patch.hotkeys } } as Settings;
      core.emit('settingsChanged', current);
      return current;
    },
  });
  render(<App client={core.client} />);
  return core;
}

it('explains each mode, saves the choice, and refuses a pre-roll over 1000 ms', async () => {
  const core = setup();
  const user = userEvent.setup();
  await user.click(await screen.findByRole('button', { name: 'Settings' }));
  const ready = (await screen.findByLabelText('Keep microphone ready')) as HTMLSelectElement;
  expect(ready.value).toBe('warm');
  const field = ready.closest('.field') as HTMLElement;
  expect(field.textContent).toMatch(/20 s after a turn/);

  await user.selectOptions(ready, 'always');
  expect(core.callsOf('updateSettings')).toEqual([{ micReady: 'always' }]);
  expect(field.textContent).toMatch(/Open while the app runs .* sent only as the start of a turn/);

  const preroll = screen.getByLabelText('Pre-roll (ms)');
  await user.clear(preroll);
  await user.type(preroll, '1500{Enter}');
  const prerollField = preroll.closest('.field') as HTMLElement;
  expect((await within(prerollField).findByRole('alert')).textContent).toMatch(/1000/);
  await user.clear(preroll);
  await user.type(preroll, '500{Enter}');
  expect(core.callsOf('updateSettings').at(-1)).toEqual({ prerollMs: 500 });
  expect(within(prerollField).queryByRole('alert')).toBeNull();
});

it('the status line says the microphone is opening', async () => {
  const core = setup();
  await screen.findByTestId('status');
  act(() => core.emit('sessionState', { status: 'opening', muted: false }));
  expect(screen.getByTestId('status').textContent).toMatch(/Opening microphone…/);
});
