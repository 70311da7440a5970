// The desktop app's life cycle, booted from the BUILT bundles on the Electron stand-in (see README, "What the
// boot test covers"): electron-updater really fetches latest-linux.yml and the AppImage it names from a
// local feed (the stand-in's net.request is Node's http), the core checks soon after start and downloads in
// the background, "Restart to update" appears in the tray and installs (the AppImage replaced and started
// again, the app quits once); the log file sits in the app's log folder and holds the life cycle, the
// updater's lines and a caught fault, never the API key saved from the page; "Copy diagnostics" and "Open
// logs folder" answer from Electron.
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireBuiltApp } from '../support/built-app';
import { bootStandin, type BootReport } from '../support/electron-standin/run-boot';
import { root } from '../support/packaging';
import { startUpdateFeed, type UpdateFeed } from '../support/updates/update-feed';

const seededKey = 'sk-boot-seeded-key-0123456789ABCDEFGH';
const work = mkdtempSync(join(tmpdir(), 'va-boot-life-'));
const home = join(work, 'home');
const marker = join(work, 'new-version-ran');
const appImagePath = join(home, 'Applications', 'Voice-Assistant.AppImage');
/** The "new version": an executable that leaves a mark when the updater starts it after installing. */
const newAppImage = Buffer.from(`#!/bin/sh\necho "0.2.0 started" > "$VA_TEST_MARKER"\n`);

let feed: UpdateFeed;
let report: BootReport;
let r: unknown[];
const envelope = (value: unknown) =>
  value as { ok: boolean; value?: Record<string, unknown>; error?: unknown };
const logFolder = () => join(home, 'userData', '..logs'); // the stand-in's app.getPath('logs')

beforeAll(async () => {
  requireBuiltApp(root);
  feed = await startUpdateFeed({ version: '0.2.0', file: newAppImage });
  mkdirSync(join(home, 'Applications'), { recursive: true });
  writeFileSync(appImagePath, '#!/bin/sh\necho "the old version"\n', { mode: 0o755 });
  // electron-updater's own development feed description (an unpackaged app never reads app-update.yml).
  const devConfig = join(work, 'dev-app-update.yml');
  writeFileSync(
    devConfig,
    `provider: generic\nurl: ${feed.url}\nupdaterCacheDirName: voice-assistant-updater\n`,
  );
  report = await bootStandin(
    home,
    [
      { do: 'preload' },
      { do: 'bridge', command: 'setApiKey', payload: { key: seededKey } },
      // The first automatic check comes 10 s after start; the download follows in the background.
      { do: 'poll', command: 'getUpdateState', field: 'status', equals: 'ready', timeoutMs: 40_000 },
      { do: 'snapshot' },
      {
        do: 'fault',
        thrown: `thrown in a callback with ${seededKey}`,
        rejected: 'a rejection nobody handled',
      },
      { do: 'bridge', command: 'copyDiagnostics' },
      { do: 'bridge', command: 'openLogsFolder' },
      { do: 'trayClick', path: ['Restart to update (0.2.0)'], settleMs: 500 },
    ],
    {
      VOICE_ASSISTANT_DEV_UPDATE_CONFIG: devConfig,
      APPIMAGE: appImagePath,
      VA_TEST_MARKER: marker,
    },
    90_000,
  );
  r = report.results;
}, 120_000);

afterAll(async () => {
  await feed?.close();
  rmSync(work, { recursive: true, force: true });
});

describe('updates, logs and diagnostics in the desktop shell', () => {
  it('boots, and its only uncaught errors are the two faults the test caused', () => {
    expect(report.bootError).toBeNull();
    expect(report.errors).toEqual([
      expect.stringContaining('unhandled rejection: Error: a rejection nobody handled'),
      expect.stringContaining('uncaught: Error: thrown in a callback with'),
    ]);
  });

  it('checks the feed at start with electron-updater and downloads the newer version in the background', () => {
    expect(feed.requests).toContain('/latest-linux.yml');
    expect(feed.requests).toContain('/Voice-Assistant-0.2.0.AppImage');
    expect(report.calls.filter((c) => c.api === 'net.request').length).toBeGreaterThanOrEqual(2);
    expect(envelope(r[2])).toMatchObject({
      ok: true,
      value: { status: 'ready', version: '0.2.0', currentVersion: '0.1.0', autoCheck: true },
    });
  });

  it('offers "Restart to update" in the tray, which installs the update and quits once', async () => {
    const tray = (r[3] as { trays: { menu: { label?: string; enabled: boolean }[] }[] }).trays[0]!;
    expect(tray.menu).toContainEqual(
      expect.objectContaining({ label: 'Restart to update (0.2.0)', enabled: true }),
    );
    // electron-updater replaced the AppImage with the download and started it.
    expect(readFileSync(appImagePath)).toEqual(newAppImage);
    expect(report.spawns.map((s) => s.file)).toContain(appImagePath);
    const deadline = Date.now() + 5_000;
    while (!existsSync(marker) && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 50));
    expect(readFileSync(marker, 'utf8')).toBe('0.2.0 started\n');
    const lifecycle = report.calls.filter((c) => c.api === 'app.emit').map((c) => c.args[0]);
    expect(lifecycle.filter((e) => e === 'will-quit')).toHaveLength(1);
    expect(lifecycle.at(-1)).toBe('quit');
  });

  it('writes the log in the app’s log folder: life cycle, updater, the caught fault, and never the key', () => {
    const files = readdirSync(logFolder());
    expect(files).toContain('main.1.log');
    const text = files.map((name) => readFileSync(join(logFolder(), name), 'utf8')).join('');
    expect(text).not.toContain(seededKey);
    expect(text).not.toContain('0123456789ABCDEFGH');
    const messages = text
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { msg: string; level: string; status?: string });
    const names = messages.map((m) => m.msg);
    expect(names).toEqual(expect.arrayContaining(['app.start', 'api-key', 'updater', 'hotkeys', 'update']));
    expect(messages.filter((m) => m.msg === 'update').map((m) => m.status)).toEqual(
      expect.arrayContaining(['checking', 'downloading', 'ready']),
    );
    expect(text).toContain('thrown in a callback with [redacted]');
    expect(text).toContain('a rejection nobody handled');
    expect(messages.find((m) => m.msg.startsWith('uncaught exception'))?.level).toBe('error');
  });

  it('"Copy diagnostics" and "Open logs folder" answer from Electron', () => {
    const diagnostics = envelope(r[5]).value as { text: string; logFolder: string; copied: boolean };
    expect(diagnostics.logFolder).toBe(logFolder());
    // On the clipboard by main: the page's clipboard API would need a permission every page is denied.
    expect(diagnostics.copied).toBe(true);
    expect(report.calls.filter((c) => c.api === 'clipboard.writeText').map((c) => c.args[0])).toEqual([
      diagnostics.text,
    ]);
    expect(diagnostics.text).toContain('App: Voice Assistant 0.1.0 (electron shell)');
    expect(diagnostics.text).toContain('Updates: ready; version 0.2.0 offered; automatic checks on');
    expect(diagnostics.text).toContain('API key: set');
    expect(diagnostics.text).not.toContain(seededKey);
    expect(envelope(r[6])).toEqual({ ok: true, value: { folder: logFolder() } });
    expect(report.calls.filter((c) => c.api === 'shell.openPath').map((c) => c.args[0])).toEqual([
      logFolder(),
    ]);
  });
});
