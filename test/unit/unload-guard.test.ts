// The unsaved-edits guard: the core's question, and the Electron mapping ('will-prevent-unload' → a modal
// dialog; preventDefault, which lets the page unload, only when the user chose to discard).
import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';

const showMessageBoxSync = vi.fn();
vi.mock('electron', () => ({ dialog: { showMessageBoxSync } }));

const { guardUnsavedEdits } = await import('../../src-main/shell-electron/unload-guard');
const { leavesPage, unsavedEditsDialog } = await import('../../src-main/core/app/unload-guard');

describe('the unsaved-edits question (core)', () => {
  it('keeps the edits by default and on Escape; only the discard button leaves', () => {
    const closing = unsavedEditsDialog(false);
    expect(closing.buttons).toEqual(['Keep editing', 'Discard and close']);
    expect(closing).toMatchObject({ defaultId: 0, cancelId: 0, leaveId: 1 });
    expect(unsavedEditsDialog(true).buttons[1]).toBe('Discard and quit');
    expect(unsavedEditsDialog(true).detail).toMatch(/Quit/);
    expect(leavesPage(closing, 1)).toBe(true);
    expect(leavesPage(closing, 0)).toBe(false);
  });
});

function fakeWindow(visible = true) {
  const window = {
    webContents: new EventEmitter(),
    visible,
    isVisible: () => window.visible,
    show: vi.fn(() => void (window.visible = true)),
  };
  return window;
}

const unload = (window: ReturnType<typeof fakeWindow>) => {
  const event = { preventDefault: vi.fn() };
  window.webContents.emit('will-prevent-unload', event);
  return event;
};

describe('guardUnsavedEdits (Electron shell)', () => {
  it('asks with a modal dialog on the window; "discard" lets the page unload', () => {
    const window = fakeWindow();
    const onStay = vi.fn();
    guardUnsavedEdits(window as never, { quitting: () => false, onStay });
    showMessageBoxSync.mockReturnValueOnce(1);
    const event = unload(window);
    expect(showMessageBoxSync).toHaveBeenLastCalledWith(window, {
      type: 'question',
      title: 'Unsaved changes',
      message: 'A profile has unsaved changes.',
      detail: expect.any(String),
      buttons: ['Keep editing', 'Discard and close'],
      defaultId: 0,
      cancelId: 0,
      noLink: true,
    });
    expect(event.preventDefault).toHaveBeenCalled();
    expect(onStay).not.toHaveBeenCalled();
  });

  it('"keep editing" keeps the page and says so; a quit shows the hidden window and says "quit"', () => {
    const window = fakeWindow(false);
    const onStay = vi.fn();
    guardUnsavedEdits(window as never, { quitting: () => true, onStay });
    showMessageBoxSync.mockReturnValueOnce(0);
    const event = unload(window);
    expect(window.show).toHaveBeenCalled();
    expect(showMessageBoxSync).toHaveBeenLastCalledWith(
      window,
      expect.objectContaining({ buttons: ['Keep editing', 'Discard and quit'] }),
    );
    expect(event.preventDefault).not.toHaveBeenCalled();
    expect(onStay).toHaveBeenCalledTimes(1);
  });
});
