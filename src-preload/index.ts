// Preload (sandboxed renderer context): exposes the contract's surface as `window.assistant` and nothing
// else; the page never sees ipcRenderer or the IPC event object.
import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from './bridge';
import { bridgeGlobalName } from './contract';

const bridge = createBridge({
  invoke: (channel, payload) => ipcRenderer.invoke(channel, payload),
  subscribe: (channel, listener) => {
    const wrapped = (_event: Electron.IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(channel, wrapped);
    return () => {
      ipcRenderer.removeListener(channel, wrapped);
    };
  },
});

contextBridge.exposeInMainWorld(bridgeGlobalName, bridge);
