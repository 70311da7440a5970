// The headless shell's --hands-free and --echo-cancel: hands-free needs a microphone and listens by itself
// (no timed turns, no hotkey); the echo mode is checked with the settings' own schema.
import { describe, expect, it } from 'vitest';
import { parseHeadlessArgs, UsageError } from '../../src-main/shell-headless/realtime/args';

const parse = (...args: string[]) => parseHeadlessArgs(args, {});

describe('headless --hands-free / --echo-cancel', () => {
  it('listens on a device for K answers, the echo mode as given (unset: the setting stays)', () => {
    expect(
      parse('--input-device', 'mic', '--output-device', 'spk', '--hands-free', '--turns', '3'),
    ).toMatchObject({ handsFree: true, turns: 3, echoCancel: undefined, pttSeconds: undefined });
    for (const mode of ['on', 'half-duplex', 'off'])
      expect(parse('--input-device', 'mic', '--hands-free', '--echo-cancel', mode).echoCancel).toBe(mode);
    expect(parse('--input', 'a.wav').handsFree).toBe(false);
  });

  it.each([
    [['--input', 'a.wav', '--hands-free'], '--hands-free needs --input-device (a microphone)'],
    [
      ['--input-device', 'mic', '--hands-free', '--ptt-seconds', '2'],
      '--hands-free listens by itself: leave out --ptt-seconds and --hotkey',
    ],
    [['--input-device', 'mic'], '--input-device needs --ptt-seconds N, --hotkey ACCEL or --hands-free'],
    [
      ['--input-device', 'mic', '--hands-free', '--echo-cancel', 'maybe'],
      '--echo-cancel must be on, half-duplex or off',
    ],
  ])('refuses %j', (args, message) => {
    expect(() => parse(...args)).toThrow(new UsageError(message));
  });
});
