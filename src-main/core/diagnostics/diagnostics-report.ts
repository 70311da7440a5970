// "Copy diagnostics": one plain-text report for a bug report — versions, OS, audio backends and devices,
// the hotkey backend, settings (there is no secret in them; the API key lives apart and only its status is
// shown), and the newest log lines. The caller passes the whole text through the log's scrubber.
import type {
  ApiKeyStatus,
  AppInfo,
  AudioDeviceListInfo,
  HotkeyStatus,
  LifecycleSettings,
  SessionState,
  Settings,
  UpdateState,
} from '../../../src-preload/contract';

export const DIAGNOSTICS_LOG_LINES = 200;

export interface DiagnosticsFacts {
  at: Date;
  app: AppInfo;
  /** process.versions: node, v8, and electron and chrome in the desktop app. */
  versions: Partial<Record<string, string>>;
  os: { type: string; release: string; platform: string; arch: string };
  session: SessionState;
  apiKey: ApiKeyStatus;
  update: UpdateState;
  /** The devices PortAudio sees, or why they could not be listed. */
  audio: AudioDeviceListInfo | { error: string };
  /** The conversation's microphone and speaker are the shell's own (WAV files, a test double). */
  shellAudio: boolean;
  hotkeys: HotkeyStatus;
  settings: Settings;
  lifecycle: LifecycleSettings;
  log: { folder: string | null; lines: string[] };
}

const yesNo = (value: boolean | null) => (value === null ? 'not tested' : value ? 'yes' : 'no');

function audioLines(facts: DiagnosticsFacts): string[] {
  const lines: string[] = [];
  if ('error' in facts.audio) {
    lines.push(`Audio: PortAudio devices could not be listed: ${facts.audio.error}`);
  } else {
    const { inputs, outputs } = facts.audio;
    const hostApis = [...new Set([...inputs, ...outputs].map((d) => d.hostApi))];
    lines.push(`Audio: PortAudio, host APIs: ${hostApis.join(', ') || 'none'}`);
    const device = (d: AudioDeviceListInfo['inputs'][number]) =>
      `    ${d.name} — ${d.hostApi}, ${d.defaultSampleRate} Hz, ${d.channels} ch${d.isDefault ? ' (default)' : ''}`;
    lines.push(`  Microphones (${inputs.length}):`, ...inputs.map(device));
    lines.push(`  Speakers (${outputs.length}):`, ...outputs.map(device));
  }
  lines.push(
    `  Selected: microphone ${facts.settings.inputDevice ?? 'system default'}, speaker ${facts.settings.outputDevice ?? 'system default'}`,
  );
  if (facts.shellAudio) lines.push('  The conversation uses the shell’s own audio (files or a test device).');
  return lines;
}

export function diagnosticsText(facts: DiagnosticsFacts): string {
  const { app, versions, os, session, apiKey, update, hotkeys } = facts;
  const versionList = ['electron', 'chrome', 'node', 'v8']
    .filter((name) => versions[name])
    .map((name) => `${name} ${versions[name]}`)
    .join(', ');
  const updateLine = [
    `Updates: ${update.status}`,
    update.version ? `version ${update.version} offered` : undefined,
    `automatic checks ${update.autoCheck ? 'on' : 'off'}`,
    update.checkedAt ? `last checked ${update.checkedAt}` : undefined,
    update.message,
  ]
    .filter(Boolean)
    .join('; ');
  const lines = [
    `${app.name} diagnostics — ${facts.at.toISOString()}`,
    '',
    `App: ${app.name} ${app.version} (${app.shell} shell)`,
    `Versions: ${versionList}`,
    `OS: ${os.type} ${os.release} (${os.platform} ${os.arch})`,
    `Session: ${session.status}${session.message ? ` — ${session.message}` : ''}${session.muted ? ' (muted)' : ''}`,
    `API key: ${apiKey.set ? 'set' : 'not set'}, works: ${yesNo(apiKey.works)}, kept in: ${apiKey.storage}`,
    updateLine,
    ...audioLines(facts),
    `Hotkeys: ${hotkeys.backend} (asked for ${hotkeys.requestedBackend}), mode ${hotkeys.mode}` +
      (hotkeys.mode !== hotkeys.requestedMode ? ` (asked for ${hotkeys.requestedMode})` : '') +
      (hotkeys.fallbackMessage ? `; ${hotkeys.fallbackMessage}` : ''),
    ...Object.entries(hotkeys.fieldErrors).map(([field, errors]) => `  ${field}: ${errors.join('; ')}`),
    '',
    'Settings:',
    JSON.stringify(facts.settings, null, 2),
    'Life-cycle settings:',
    JSON.stringify(facts.lifecycle, null, 2),
    '',
    facts.log.folder
      ? `Last ${facts.log.lines.length} log lines (log folder: ${facts.log.folder}):`
      : `Last ${facts.log.lines.length} log lines (this run writes no log file):`,
    ...facts.log.lines,
  ];
  return `${lines.join('\n')}\n`;
}
