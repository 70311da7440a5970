// A desktop notification for each MCP tool call that waits for the user's approval, so a call made while the
// window is hidden (the tray, another app in front) is not silently denied after 60 s. It names the server
// and the tool only — arguments can be private and notifications show on lock screens; a click brings the
// window, where the prompt answers it. Closed when the call is answered or expires.
import { Notification as ElectronNotification } from 'electron';
import type { EventBus } from '../core/ipc/event-bus';

type NotificationClass = {
  new (options: { title: string; body: string }): Pick<ElectronNotification, 'show' | 'close' | 'on'>;
  isSupported(): boolean;
};

export function bindToolApprovalNotifications(
  events: EventBus,
  showWindow: () => void,
  Notification: NotificationClass = ElectronNotification,
): () => void {
  const shown = new Map<string, Pick<ElectronNotification, 'close'>>();
  return events.on('toolApprovalsChanged', (pending) => {
    const waiting = new Set(pending.map((request) => request.id));
    for (const [id, notification] of shown)
      if (!waiting.has(id)) {
        notification.close();
        shown.delete(id);
      }
    try {
      if (!Notification.isSupported()) return;
      for (const request of pending) {
        if (shown.has(request.id)) continue;
        const notification = new Notification({
          title: 'Allow a tool call?',
          body: `${request.server}: ${request.tool} — answer in the Voice Assistant window`,
        });
        notification.on('click', showWindow);
        notification.show();
        shown.set(request.id, notification);
      }
    } catch {
      // A desktop that cannot show notifications still has the window's prompt: the call waits there.
    }
  });
}
