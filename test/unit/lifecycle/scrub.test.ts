// The log's scrubber: registered secrets, secret shapes and credential fields never get through.
import { describe, expect, it } from 'vitest';
import { createScrubber, REDACTED } from '../../../src-main/core/diagnostics/scrub';

describe('the log scrubber', () => {
  it('replaces a registered secret everywhere, also JSON-escaped', () => {
    const scrubber = createScrubber();
    const secret = 'pa"ss\\word-1234';
    scrubber.add(secret);
    expect(scrubber.scrubText(`a ${secret} b ${secret}`)).toBe(`a ${REDACTED} b ${REDACTED}`);
    const line = JSON.stringify({ msg: `token ${secret}` });
    expect(scrubber.scrubText(line)).not.toContain('ss\\\\word');
    expect(JSON.parse(scrubber.scrubText(line))).toEqual({ msg: `token ${REDACTED}` });
  });

  it('ignores values too short to be secrets (replacing them would garble the log)', () => {
    const scrubber = createScrubber();
    scrubber.add('abc');
    expect(scrubber.scrubText('abc abc')).toBe('abc abc');
  });

  it('replaces a secret that contains another one whole', () => {
    const scrubber = createScrubber();
    scrubber.add('long-secret-1');
    scrubber.add('long-secret-1-and-more');
    expect(scrubber.scrubText('x long-secret-1-and-more y')).toBe(`x ${REDACTED} y`);
  });

  it('catches API key shapes it was never told about', () => {
    const { scrubText } = createScrubber();
    expect(scrubText('key sk-proj-AbCdEf0123456789_xyz end')).toBe(`key sk-${REDACTED} end`);
    expect(scrubText('ephemeral ek_68a1b2c3d4e5f6')).toBe(`ephemeral ek_${REDACTED}`);
    expect(scrubText('Authorization: Bearer abc.DEF-123_456')).toBe(`Authorization: Bearer ${REDACTED}`);
    expect(scrubText('GET https://me:hunter22@api.example.com/v1')).toBe(
      `GET https://${REDACTED}@api.example.com/v1`,
    );
    // Words that merely contain the letters stay.
    expect(scrubText('desk-lamp-12345678 and week_numbers_2026')).toBe(
      'desk-lamp-12345678 and week_numbers_2026',
    );
    // Scrubbing twice changes nothing more.
    const once = scrubText('sk-abcdefghijkl');
    expect(scrubText(once)).toBe(once);
  });

  it('drops credential fields and MCP env/header maps in structured records', () => {
    const { scrubValue } = createScrubber();
    expect(
      scrubValue({
        status: 'ready',
        Authorization: 'whatever',
        apiKey: 'x',
        nested: [{ api_key: 'y', refreshToken: 'z', password: 'p' }],
        server: { command: 'npx', env: { GITHUB_PAT: 'ghp_1', HOME: '/home/u' }, headers: { 'X-Key': 'k' } },
      }),
    ).toEqual({
      status: 'ready',
      Authorization: REDACTED,
      apiKey: REDACTED,
      nested: [{ api_key: REDACTED, refreshToken: REDACTED, password: REDACTED }],
      server: {
        command: 'npx',
        env: { GITHUB_PAT: REDACTED, HOME: REDACTED },
        headers: { 'X-Key': REDACTED },
      },
    });
  });

  it('keeps an error as its name, message and stack, scrubbed', () => {
    const scrubber = createScrubber();
    scrubber.add('sekret-value-42');
    const error = new TypeError('failed with sekret-value-42');
    const value = scrubber.scrubValue(error) as Record<string, string>;
    expect(value.type).toBe('TypeError');
    expect(value.message).toBe(`failed with ${REDACTED}`);
    expect(value.stack).not.toContain('sekret-value-42');
  });
});
