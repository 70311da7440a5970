// The life-cycle commands through createCore's dispatcher: the first-run setup (when it shows, that it stays
// done across restarts), the setup's key check (press and release seen, no turn started), the three-second
// test recording, "Copy diagnostics" and "Open logs folder", and what the log file holds.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SessionState, TalkState } from '../../src-preload/contract';
import { createCore, type Core, type CoreOptions } from '../../src-main/core/app/create-core';
import { createAppLog, type AppLog } from '../../src-main/core/diagnostics/app-log';
import type { HotkeyBackend, ShortcutEvent } from '../../src-main/core/hotkey/backend';
import { nullAudio } from '../../src-main/core/realtime/null-audio';
import { memorySecrets } from '../../src-main/core/secrets/secret-store';
import { confStoreFactory } from '../../src-main/core/storage/conf-store';
import { createTestClip } from '../../src-main/core/lifecycle/test-clip';
import { turnInProgress } from '../../src-main/core/updates/update-policy';
import { testAudio } from '../support/realtime/test-audio';
import { useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();
const cores: Core[] = [];
const logs: AppLog[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.dispose();
  for (const log of logs.splice(0)) await log.close();
});

function start(options: Partial<CoreOptions> = {}) {
  const core = createCore({
    shell: 'headless',
    version: '9.9.9',
    hotkeyBackends: {},
    audio: nullAudio,
    ...options,
  });
  cores.push(core);
  const call = async (name: string, payload?: unknown) => {
    const envelope = await core.dispatcher.dispatch(name, payload);
    if (!envelope.ok) throw Object.assign(new Error(`${name}: ${envelope.error.message}`), envelope.error);
    return envelope.value as Record<string, unknown>;
  };
  return { core, call };
}

const until = async (condition: () => boolean, what: string, ms = 5_000) => {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};

describe('the first-run setup', () => {
  it('shows without a key, and once finished or skipped stays away, also after a restart', async () => {
    const storage = confStoreFactory(join(tempDir(), 'data'));
    const first = start({ storage });
    expect(await first.call('getSetupState')).toEqual({ show: true, completedAt: null, skipped: false });
    const shown: unknown[] = [];
    first.core.events.on('setupState', (state) => void shown.push(state));
    const done = await first.call('finishSetup', { skipped: true });
    expect(done).toMatchObject({ show: false, skipped: true, completedAt: expect.stringMatching(/^\d{4}-/) });
    expect(shown).toEqual([done]);
    await first.core.dispose();
    cores.splice(cores.indexOf(first.core), 1);

    const second = start({ storage });
    expect(await second.call('getSetupState')).toMatchObject({ show: false, skipped: true });
    // Settings' "Run setup again" shows it for this run only.
    expect(await second.call('openSetup')).toMatchObject({ show: true });
    expect(await second.call('finishSetup', { skipped: false })).toMatchObject({
      show: false,
      skipped: false,
    });
  });

  it('does not show when a key is already there (OPENAI_API_KEY, a key saved earlier)', async () => {
    const { call } = start({ secrets: memorySecrets('sk-already-here-123456') });
    expect(await call('getSetupState')).toMatchObject({ show: false, completedAt: null });
  });
});

/** A key backend with key-ups whose presses the test fires by hand. */
function fakeKeys() {
  let listener: (e: ShortcutEvent) => void = () => {};
  const backend: HotkeyBackend = {
    kind: 'uiohook',
    reportsRelease: true,
    async register(_shortcuts, next) {
      listener = next;
      return { failed: [] };
    },
    async dispose() {},
  };
  return {
    backend,
    fire: (type: ShortcutEvent['type']) => listener({ id: 'pushToTalk', type, at: performance.now() }),
  };
}

describe('the key check ("press it now")', () => {
  it('reports the press and the release without starting a turn, and only while it is on', async () => {
    const keys = fakeKeys();
    const { core, call } = start({ hotkeyBackends: { uiohook: async () => keys.backend } });
    await core.hotkeys.start();
    const talk: TalkState[] = [];
    const session: SessionState['status'][] = [];
    core.events.on('talkState', (state) => void talk.push(state));
    core.events.on('sessionState', (state) => void session.push(state.status));

    expect(await call('setKeyCheck', { on: true })).toEqual({ on: true });
    keys.fire('press');
    await new Promise((resolve) => setTimeout(resolve, 50));
    // Held: no API key is set, yet nothing ended the "turn" as dropped.
    expect(talk).toEqual([{ talking: true, trigger: 'hotkey' }]);
    keys.fire('release');
    expect(talk[1]).toEqual({ talking: false, reason: 'release', talkedMs: expect.any(Number) });
    // No connection, no microphone: the session never moved.
    expect(session).toEqual([]);
    expect(core.session.getState().status).toBe('disconnected');

    // Off again: the key talks to the session (which, without a key, ends the turn at once).
    await call('setKeyCheck', { on: false });
    keys.fire('press');
    await until(() => talk.length === 4, 'the refused turn to end');
    expect(talk[3]).toMatchObject({ talking: false, reason: 'external' });
    expect(session).toContain('error');
  });
});

describe('the test recording', () => {
  it('records three seconds from the conversation microphone and plays them back', async () => {
    const audio = testAudio();
    const { call } = start({ audio: audio.factory });
    const clip = call('recordTestClip');
    await until(() => audio.mic.running, 'the microphone to open');
    audio.mic.speak(3_500);
    expect(await clip).toEqual({ recordedMs: 3_000, peakDbfs: expect.any(Number), quiet: false });
    expect(audio.mic.running).toBe(false);
    // Played back: three seconds of PCM16 at 24 kHz reached the speaker.
    expect(audio.speaker.totalWritten).toBe(3 * 48_000);
  });

  it('says so when the microphone hears (almost) nothing', async () => {
    const audio = testAudio();
    const { call } = start({ audio: audio.factory });
    const clip = call('recordTestClip');
    await until(() => audio.mic.running, 'the microphone to open');
    audio.mic.speakNumbered(1, 3_000); // three seconds of samples at 100: -50.3 dBFS
    const result = await clip;
    expect(result).toMatchObject({ recordedMs: 3_000, quiet: true });
    expect(result.peakDbfs).toBeCloseTo(20 * Math.log10(100 / 32_768), 5);
  });

  it('answers unavailable when there is no microphone', async () => {
    const { call } = start({ audio: nullAudio });
    await expect(call('recordTestClip')).rejects.toMatchObject({ code: 'unavailable' });
  });

  it('answers conflict while a turn has the microphone, or while a recording runs', async () => {
    const audio = testAudio();
    let status: SessionState['status'] = 'listening';
    const record = createTestClip({ audio: audio.factory, busy: () => turnInProgress(status), clipMs: 100 });
    await expect(record()).rejects.toMatchObject({ code: 'conflict' });
    expect(audio.mic.running).toBe(false);
    status = 'ready';
    const first = record();
    await expect(record()).rejects.toMatchObject({ code: 'conflict', message: /already running/ });
    await until(() => audio.mic.running, 'the microphone to open');
    audio.mic.speak(100);
    await expect(first).resolves.toMatchObject({ recordedMs: 100 });
  });
});

describe('diagnostics', () => {
  const key = 'sk-seeded-test-key-0123456789abcdef';
  const item = (text: string) => ({
    id: `item_${text.length}`,
    conversationId: 'conv_1',
    role: 'user' as const,
    text,
    final: true,
    at: new Date().toISOString(),
  });

  async function withLog(options: Partial<CoreOptions> = {}) {
    const appLog = createAppLog();
    logs.push(appLog);
    const folder = join(tempDir(), 'logs');
    await appLog.open(join(folder, 'main.log'));
    const started = start({ appLog, secrets: memorySecrets(key), ...options });
    // The key service reads the key at start (checkStorage): from then on the scrubber knows it.
    await started.call('getApiKeyStatus');
    const fileText = () =>
      readdirSync(folder)
        .map((name) => readFileSync(join(folder, name), 'utf8'))
        .join('');
    return { ...started, folder, fileText };
  }

  it('the log records the life cycle, never the key, and what was said only when asked to', async () => {
    const { core, call, fileText } = await withLog();
    core.notify({ level: 'error', message: `Incorrect API key provided: ${key}` });
    core.events.emit('transcript', item('my secret plans for Tuesday'));
    await call('updateLifecycleSettings', { logConversation: true });
    core.events.emit('transcript', item('what is the capital of Norway'));
    await call('updateSettings', { theme: 'dark', earcons: false });
    const text = fileText();
    expect(text).not.toContain(key);
    expect(text).not.toContain('0123456789abcdef');
    const records = text
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    const messages = records.map((r) => r.msg);
    expect(messages).toEqual(
      expect.arrayContaining(['app.start', 'notice.error', 'transcript', 'settings.changed']),
    );
    expect(records.find((r) => r.msg === 'notice.error')).toMatchObject({
      level: 'warn',
      message: 'Incorrect API key provided: [redacted]',
    });
    const said = records.filter((r) => r.msg === 'transcript');
    expect(said[0]).toMatchObject({ role: 'user', characters: 27 });
    expect(said[0]).not.toHaveProperty('text');
    expect(text).not.toContain('secret plans');
    expect(said[1]).toMatchObject({ text: 'what is the capital of Norway' });
    expect(records.find((r) => r.msg === 'settings.changed')).toMatchObject({ fields: ['earcons', 'theme'] });
  });

  it('never holds an MCP server’s secret, once the configuration has been saved', async () => {
    const { core, call, fileText } = await withLog();
    const secret = 'mcp-env-secret-value-42'; // no known shape: only registration can catch it
    const document = {
      mcpServers: { notes: { command: 'no-such-program-for-this-test', env: { NOTES_TOKEN: secret } } },
    };
    await call('setMcpConfig', { json: JSON.stringify(document) });
    // A server (or a bug) echoing its environment somewhere the log sees.
    core.notify({ level: 'warning', message: `notes server said: token=${secret}` });
    const text = fileText();
    expect(text).toContain('notes server said: token=[redacted]');
    expect(text).not.toContain(secret);
  });

  it('"Copy diagnostics" has versions, OS, audio, hotkeys, settings and the newest log lines, and no key', async () => {
    const { core, call, folder } = await withLog();
    core.notify({ level: 'warning', message: `something about ${key}` });
    const { text, logFolder } = (await call('copyDiagnostics')) as { text: string; logFolder: string };
    expect(logFolder).toBe(folder);
    expect(text).toContain('App: Voice Assistant 9.9.9 (headless shell)');
    expect(text).toMatch(new RegExp(`Versions: .*node ${process.versions.node}`));
    expect(text).toMatch(/^OS: \S+ .*\((linux|darwin|win32) /m);
    expect(text).toMatch(/^Audio: /m);
    expect(text).toContain('The conversation uses the shell’s own audio');
    expect(text).toMatch(/^Hotkeys: none \(asked for auto\)/m);
    expect(text).toContain('"defaultModel": "gpt-realtime"');
    expect(text).toContain('"logConversation": false');
    expect(text).toContain('API key: set, works: not tested, kept in: memory');
    expect(text).toContain('Updates: unsupported');
    expect(text).toMatch(/Last \d+ log lines \(log folder: /);
    expect(text).toMatch(/WARN {2}notice.warning \{"message":"something about \[redacted\]"\}/);
    expect(text).not.toContain(key);
  });

  it('"Open logs folder" opens the folder where the shell can, and says where it is where it cannot', async () => {
    const opened: string[] = [];
    const withOpener = await withLog({ openFolder: async (path) => void opened.push(path) });
    expect(await withOpener.call('openLogsFolder')).toEqual({ folder: withOpener.folder });
    expect(opened).toEqual([withOpener.folder]);
    const without = await withLog();
    await expect(without.call('openLogsFolder')).rejects.toMatchObject({
      code: 'unavailable',
      message: expect.stringContaining(without.folder),
    });
    const noFile = start();
    await expect(noFile.call('openLogsFolder')).rejects.toMatchObject({ code: 'unavailable' });
  });
});
