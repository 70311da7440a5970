// Settings: the write-only API key, field errors from updateSettings, the hotkey recorder with main's
// conflict check, and the theme on <html>.
import './support/dom';
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { ApiKeyStatus, HotkeyValidation, Settings } from '../../src-preload/contract';
import { App } from '../../src-renderer/src/App';
import { fakeCore } from './support/fake-core';
import { profilesState, settings as initial } from './support/fixtures';

function setup(keyStatus: ApiKeyStatus = { set: false, works: null, storage: 'keychain' }) {
  let current: Settings = structuredClone(initial);
  let key = keyStatus;
  const core = fakeCore({
    getSettings: () => current,
    listProfiles: () => profilesState,
    updateSettings: (patch) => {
      current = { ...current, ...patch, hotkeys: { ...current.hotkeys, ...patch.hotkeys } } as Settings;
      core.emit('settingsChanged', current);
      return current;
    },
    getApiKeyStatus: () => key,
    setApiKey: () => (key = { set: true, works: null, storage: key.storage }),
    testApiKey: () =>
      (key = {
        ...key,
        works: false,
        message: 'The key was rejected (401 Unauthorized): check that it is complete and not revoked.',
      }),
    validateHotkeys: (hotkeys): HotkeyValidation =>
      hotkeys.nextProfile === 'RightCtrl'
        ? { fieldErrors: { 'hotkeys.nextProfile': ['same as push-to-talk (RightCtrl)'] }, normalized: {} }
        : { fieldErrors: {}, normalized: {} },
  });
  render(<App client={core.client} />);
  return core;
}

async function openSettings() {
  const user = userEvent.setup();
  await user.click(await screen.findByRole('button', { name: 'Settings' }));
  await screen.findByRole('region', { name: 'Settings' });
  return user;
}

describe('settings', () => {
  it('sends the API key once, never shows it again, and shows a failed test', async () => {
    const core = setup();
    const user = await openSettings();
    expect((await screen.findByTestId('api-key-status')).textContent).toBe('Not set');
    const field = screen.getByLabelText('API key') as HTMLInputElement;
    expect(field.type).toBe('password');
    await user.type(field, 'sk-test-1234567890');
    await user.click(screen.getByRole('button', { name: 'Save key' }));
    expect(core.callsOf('setApiKey')).toEqual([{ key: 'sk-test-1234567890' }]);
    expect((screen.getByLabelText('Replace API key') as HTMLInputElement).value).toBe('');
    expect(screen.getByTestId('api-key-status').textContent).toBe('Set · not tested');

    await user.click(screen.getByRole('button', { name: 'Test' }));
    expect((await screen.findByTestId('api-key-error')).textContent).toMatch(/401 Unauthorized/);
    expect(screen.getByTestId('api-key-status').textContent).toBe('Set · failed');
  });

  it('says why a test reached no verdict', async () => {
    setup({
      set: true,
      works: null,
      storage: 'keychain',
      message: 'Could not reach https://api.openai.com/v1: ECONNREFUSED',
    });
    await openSettings();
    expect((await screen.findByTestId('api-key-note')).textContent).toMatch(/ECONNREFUSED/);
    expect(screen.getByTestId('api-key-status').textContent).toBe('Set · could not check');
  });

  it('warns when the key is kept in basic_text storage', async () => {
    setup({ set: true, works: true, storage: 'basic_text' });
    await openSettings();
    expect((await screen.findByText(/stored only obfuscated on disk/)).getAttribute('role')).toBe('alert');
  });

  it("shows updateSettings' field errors under the field", async () => {
    // The fake validates requests with the contract schema, as main's dispatcher does: this error is
    // the one main would send for the field.
    setup();
    const user = await openSettings();
    const url = screen.getByLabelText('Base URL');
    await user.clear(url);
    await user.type(url, 'ftp://example.com{Enter}');
    const field = url.closest('.field') as HTMLElement;
    expect((await within(field).findByRole('alert')).textContent).toBe('Invalid URL');
    expect(url.getAttribute('aria-invalid')).toBe('true');
  });

  it('records a lone modifier and a chord; a conflict reported by main is shown and not saved', async () => {
    const core = setup();
    await openSettings();
    const ptt = screen.getByLabelText('Push to talk');
    fireEvent.click(ptt);
    expect(ptt.textContent).toMatch(/Press the keys/);
    fireEvent.keyDown(ptt, { code: 'AltRight', key: 'Alt', altKey: true });
    fireEvent.keyUp(ptt, { code: 'AltRight', key: 'Alt' });
    await screen.findByText('RightAlt');
    expect(core.callsOf('updateSettings').at(-1)).toEqual({
      hotkeys: { pushToTalk: 'RightAlt', nextProfile: null, captureScreen: null, profiles: {} },
    });

    const next = screen.getByLabelText('Next profile');
    fireEvent.click(next);
    fireEvent.keyDown(next, { code: 'ControlLeft', key: 'Control', ctrlKey: true });
    fireEvent.keyDown(next, { code: 'KeyK', key: 'k', ctrlKey: true, shiftKey: true });
    await screen.findByText('Ctrl+Shift+K');

    // Main's validator flags a clash: the warning shows and the setting is not changed.
    fireEvent.click(next);
    fireEvent.keyDown(next, { code: 'ControlRight', key: 'Control', ctrlKey: true });
    fireEvent.keyUp(next, { code: 'ControlRight', key: 'Control' });
    const field = next.closest('.field') as HTMLElement;
    expect((await within(field).findByRole('alert')).textContent).toBe('same as push-to-talk (RightCtrl)');
    expect(next.textContent).toBe('Ctrl+Shift+K');
  });

  it('the recorder says which shortcut it holds, and Tab moves on without being recorded', async () => {
    const core = setup();
    await openSettings();
    const ptt = screen.getByRole('button', { name: 'Push to talk RightCtrl' });
    fireEvent.click(ptt);
    expect(ptt.textContent).toMatch(/Press the keys/);
    fireEvent.keyDown(ptt, { code: 'Tab', key: 'Tab' });
    expect(ptt.textContent).toBe('RightCtrl');
    expect(core.callsOf('updateSettings')).toEqual([]);
  });

  it('saves the push-to-talk safety limit in milliseconds', async () => {
    const core = setup();
    const user = await openSettings();
    const limit = screen.getByLabelText('Safety limit (seconds)');
    expect((limit as HTMLInputElement).value).toBe('120');
    await user.clear(limit);
    await user.type(limit, '30{Enter}');
    expect(core.callsOf('updateSettings').at(-1)).toEqual({ pttSafetyTimeoutMs: 30_000 });
  });

  it('applies the theme to <html data-theme>', async () => {
    setup();
    const user = await openSettings();
    expect(document.documentElement.dataset.theme).toBe('light'); // "system", and jsdom's system is light
    await user.selectOptions(screen.getByLabelText('Theme'), 'dark');
    expect(document.documentElement.dataset.theme).toBe('dark');
    expect(screen.getByTestId('theme-now').textContent).toBe('Theme: dark');
  });

  it('lists devices from main, re-scans on Refresh, plays the test sound and meters the microphone', async () => {
    const core = setup();
    const device = (id: string, name: string, isDefault = false) => ({
      id,
      name,
      hostApi: 'ALSA',
      defaultSampleRate: 48_000,
      channels: 2,
      isDefault,
    });
    core.handlers.listAudioDevices = ({ refresh }) => ({
      inputs: refresh
        ? [device('ALSA:usb', 'USB headset'), device('ALSA:pulse', 'pulse', true)]
        : [device('ALSA:pulse', 'pulse', true)],
      outputs: [device('ALSA:pulse', 'pulse', true)],
    });
    core.handlers.playTestSound = () => ({ device: 'ALSA:pulse' });
    core.handlers.setMicTest = ({ on }: { on: boolean }) => ({ on, device: 'ALSA:pulse' });
    const user = await openSettings();
    const mic = screen.getByLabelText('Microphone') as HTMLSelectElement;
    await within(mic).findByText(/pulse/);
    expect(within(mic).queryByText(/USB headset/)).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Refresh devices' }));
    await within(mic).findByText(/USB headset/);
    expect(core.callsOf('listAudioDevices').at(-1)).toEqual({ refresh: true });
    await user.selectOptions(mic, 'ALSA:usb');
    expect(core.callsOf('updateSettings').at(-1)).toEqual({ inputDevice: 'ALSA:usb' });

    await user.click(screen.getByRole('button', { name: 'Play test sound' }));
    expect(await screen.findByText('Played on ALSA:pulse.')).toBeTruthy();

    const meter = screen.getByRole('meter', { name: 'Microphone level' });
    expect(meter.getAttribute('aria-valuenow')).toBe('0');
    act(() => core.emit('inputLevel', { rmsDbfs: -30, peakDbfs: -12 }));
    expect(meter.getAttribute('aria-valuenow')).toBe('50');

    // The microphone test opens the mic for the meter only, and closes it again.
    await user.click(screen.getByRole('button', { name: 'Test microphone' }));
    const stop = await screen.findByRole('button', { name: 'Stop microphone test' });
    expect(stop.getAttribute('aria-pressed')).toBe('true');
    await user.click(stop);
    await screen.findByRole('button', { name: 'Test microphone' });
    expect(core.callsOf('setMicTest')).toEqual([{ on: true }, { on: false }]);
  });
});
