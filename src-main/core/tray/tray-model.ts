// The tray as data: what the icon shows and what the menu offers, computed from plain state. The Electron
// shell maps this to Tray/Menu one to one; every decision (labels, order, what is enabled) is made here.
import type { SessionStatus } from '../../../src-preload/contract';

export type TrayActivity = 'idle' | 'listening' | 'speaking';

export interface TrayProfile {
  id: string;
  name: string;
}

export interface TrayState {
  status: SessionStatus;
  muted: boolean;
  /** The active profile listens hands-free (VAD), and whether it listens now. */
  handsFree?: boolean;
  listening?: boolean;
  windowVisible: boolean;
  profiles: TrayProfile[];
  activeProfileId: string | undefined;
  /** What was spent today and this month (core/usage/describe.ts); absent: nothing to say. */
  usage?: string;
  /** A downloaded update: its version, and whether its restart waits for the turn to end. */
  update?: { version: string; restartPending: boolean };
}

/** What a menu click asks for. Core performs profile/mute through the contract; the shell does the rest. */
export type TrayAction =
  | { type: 'selectProfile'; id: string }
  | { type: 'setMuted'; muted: boolean }
  | { type: 'captureScreen' }
  | { type: 'setListening'; on: boolean }
  | { type: 'showWindow' }
  | { type: 'hideWindow' }
  | { type: 'restartToUpdate' }
  | { type: 'quit' };

export type TrayMenuItem =
  | { kind: 'item'; label: string; action: TrayAction; enabled: boolean }
  | { kind: 'checkbox'; label: string; checked: boolean; action: TrayAction }
  | { kind: 'radio'; label: string; checked: boolean; action: TrayAction }
  | { kind: 'submenu'; label: string; items: TrayMenuItem[]; enabled: boolean }
  | { kind: 'separator' }
  | { kind: 'label'; label: string };

export interface TrayModel {
  activity: TrayActivity;
  tooltip: string;
  menu: TrayMenuItem[];
}

export const initialTrayState: TrayState = {
  status: 'disconnected',
  muted: false,
  windowVisible: false,
  profiles: [],
  activeProfileId: undefined,
};

/** Three icon states: the microphone is open, the assistant is talking, or neither. */
export function trayActivity(status: SessionStatus): TrayActivity {
  if (status === 'listening') return 'listening';
  if (status === 'speaking') return 'speaking';
  return 'idle';
}

const statusText: Record<SessionStatus, string> = {
  disconnected: 'Not connected',
  connecting: 'Connecting…',
  ready: 'Ready',
  opening: 'Opening microphone…',
  listening: 'Listening…',
  hearing: 'Hearing you…',
  thinking: 'Thinking…',
  speaking: 'Speaking…',
  error: 'Error',
};

/** "Restart to update" once an update is downloaded; while a turn goes on, what will happen instead. */
function updateItems(update: TrayState['update']): TrayMenuItem[] {
  if (!update) return [];
  return update.restartPending
    ? [{ kind: 'label', label: `Update to ${update.version}: restarts when this turn ends` }]
    : [
        {
          kind: 'item',
          label: `Restart to update (${update.version})`,
          action: { type: 'restartToUpdate' },
          enabled: true,
        },
      ];
}

export function trayMenuModel(state: TrayState): TrayModel {
  const active = state.profiles.find((profile) => profile.id === state.activeProfileId);
  const status = `${statusText[state.status]}${state.muted ? ' (muted)' : ''}`;
  return {
    activity: trayActivity(state.status),
    tooltip: `Voice Assistant — ${status}${active ? ` — ${active.name}` : ''}${state.usage ? `\n${state.usage}` : ''}`,
    menu: [
      { kind: 'label', label: status },
      ...updateItems(state.update),
      { kind: 'separator' },
      {
        kind: 'submenu',
        label: active ? `Profile: ${active.name}` : 'Profile',
        enabled: state.profiles.length > 0,
        items: state.profiles.map((profile) => ({
          kind: 'radio',
          label: profile.name,
          checked: profile.id === state.activeProfileId,
          action: { type: 'selectProfile', id: profile.id },
        })),
      },
      // Hands-free profiles: listening on or off from the tray too.
      ...(state.handsFree
        ? [
            {
              kind: 'checkbox',
              label: 'Listen (hands-free)',
              checked: !!state.listening,
              action: { type: 'setListening', on: !state.listening },
            } satisfies TrayMenuItem,
          ]
        : []),
      {
        kind: 'checkbox',
        label: 'Mute microphone',
        checked: state.muted,
        action: { type: 'setMuted', muted: !state.muted },
      },
      // Captures the screen under the pointer for the next turn (only ever on this explicit click).
      { kind: 'item', label: 'Talk about my screen', action: { type: 'captureScreen' }, enabled: true },
      { kind: 'separator' },
      state.windowVisible
        ? { kind: 'item', label: 'Hide window', action: { type: 'hideWindow' }, enabled: true }
        : { kind: 'item', label: 'Show window', action: { type: 'showWindow' }, enabled: true },
      { kind: 'separator' },
      { kind: 'item', label: 'Quit Voice Assistant', action: { type: 'quit' }, enabled: true },
    ],
  };
}

/**
 * File name in resources/tray/ for an activity. macOS gets black "Template" images that the menu bar
 * recolours for light and dark mode; elsewhere the coloured ones. Electron adds @2x itself.
 */
export function trayIconFile(activity: TrayActivity, platform: NodeJS.Platform): string {
  return platform === 'darwin' ? `${activity}Template.png` : `${activity}.png`;
}
