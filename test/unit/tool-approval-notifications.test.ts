// The Electron shell's desktop notification for an MCP call waiting for approval: one per waiting call, with
// server and tool but never the arguments, closed once the call is answered or expires; a click shows the
// window.
import { describe, expect, it, vi } from 'vitest';
import { createEventBus } from '../../src-main/core/ipc/event-bus';
import type { ToolApprovalRequest } from '../../src-preload/contract';

vi.mock('electron', () => ({ Notification: class {} }));
const { bindToolApprovalNotifications } =
  await import('../../src-main/shell-electron/tool-approval-notifications');

class FakeNotification {
  static made: FakeNotification[] = [];
  static isSupported = () => true;
  shown = false;
  closed = false;
  private click?: () => void;
  constructor(readonly options: { title: string; body: string }) {
    FakeNotification.made.push(this);
  }
  show() {
    this.shown = true;
  }
  close() {
    this.closed = true;
  }
  on(_event: 'click', listener: () => void) {
    this.click = listener;
    return this as never;
  }
  clickIt() {
    this.click?.();
  }
}

const request = (id: string): ToolApprovalRequest => ({
  id,
  server: 'files',
  tool: 'write_file',
  arguments: '{"path":"/home/me/diary.txt","content":"private"}',
  expiresAt: new Date().toISOString(),
});

describe('tool approval notifications', () => {
  it('one per waiting call, no arguments, closed when answered; a click shows the window', () => {
    const events = createEventBus();
    const showWindow = vi.fn();
    bindToolApprovalNotifications(events, showWindow, FakeNotification as never);
    events.emit('toolApprovalsChanged', [request('a')]);
    events.emit('toolApprovalsChanged', [request('a'), request('b')]);
    expect(FakeNotification.made).toHaveLength(2);
    const [a, b] = FakeNotification.made;
    expect(a!.shown).toBe(true);
    expect(a!.options).toEqual({
      title: 'Allow a tool call?',
      body: 'files: write_file — answer in the Voice Assistant window',
    });
    expect(JSON.stringify(a!.options)).not.toContain('private');
    a!.clickIt();
    expect(showWindow).toHaveBeenCalledOnce();
    events.emit('toolApprovalsChanged', [request('b')]);
    expect(a!.closed).toBe(true);
    expect(b!.closed).toBe(false);
    events.emit('toolApprovalsChanged', []);
    expect(b!.closed).toBe(true);
  });
});
