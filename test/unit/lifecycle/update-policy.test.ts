// The update decisions: which version is newer, when to check, when installing may quit the app.
import { describe, expect, it } from 'vitest';
import {
  CHECK_INTERVAL_MS,
  FIRST_CHECK_DELAY_MS,
  isNewerVersion,
  judgeOffer,
  mayInstallNow,
  nextCheckDelay,
  RETRY_AFTER_FAILURE_MS,
} from '../../../src-main/core/updates/update-policy';
import { sessionStatusSchema } from '../../../src-preload/contract';

describe('update decisions', () => {
  it.each([
    ['0.2.0', '0.1.0', true],
    ['0.1.1', '0.1.0', true],
    ['1.0.0', '0.9.9', true],
    ['0.10.0', '0.9.0', true], // numeric, not text, order
    ['0.1.0', '0.1.0', false],
    ['0.0.9', '0.1.0', false], // never a downgrade
    ['0.1.0+build.7', '0.1.0', false], // build metadata does not make a version newer
    ['0.2.0-beta.1', '0.1.0', false], // stable users are not offered pre-releases
    ['0.2.0-beta.2', '0.2.0-beta.1', true],
    ['0.2.0', '0.2.0-beta.1', true],
    ['0.2.0-beta.1', '0.2.0', false],
    ['v0.2.0', '0.1.0', true], // a tag-style "v" is what electron-builder writes in some feeds
    ['not a version', '0.1.0', false],
  ])('%s offered to %s: newer = %s', (offered, current, newer) => {
    expect(isNewerVersion(offered, current)).toBe(newer);
  });

  it('judges what the feed answered, whatever it is', () => {
    expect(judgeOffer({ version: '0.2.0', releaseDate: '2026-12-01T00:00:00.000Z' }, '0.1.0')).toEqual({
      kind: 'newer',
      version: '0.2.0',
      releaseDate: '2026-12-01T00:00:00.000Z',
    });
    expect(judgeOffer({ version: '0.1.0' }, '0.1.0')).toEqual({ kind: 'not-newer', version: '0.1.0' });
    expect(judgeOffer({ version: 'latest' }, '0.1.0')).toMatchObject({ kind: 'invalid' });
    expect(judgeOffer({ files: [] }, '0.1.0')).toMatchObject({ kind: 'invalid' });
    expect(judgeOffer('<html>404</html>', '0.1.0')).toMatchObject({ kind: 'invalid' });
    expect(judgeOffer(null, '0.1.0')).toMatchObject({ kind: 'invalid' });
  });

  it('checks soon after start, then daily, and sooner after a check that failed', () => {
    const now = 1_000_000_000;
    expect(nextCheckDelay(undefined, now)).toBe(FIRST_CHECK_DELAY_MS);
    expect(nextCheckDelay({ at: now, failed: false }, now)).toBe(CHECK_INTERVAL_MS);
    expect(nextCheckDelay({ at: now - 1_000, failed: false }, now)).toBe(CHECK_INTERVAL_MS - 1_000);
    expect(nextCheckDelay({ at: now, failed: true }, now)).toBe(RETRY_AFTER_FAILURE_MS);
    // A machine that slept through the due time checks at once.
    expect(nextCheckDelay({ at: now - 3 * CHECK_INTERVAL_MS, failed: false }, now)).toBe(0);
  });

  it('installs only between turns', () => {
    const allowed = sessionStatusSchema.options.filter((status) => mayInstallNow(status));
    expect(allowed.sort()).toEqual(['disconnected', 'error', 'ready']);
  });
});
