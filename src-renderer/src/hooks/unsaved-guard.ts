// A guard against losing unsaved edits: an editor declares it is dirty; anything that would take the
// user away (another tab, another profile) asks `confirmLeave()` first, which the app answers with a dialog.
import { createContext, useContext } from 'react';

export interface UnsavedGuard {
  /** An editor reports whether it holds unsaved edits (and what to call them in the dialog). */
  setDirty: (what: string | null) => void;
  /** Resolves true when leaving is fine: nothing unsaved, or the user chose to discard. */
  confirmLeave: () => Promise<boolean>;
}

export const UnsavedGuardContext = createContext<UnsavedGuard>({
  setDirty: () => {},
  confirmLeave: async () => true,
});

export const useUnsavedGuard = (): UnsavedGuard => useContext(UnsavedGuardContext);
