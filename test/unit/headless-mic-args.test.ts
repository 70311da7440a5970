// The headless shell's --mic-ready and --preroll-ms: checked with the settings' own schema (same values and
// limits as the window), and handed to the core as those settings.
import { describe, expect, it } from 'vitest';
import { parseHeadlessArgs, UsageError } from '../../src-main/shell-headless/realtime/args';

const parse = (...extra: string[]) => parseHeadlessArgs(['--input', 'a.wav', ...extra], {});

describe('headless --mic-ready / --preroll-ms', () => {
  it('unset: the settings keep their defaults', () => {
    expect(parse()).toMatchObject({ micReady: undefined, prerollMs: undefined });
  });

  it('takes the three modes and a pre-roll from 0 to 1000 ms', () => {
    expect(parse('--mic-ready', 'always', '--preroll-ms', '0')).toMatchObject({
      micReady: 'always',
      prerollMs: 0,
    });
    expect(parse('--mic-ready', 'on-demand', '--preroll-ms', '1000')).toMatchObject({
      micReady: 'on-demand',
      prerollMs: 1000,
    });
  });

  it.each([
    [['--mic-ready', 'sometimes'], '--mic-ready must be on-demand, warm or always'],
    [['--preroll-ms', '1001'], '--preroll-ms must be a whole number of milliseconds from 0 to 1000'],
    [['--preroll-ms=-1'], '--preroll-ms must be a whole number of milliseconds from 0 to 1000'],
    [['--preroll-ms', '2.5'], '--preroll-ms must be a whole number of milliseconds from 0 to 1000'],
    [['--preroll-ms', 'lots'], '--preroll-ms must be a whole number of milliseconds from 0 to 1000'],
  ])('refuses %j', (args, message) => {
    expect(() => parse(...args)).toThrow(new UsageError(message));
  });
});
