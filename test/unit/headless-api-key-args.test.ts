// How the headless command line takes the API key: the environment or a file, --api-key only with a warning,
// and never on the re-spawned child's command line.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { argvWithoutKey, parseHeadlessArgs, UsageError } from '../../src-main/shell-headless/realtime/args';

const dir = mkdtempSync(join(tmpdir(), 'api-key-args-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const turn = ['--input', 'a.wav'];

describe('headless API key options', () => {
  it('takes OPENAI_API_KEY without a warning', () => {
    const args = parseHeadlessArgs(turn, { OPENAI_API_KEY: 'sk-env' });
    expect(args).toMatchObject({ apiKey: 'sk-env', warnings: [] });
  });

  it('reads --api-key-file (its first line, trimmed), which wins over the environment', () => {
    const file = join(dir, 'key');
    writeFileSync(file, '  sk-from-file  \nsecond line\n', { mode: 0o600 });
    expect(parseHeadlessArgs([...turn, '--api-key-file', file], { OPENAI_API_KEY: 'sk-env' })).toMatchObject({
      apiKey: 'sk-from-file',
      warnings: [],
    });
  });

  it('refuses a missing or empty key file, and both key options at once', () => {
    expect(() => parseHeadlessArgs([...turn, '--api-key-file', join(dir, 'none')], {})).toThrow(
      /--api-key-file: cannot read .*ENOENT/,
    );
    const empty = join(dir, 'empty');
    writeFileSync(empty, '\n');
    expect(() => parseHeadlessArgs([...turn, '--api-key-file', empty], {})).toThrow(/is empty/);
    expect(() => parseHeadlessArgs([...turn, '--api-key', 'sk-a', '--api-key-file', empty], {})).toThrow(
      UsageError,
    );
  });

  it('still takes --api-key, with a warning that it is visible in the process list', () => {
    const args = parseHeadlessArgs([...turn, '--api-key', 'sk-argv'], { OPENAI_API_KEY: 'sk-env' });
    expect(args.apiKey).toBe('sk-argv');
    expect(args.warnings).toEqual([expect.stringMatching(/process list.*OPENAI_API_KEY or --api-key-file/)]);
  });

  it("the child's command line keeps every option but the key, in either spelling", () => {
    expect(
      argvWithoutKey([
        '--input-device',
        'mic',
        '--api-key',
        'sk-secret-1',
        '--ptt-seconds',
        '1',
        '--api-key=sk-secret-2',
        '--api-key-file',
        '/run/key',
        '--output',
        'x.wav',
      ]),
    ).toEqual(['--input-device', 'mic', '--ptt-seconds', '1', '--output', 'x.wav']);
    // A value that merely looks like the option is a value, not the option.
    expect(argvWithoutKey(['--model=--api-key', '--input', 'a.wav'])).toEqual([
      '--model=--api-key',
      '--input',
      'a.wav',
    ]);
  });
});
