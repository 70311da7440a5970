// Keeps the tray's state in step with the core (session status, mute, profiles) and turns menu clicks
// into contract commands, so the tray goes through the same validation as the window. The shell only
// renders the model it is handed and performs the window/quit actions it gets back.
import type { ProfilesState, SessionState, UpdateState, UsageSnapshot } from '../../../src-preload/contract';
import type { Dispatcher } from '../ipc/dispatcher';
import type { EventBus } from '../ipc/event-bus';
import { trayUsageLine } from '../usage/describe';
import {
  initialTrayState,
  trayMenuModel,
  type TrayAction,
  type TrayModel,
  type TrayState,
} from './tray-model';

export type ShellTrayAction = Extract<TrayAction, { type: 'showWindow' | 'hideWindow' | 'quit' }>;

export interface TrayControllerOptions {
  events: EventBus;
  dispatcher: Dispatcher;
  render: (model: TrayModel) => void;
  shellAction: (action: ShellTrayAction) => void;
  log?: (message: string, error?: unknown) => void;
  /** Tells the user why an action they asked for failed (a screen capture refused). */
  notify?: (message: string) => void;
}

export interface TrayController {
  /** The window was shown or hidden (by the tray, the close button, a second launch…). */
  setWindowVisible(visible: boolean): void;
  perform(action: TrayAction): Promise<void>;
  state(): TrayState;
  dispose(): void;
}

export function createTrayController(options: TrayControllerOptions): TrayController {
  const log = options.log ?? (() => {});
  let state: TrayState = initialTrayState;
  let disposed = false;
  const update = (patch: Partial<TrayState>) => {
    if (disposed) return;
    state = { ...state, ...patch };
    options.render(trayMenuModel(state));
  };
  const fromSession = (session: SessionState) =>
    update({
      status: session.status,
      muted: session.muted,
      handsFree: !!session.handsFree,
      listening: !!session.listening,
    });
  const fromProfiles = (profiles: ProfilesState) =>
    update({
      profiles: profiles.profiles.map(({ id, name }) => ({ id, name })),
      activeProfileId: profiles.activeId,
    });

  const fromUsage = (usage: UsageSnapshot) => {
    const line = trayUsageLine(usage);
    if (line !== state.usage) update({ usage: line });
  };

  const fromUpdate = (next: UpdateState) =>
    update({
      update:
        next.status === 'ready' && next.version
          ? { version: next.version, restartPending: next.restartPending }
          : undefined,
    });

  const unsubscribe = [
    options.events.on('sessionState', fromSession),
    options.events.on('profilesChanged', fromProfiles),
    options.events.on('usageChanged', fromUsage),
    options.events.on('updateState', fromUpdate),
  ];
  options.render(trayMenuModel(state));

  // Catch up with what happened before the tray existed. A service that is not there yet answers with an
  // error envelope; the tray then simply keeps its defaults.
  void options.dispatcher.dispatch('getSessionState', undefined).then((reply) => {
    if (reply.ok) fromSession(reply.value);
  });
  void options.dispatcher.dispatch('listProfiles', undefined).then((reply) => {
    if (reply.ok) fromProfiles(reply.value);
  });
  void options.dispatcher.dispatch('getUsage', undefined).then((reply) => {
    if (reply.ok && reply.value) fromUsage(reply.value);
  });
  void options.dispatcher.dispatch('getUpdateState', undefined).then((reply) => {
    if (reply.ok && reply.value) fromUpdate(reply.value);
  });

  const command = async (
    name: 'setActiveProfile' | 'setMuted' | 'setListening' | 'restartToUpdate' | 'captureScreen',
    payload: unknown,
  ) => {
    const reply = await options.dispatcher.dispatch(name, payload);
    if (reply.ok) return;
    log(`tray: ${name} failed: ${reply.error.message}`);
    if (name === 'captureScreen') options.notify?.(reply.error.message);
  };

  return {
    setWindowVisible: (visible) => {
      if (visible !== state.windowVisible) update({ windowVisible: visible });
    },
    perform: async (action) => {
      switch (action.type) {
        case 'selectProfile':
          return command('setActiveProfile', { id: action.id });
        case 'setMuted':
          return command('setMuted', { muted: action.muted });
        case 'setListening':
          return command('setListening', { on: action.on });
        case 'restartToUpdate':
          return command('restartToUpdate', undefined);
        case 'captureScreen':
          return command('captureScreen', undefined);
        default:
          options.shellAction(action);
      }
    },
    state: () => state,
    dispose: () => {
      disposed = true;
      for (const off of unsubscribe) off();
    },
  };
}
