// The update decisions, as plain functions: when to look for a new version, whether the one offered is
// newer, and whether it may be installed now. The Electron shell's updater (electron-updater) only fetches,
// downloads and installs; what it is asked to do is decided here, and tested here without Electron.
import semver from 'semver';
import { z } from 'zod';
import type { SessionStatus } from '../../../src-preload/contract';

/** The first check waits this long after start, so it never competes with the app coming up. */
export const FIRST_CHECK_DELAY_MS = 10_000;
export const CHECK_INTERVAL_MS = 24 * 60 * 60 * 1000;
/** After a failed check (offline at start, the server down), the next try comes sooner than a day. */
export const RETRY_AFTER_FAILURE_MS = 60 * 60 * 1000;

/**
 * What the update feed offers: the top of electron-builder's `latest*.yml` (electron-updater's UpdateInfo
 * has the same fields). Only the version decides; the rest is for the user.
 */
export const offeredUpdateSchema = z.object({
  version: z.string().min(1),
  releaseDate: z.string().optional(),
});
export type OfferedUpdate = z.infer<typeof offeredUpdateSchema>;

export type OfferVerdict =
  | { kind: 'newer'; version: string; releaseDate?: string }
  | { kind: 'not-newer'; version: string }
  | { kind: 'invalid'; reason: string };

/**
 * Newer by SemVer precedence (build metadata ignored). A pre-release is offered only to a pre-release: people
 * on a stable version stay on stable versions (electron-updater's default, `allowPrerelease`).
 */
export function isNewerVersion(offered: string, current: string): boolean {
  const next = semver.parse(offered);
  const now = semver.parse(current);
  if (!next || !now) return false;
  if (next.prerelease.length > 0 && now.prerelease.length === 0) return false;
  return semver.gt(next, now);
}

/** What to do with what the feed answered (unknown: it came from the network). */
export function judgeOffer(offer: unknown, currentVersion: string): OfferVerdict {
  const parsed = offeredUpdateSchema.safeParse(offer);
  if (!parsed.success) return { kind: 'invalid', reason: 'the update feed did not name a version' };
  const { version, releaseDate } = parsed.data;
  if (!semver.valid(version))
    return { kind: 'invalid', reason: `the update feed names "${version.slice(0, 60)}", not a version` };
  if (!isNewerVersion(version, currentVersion)) return { kind: 'not-newer', version };
  return { kind: 'newer', version, ...(releaseDate ? { releaseDate } : {}) };
}

/**
 * Milliseconds until the next automatic check: soon after start, then daily; sooner again after a check
 * that got no answer.
 */
export function nextCheckDelay(last: { at: number; failed: boolean } | undefined, now: number): number {
  if (!last) return FIRST_CHECK_DELAY_MS;
  return Math.max(0, last.at + (last.failed ? RETRY_AFTER_FAILURE_MS : CHECK_INTERVAL_MS) - now);
}

/**
 * A turn is under way: the microphone opening or listening, the assistant thinking or speaking, or the
 * session connecting for one. Between turns, or with no session, nothing is.
 */
export function turnInProgress(status: SessionStatus): boolean {
  return !(status === 'disconnected' || status === 'ready' || status === 'error');
}

/** Installing quits the app: never in the middle of a turn. */
export function mayInstallNow(status: SessionStatus): boolean {
  return !turnInProgress(status);
}
