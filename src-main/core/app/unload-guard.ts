// The window's unsaved-edits guard. The renderer's beforeunload asks to stay while a profile has unsaved
// edits; a browser would then ask the user, Electron asks the app ('will-prevent-unload') and, unanswered,
// silently keeps the page: the close or the quit just does nothing. This is the question the app asks.

export interface LeaveDialog {
  title: string;
  message: string;
  detail: string;
  buttons: string[];
  /** Enter and Escape keep the edits: losing work takes a deliberate click. */
  defaultId: number;
  cancelId: number;
  /** The button that discards the edits and lets the page unload. */
  leaveId: number;
}

/** `quitting`: the app is quitting (tray Quit, Cmd+Q) rather than the window closing or reloading. */
export function unsavedEditsDialog(quitting: boolean): LeaveDialog {
  return {
    title: 'Unsaved changes',
    message: 'A profile has unsaved changes.',
    detail: quitting
      ? 'Quit Voice Assistant anyway? Your changes will be lost.'
      : 'Close anyway? Your changes will be lost.',
    buttons: ['Keep editing', quitting ? 'Discard and quit' : 'Discard and close'],
    defaultId: 0,
    cancelId: 0,
    leaveId: 1,
  };
}

/** Whether the answer (the index of the button clicked) lets the page unload. */
export const leavesPage = (dialog: LeaveDialog, response: number): boolean => response === dialog.leaveId;
