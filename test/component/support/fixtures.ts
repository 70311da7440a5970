// Plausible contract values for the component tests.
import type { Profile, ProfilesState, Settings, TranscriptItem } from '../../../src-preload/contract';

export const settings: Settings = {
  baseUrl: 'https://api.openai.com/v1',
  defaultModel: 'gpt-realtime',
  inputDevice: null,
  outputDevice: null,
  hotkeys: { pushToTalk: 'RightCtrl', nextProfile: null, captureScreen: null, profiles: {} },
  pttMode: 'hold',
  hotkeyBackend: 'auto',
  pttSafetyTimeoutMs: 120_000,
  micReady: 'warm',
  prerollMs: 300,
  earcons: true,
  startAtLogin: false,
  closeToTray: true,
  preconfiguredSession: false,
  theme: 'system',
  imageDetail: 'auto',
  echoCancel: 'on',
};

export function profile(id: string, name: string, session: Partial<Profile['session']> = {}): Profile {
  return {
    id,
    name,
    model: '',
    builtIn: false,
    updatedAt: '2026-01-01T00:00:00.000Z',
    session: {
      type: 'realtime',
      instructions: 'Be brief.',
      audio: { output: { voice: 'marin', speed: 1 }, input: { turn_detection: null } },
      ...session,
    },
  };
}

export const profilesState: ProfilesState = {
  profiles: [profile('p1', 'Assistant'), profile('p2', 'Translator')],
  activeId: 'p1',
};

let counter = 0;
export function item(
  role: TranscriptItem['role'],
  text: string,
  extra: Partial<TranscriptItem> = {},
): TranscriptItem {
  counter += 1;
  return {
    id: `item_${counter}`,
    conversationId: 'conv_1',
    role,
    text,
    final: true,
    at: '2026-01-01T10:00:00.000Z',
    ...extra,
  };
}
