// The key hook's display probe: the core asks an injected runner (the Electron shell's runs the built
// probe entry in a utility process, never `process.execPath -e` with ELECTRON_RUN_AS_NODE, which the
// packaged app's fuses switch off), and the plain-Node default refuses to run inside Electron.
import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';

const fork = vi.fn();
vi.mock('electron', () => ({ utilityProcess: { fork } }));

const { utilityProcessProbe } = await import('../../src-main/shell-electron/uiohook-probe-runner');
const { createUiohookBackend } = await import('../../src-main/core/hotkey/uiohook-backend');
const { nodeProbe } = await import('../../src-main/core/hotkey/uiohook-probe');
const { BackendUnavailableError } = await import('../../src-main/core/hotkey/backend');

/** What utilityProcess.fork returns, driven by the test. */
function fakeChild() {
  const child = Object.assign(new EventEmitter(), { stderr: new PassThrough(), kill: vi.fn(() => true) });
  fork.mockReturnValueOnce(child);
  return child;
}

afterEach(() => {
  vi.unstubAllEnvs();
  vi.useRealTimers();
  fork.mockReset();
});

describe('the core asks the injected probe', () => {
  it('with its DISPLAY; a failed probe makes the backend unavailable with the reason', async () => {
    vi.stubEnv('DISPLAY', ':4097');
    const probe = vi.fn(async () => ({ ok: false as const, detail: 'XOpenDisplay failure!' }));
    const error = await createUiohookBackend({ platform: 'linux', probe }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BackendUnavailableError);
    expect((error as Error).message).toBe(
      'the key hook could not open the X display :4097: XOpenDisplay failure!',
    );
    expect(probe).toHaveBeenCalledWith({
      env: expect.objectContaining({ DISPLAY: ':4097' }),
      timeoutMs: 5_000,
    });
    const [[{ env }]] = probe.mock.calls as unknown as [[{ env: NodeJS.ProcessEnv }]];
    expect(env).not.toHaveProperty('ELECTRON_RUN_AS_NODE');
  });

  it('the plain-Node default refuses inside Electron instead of relaunching the app', async () => {
    Object.defineProperty(process.versions, 'electron', { value: '45.4.1', configurable: true });
    try {
      const outcome = await nodeProbe({ env: { DISPLAY: ':0' }, timeoutMs: 1_000 });
      expect(outcome).toEqual({ ok: false, detail: expect.stringMatching(/shell must provide one/) });
    } finally {
      delete (process.versions as Record<string, string>).electron;
    }
  });
});

describe("the Electron shell's runner: utilityProcess.fork of the built probe entry", () => {
  it('forks the module with the display, stderr piped and no ELECTRON_RUN_AS_NODE; exit 0 is ok', async () => {
    const child = fakeChild();
    const probing = utilityProcessProbe('/app/out/main/uiohook-probe.js')({
      env: { DISPLAY: ':1', HOME: '/home/u', UNSET: undefined },
      timeoutMs: 5_000,
    });
    expect(fork).toHaveBeenCalledWith('/app/out/main/uiohook-probe.js', [], {
      env: { DISPLAY: ':1', HOME: '/home/u' },
      stdio: ['ignore', 'ignore', 'pipe'],
      serviceName: expect.any(String),
    });
    child.emit('exit', 0);
    await expect(probing).resolves.toEqual({ ok: true });
  });

  it('a child that aborts reports the last line it wrote', async () => {
    const child = fakeChild();
    const probing = utilityProcessProbe('/p.js')({ env: { DISPLAY: ':9' }, timeoutMs: 5_000 });
    child.stderr.write('settings_thread_proc [115]: XOpenDisplay failure!\n');
    child.stderr.write('xrecord_start [1024]: XOpenDisplay failure!\n');
    await new Promise((r) => setImmediate(r));
    child.emit('exit', 134);
    await expect(probing).resolves.toEqual({
      ok: false,
      detail: 'xrecord_start [1024]: XOpenDisplay failure!',
    });
  });

  it('a child that does not answer in time is killed', async () => {
    vi.useFakeTimers();
    const child = fakeChild();
    const probing = utilityProcessProbe('/p.js')({ env: {}, timeoutMs: 5_000 });
    vi.advanceTimersByTime(5_000);
    await expect(probing).resolves.toEqual({ ok: false, detail: 'no answer within 5000 ms' });
    expect(child.kill).toHaveBeenCalled();
  });

  it('a fork that throws is a failed probe, not a crash', async () => {
    fork.mockImplementationOnce(() => {
      throw new Error('utilityProcess.fork can only be called after app is ready');
    });
    await expect(utilityProcessProbe('/p.js')({ env: {}, timeoutMs: 5_000 })).resolves.toEqual({
      ok: false,
      detail: 'utilityProcess.fork can only be called after app is ready',
    });
  });
});
