// Command-line switches the hotkey feature owns. `<app> --toggle-talk` on a running single-instance app
// toggles talking (second-instance → core.hotkeys.toggleTalk); the headless shell takes `--hotkey ACCEL`.

export const TOGGLE_TALK_FLAG = '--toggle-talk';

/** True when a launch asked to toggle talking. Chromium may append its own switches, so search, don't index. */
export function wantsToggleTalk(argv: readonly string[]): boolean {
  return argv.includes(TOGGLE_TALK_FLAG);
}

/** `--hotkey F9` or `--hotkey=F9`; undefined when absent. Throws when the flag has no value. */
export function hotkeyArg(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg.startsWith('--hotkey=')) return requireValue(arg.slice('--hotkey='.length));
    if (arg === '--hotkey') return requireValue(argv[i + 1]);
  }
  return undefined;
}

function requireValue(value: string | undefined): string {
  if (!value || value.startsWith('--'))
    throw new Error('--hotkey needs an accelerator, e.g. --hotkey F9 or --hotkey RightCtrl');
  return value;
}
