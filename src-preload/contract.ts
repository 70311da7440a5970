// The one IPC contract: every command (renderer → main) and event (main → renderer), declared as data.
// The preload bridge, the main-side binding, the WebSocket transport and the renderer client are all
// derived from these two objects; a channel name is never written anywhere else.
import type { z } from 'zod';
import { appCommands, appEvents } from './contract/app';
import { settingsCommands, settingsEvents } from './contract/settings';
import { profileCommands, profileEvents } from './contract/profiles';
import { sessionCommands, sessionEvents } from './contract/session';
import { historyCommands, historyEvents } from './contract/history';
import { hotkeyCommands, hotkeyEvents } from './contract/hotkeys';
import { audioCommands, audioEvents } from './contract/audio';
import { usageCommands, usageEvents } from './contract/usage';
import { lifecycleCommands, lifecycleEvents } from './contract/lifecycle';
import { mcpCommands, mcpEvents } from './contract/mcp';
import { imageCommands, imageEvents } from './contract/images';
import type { CommandSpec, Envelope } from './contract/define';

export * from './contract/define';
export * from './contract/app';
export * from './contract/settings';
export * from './contract/session-config';
export * from './contract/profiles';
export * from './contract/session';
export * from './contract/history';
export * from './contract/hotkeys';
export * from './contract/audio';
export * from './contract/usage';
export * from './contract/lifecycle';
export * from './contract/mcp';
export * from './contract/images';

export const commands = {
  ...appCommands,
  ...settingsCommands,
  ...profileCommands,
  ...sessionCommands,
  ...historyCommands,
  ...hotkeyCommands,
  ...audioCommands,
  ...usageCommands,
  ...lifecycleCommands,
  ...mcpCommands,
  ...imageCommands,
} satisfies Record<string, CommandSpec>;

export const events = {
  ...appEvents,
  ...settingsEvents,
  ...profileEvents,
  ...sessionEvents,
  ...historyEvents,
  ...hotkeyEvents,
  ...audioEvents,
  ...usageEvents,
  ...lifecycleEvents,
  ...mcpEvents,
  ...imageEvents,
} satisfies Record<string, z.ZodType>;

export type Commands = typeof commands;
export type CommandName = keyof Commands;
export type Events = typeof events;
export type EventName = keyof Events;

/** What a caller passes (schema input: defaults may be omitted). */
export type CommandRequest<K extends CommandName> = z.input<Commands[K]['request']>;
/** What a handler receives after validation. */
export type ValidCommandRequest<K extends CommandName> = z.output<Commands[K]['request']>;
export type CommandResponse<K extends CommandName> = z.output<Commands[K]['response']>;
export type EventPayload<K extends EventName> = z.output<Events[K]>;

export const commandNames = Object.keys(commands) as CommandName[];
export const eventNames = Object.keys(events) as EventName[];

export const isCommandName = (name: string): name is CommandName => Object.hasOwn(commands, name);
export const isEventName = (name: string): name is EventName => Object.hasOwn(events, name);

/** Electron IPC channel names, derived; nothing else spells them. */
export const commandChannel = (name: CommandName): string => `assistant:command:${name}`;
export const eventChannel = (name: EventName): string => `assistant:event:${name}`;

/** The global the preload exposes (`window.assistant`). */
export const bridgeGlobalName = 'assistant';

export type EventHandler<K extends EventName> = (payload: EventPayload<K>) => void;
export type Unsubscribe = () => void;

/** The surface exposed to the page: one method per command, plus `on`. Results are envelopes. */
export type AssistantBridge = {
  [K in CommandName]: (request: CommandRequest<K>) => Promise<Envelope<CommandResponse<K>>>;
} & {
  on<K extends EventName>(event: K, handler: EventHandler<K>): Unsubscribe;
};
