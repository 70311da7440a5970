// Binds every contract command to ipcMain and forwards every core event to the window. Derived from the
// contract: nothing here names a channel. Logic (validation, handlers) stays in core's dispatcher.
import type { IpcMain, WebContents, WebFrameMain } from 'electron';
import { commandChannel, commandNames, eventChannel, type Envelope } from '../../src-preload/contract';
import type { Dispatcher } from '../core/ipc/dispatcher';
import type { EventBus } from '../core/ipc/event-bus';

export type SenderCheck = (frame: WebFrameMain | null) => boolean;

const forbidden: Envelope<never> = {
  ok: false,
  error: { code: 'forbidden_sender', message: 'IPC from an untrusted frame was refused' },
};

export function bindContract(
  ipcMain: IpcMain,
  dispatcher: Dispatcher,
  isTrustedSender: SenderCheck,
): () => void {
  for (const name of commandNames) {
    ipcMain.handle(commandChannel(name), (event, payload: unknown) =>
      isTrustedSender(event.senderFrame) ? dispatcher.dispatch(name, payload) : forbidden,
    );
  }
  return () => {
    for (const name of commandNames) ipcMain.removeHandler(commandChannel(name));
  };
}

export function forwardEvents(events: EventBus, target: () => WebContents | undefined): () => void {
  return events.subscribeAll((name, payload) => {
    const contents = target();
    if (contents && !contents.isDestroyed()) contents.send(eventChannel(name), payload);
  });
}

/** Only the top-level frame showing our own renderer may call commands. */
export function rendererSenderCheck(rendererUrl: string): SenderCheck {
  const expected = new URL(rendererUrl);
  return (frame) => {
    if (!frame || frame.parent) return false;
    try {
      const url = new URL(frame.url);
      return expected.protocol === 'file:'
        ? url.protocol === 'file:' && url.pathname === expected.pathname
        : url.origin === expected.origin;
    } catch {
      return false;
    }
  };
}
