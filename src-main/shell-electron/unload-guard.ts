// Carries out core/app/unload-guard.ts in Electron: when the page's beforeunload asks to stay, ask the user
// with a modal dialog instead of keeping the page without a word.
import { dialog, type BrowserWindow } from 'electron';
import { leavesPage, unsavedEditsDialog } from '../core/app/unload-guard';

export interface UnloadGuardOptions {
  /** Whether the app is quitting (the dialog says "quit" rather than "close"). */
  quitting(): boolean;
  /** The user kept the page: Electron has cancelled the close or the quit. */
  onStay(): void;
}

export function guardUnsavedEdits(window: BrowserWindow, options: UnloadGuardOptions): void {
  window.webContents.on('will-prevent-unload', (event) => {
    const question = unsavedEditsDialog(options.quitting());
    // A quit from the tray may find the window hidden; the user must see what they are about to lose.
    if (!window.isVisible()) window.show();
    const response = dialog.showMessageBoxSync(window, {
      type: 'question',
      title: question.title,
      message: question.message,
      detail: question.detail,
      buttons: question.buttons,
      defaultId: question.defaultId,
      cancelId: question.cancelId,
      noLink: true,
    });
    // preventDefault here means "ignore the page's beforeunload": the page unloads and the close goes on.
    if (leavesPage(question, response)) event.preventDefault();
    else options.onStay();
  });
}
