// The core's update decisions against a real HTTP update feed on 127.0.0.1 (latest-linux.yml generated
// here, the file it names with its sha512): when the app asks, what it makes of the answer, the background
// download, and when "Restart to update" may install. The backend reads the feed as electron-updater's
// generic provider does; timers are driven by hand so "daily" takes no day.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SessionStatus, UpdateState } from '../../src-preload/contract';
import { createEventBus } from '../../src-main/core/ipc/event-bus';
import {
  CHECK_INTERVAL_MS,
  FIRST_CHECK_DELAY_MS,
  RETRY_AFTER_FAILURE_MS,
} from '../../src-main/core/updates/update-policy';
import { createUpdateService, type UpdateService } from '../../src-main/core/updates/update-service';
import { feedBackend, type FeedBackend } from '../support/updates/feed-backend';
import { startUpdateFeed, type UpdateFeed } from '../support/updates/update-feed';

const appImage = (version: string) =>
  Buffer.from(`#!/bin/sh\necho "Voice Assistant ${version}"\n${'x'.repeat(200_000)}`);

let feed: UpdateFeed;
let backend: FeedBackend;
let service: UpdateService | undefined;
let states: UpdateState[];
let timers: { ms: number; run: () => void; cancelled: boolean }[];
let status: SessionStatus;
let autoCheck: boolean;

beforeEach(async () => {
  feed = await startUpdateFeed({ version: '0.2.0', file: appImage('0.2.0') });
  backend = feedBackend(feed.url);
  states = [];
  timers = [];
  status = 'ready';
  autoCheck = true;
});
afterEach(async () => {
  service?.dispose();
  service = undefined;
  await feed.close();
});

function start(currentVersion = '0.1.0') {
  const events = createEventBus();
  events.on('updateState', (state) => void states.push(state));
  service = createUpdateService({
    events,
    currentVersion,
    backend,
    autoCheck: () => autoCheck,
    sessionStatus: () => status,
    // A clock that stands still: the delays asked for are exact (time passes only through `fire`).
    now: () => Date.parse('2026-12-05T08:00:00.000Z'),
    timer: (run, ms) => {
      const timer = { ms, run, cancelled: false };
      timers.push(timer);
      return () => void (timer.cancelled = true);
    },
  });
  service.start();
  return service;
}

const pending = () => timers.filter((t) => !t.cancelled);
/** Fires the one pending timer (the next automatic check), after checking how far away it was. */
function fire(expectedMs: number) {
  const [timer, ...others] = pending();
  expect(others).toEqual([]);
  expect(timer?.ms).toBe(expectedMs);
  timer!.cancelled = true;
  timer!.run();
}
const until = async (what: () => boolean, label: string) => {
  const deadline = Date.now() + 10_000;
  while (!what()) {
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${label}: ${JSON.stringify(states.at(-1))}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};
const last = () => service!.state();
const ymlRequests = () => feed.requests.filter((path) => path === '/latest-linux.yml').length;

describe('updates against a local feed', () => {
  it('checks soon after start, downloads a newer version in the background, and is ready to restart', async () => {
    start();
    expect(ymlRequests()).toBe(0);
    fire(FIRST_CHECK_DELAY_MS);
    await until(() => last().status === 'ready', 'ready');
    expect(backend.downloaded?.equals(appImage('0.2.0'))).toBe(true);
    expect(states.map((s) => s.status)).toEqual(expect.arrayContaining(['checking', 'downloading', 'ready']));
    const progress = states.filter((s) => s.status === 'downloading').map((s) => s.progress);
    expect(progress[0]).toBe(0);
    expect(progress.at(-1)).toBe(100);
    expect(last()).toMatchObject({ version: '0.2.0', currentVersion: '0.1.0', restartPending: false });
    expect(last().checkedAt).toMatch(/^\d{4}-/);
    // A version is downloaded: no further checks until it is installed.
    expect(pending()).toEqual([]);
    expect(backend.installs).toBe(0);
  });

  it('never installs in the middle of a turn: "Restart to update" waits until it ends', async () => {
    start();
    fire(FIRST_CHECK_DELAY_MS);
    await until(() => last().status === 'ready', 'ready');
    for (const during of ['opening', 'listening', 'thinking', 'speaking', 'connecting'] as const) {
      status = during;
      expect(service!.restart()).toMatchObject({ status: 'ready', restartPending: true });
      service!.sessionChanged(during);
      expect(backend.installs).toBe(0);
    }
    status = 'ready';
    service!.sessionChanged('ready');
    expect(backend.installs).toBe(1);
    expect(last().restartPending).toBe(false);
    // Between turns it installs at once.
    service!.restart();
    expect(backend.installs).toBe(2);
  });

  it('with nothing newer says so and asks again a day later', async () => {
    feed.release({ version: '0.1.0', file: appImage('0.1.0') });
    start();
    fire(FIRST_CHECK_DELAY_MS);
    await until(() => last().status === 'up-to-date', 'up to date');
    expect(feed.requests).toEqual(['/latest-linux.yml']);
    await until(() => pending().length === 1, 'the next check');
    feed.release({ version: '0.3.0', file: appImage('0.3.0') });
    fire(CHECK_INTERVAL_MS);
    await until(() => last().status === 'ready', 'ready');
    expect(last().version).toBe('0.3.0');
    expect(ymlRequests()).toBe(2);
  });

  it('offers a stable user no pre-release, and never a downgrade', async () => {
    feed.release({ version: '0.3.0-beta.1', file: appImage('0.3.0-beta.1') });
    start('0.2.0');
    fire(FIRST_CHECK_DELAY_MS);
    await until(() => last().status === 'up-to-date', 'up to date');
    await until(() => pending().length === 1, 'the next check');
    feed.release({ version: '0.1.0', file: appImage('0.1.0') });
    fire(CHECK_INTERVAL_MS);
    await until(() => ymlRequests() === 2 && last().status === 'up-to-date', 'up to date again');
    expect(feed.requests.filter((p) => p.endsWith('.AppImage'))).toEqual([]);
  });

  it('with automatic checks off asks nothing until the user does, and resumes when they are on again', async () => {
    autoCheck = false;
    start();
    expect(pending()).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(feed.requests).toEqual([]);
    feed.release({ version: '0.1.0', file: appImage('0.1.0') });
    const state = await service!.checkNow();
    expect(state.status).toBe('up-to-date');
    expect(feed.requests).toEqual(['/latest-linux.yml']);
    expect(pending()).toEqual([]);
    autoCheck = true;
    service!.setAutoCheck(true);
    fire(CHECK_INTERVAL_MS);
    await until(() => ymlRequests() === 2, 'the resumed check');
    autoCheck = false;
    service!.setAutoCheck(false);
    expect(pending()).toEqual([]);
    expect(last().autoCheck).toBe(false);
  });

  it('a server that fails is reported and asked again within the hour', async () => {
    feed.failWith(500);
    start();
    fire(FIRST_CHECK_DELAY_MS);
    await until(() => last().status === 'error', 'error');
    expect(last().message).toMatch(/Could not check for updates: HTTP 500/);
    await until(() => pending().length === 1, 'the retry');
    feed.failWith(undefined);
    fire(RETRY_AFTER_FAILURE_MS);
    await until(() => last().status === 'ready', 'ready');
  });

  it('a download that fails its checksum is not offered for install', async () => {
    feed.corruptFile(true);
    start();
    fire(FIRST_CHECK_DELAY_MS);
    await until(() => last().status === 'error', 'error');
    expect(last().message).toMatch(/download of 0.2.0 failed: sha512 checksum mismatch/);
    expect(last().version).toBeUndefined();
    expect(() => service!.restart()).toThrow(/No update is ready/);
    expect(backend.installs).toBe(0);
  });

  it('a feed that names no usable version is an error, not an update', async () => {
    feed.serveYml('<html><body>Not a feed</body></html>');
    start();
    fire(FIRST_CHECK_DELAY_MS);
    await until(() => last().status === 'error', 'error');
    expect(last().message).toMatch(/update feed is not usable/);
    feed.serveYml('version: tomorrow\nfiles: []\n');
    await service!.checkNow();
    expect(last()).toMatchObject({
      status: 'error',
      message: expect.stringMatching(/"tomorrow", not a version/),
    });
    expect(feed.requests.filter((p) => p.endsWith('.AppImage'))).toEqual([]);
  });
});
