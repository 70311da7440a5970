// Builds the object the preload exposes, from the contract alone. Kept apart from index.ts so it can be
// tested without Electron: `ipc` is the two ipcRenderer calls the bridge needs, nothing more.
import {
  commandChannel,
  commandNames,
  eventChannel,
  isEventName,
  type AssistantBridge,
  type EventName,
} from './contract';

export interface RendererIpc {
  invoke(channel: string, payload: unknown): Promise<unknown>;
  /** Subscribes to a channel; the listener gets only the payload (never the IPC event object). */
  subscribe(channel: string, listener: (payload: unknown) => void): () => void;
}

export function createBridge(ipc: RendererIpc): AssistantBridge {
  const bridge: Record<string, unknown> = {};
  for (const name of commandNames) {
    bridge[name] = (request: unknown) => ipc.invoke(commandChannel(name), request);
  }
  bridge.on = (event: EventName, handler: (payload: unknown) => void) => {
    if (!isEventName(event)) throw new Error(`unknown event: ${String(event)}`);
    return ipc.subscribe(eventChannel(event), handler);
  };
  return bridge as AssistantBridge;
}
