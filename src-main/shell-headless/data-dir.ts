// Where the headless shells keep settings, profiles and history: `--data-dir=PATH`, else
// $VOICE_ASSISTANT_DATA_DIR, else a per-user folder apart from the desktop app's (so a dev run never
// rewrites the installed app's files).
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export function headlessDataDir(argv: readonly string[], env: NodeJS.ProcessEnv): string {
  const arg = argv.find((a) => a.startsWith('--data-dir='));
  if (arg) return resolve(arg.slice('--data-dir='.length));
  if (env.VOICE_ASSISTANT_DATA_DIR) return resolve(env.VOICE_ASSISTANT_DATA_DIR);
  const base =
    process.platform === 'win32'
      ? (env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'))
      : process.platform === 'darwin'
        ? join(homedir(), 'Library', 'Application Support')
        : (env.XDG_CONFIG_HOME ?? join(homedir(), '.config'));
  return join(base, 'voice-assistant-headless');
}
