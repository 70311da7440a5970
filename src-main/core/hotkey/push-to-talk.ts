// The API the realtime engine and the shells use: a backend, a talk binding, a mode → onTalkStart /
// onTalkEnd. Extra shortcuts (profile switching) ride on the same backend registration.
import type { Binding } from './accelerator';
import type { HotkeyBackend, RegisterResult } from './backend';
import { createTalkStateMachine, type PttMode, type TalkEnd, type TalkStart } from './talk-state';

export const PUSH_TO_TALK_ID = 'pushToTalk';

export interface PushToTalkOptions {
  /** Null: no global key works here; toggleTalk() (--toggle-talk, tray) still does. */
  backend: HotkeyBackend | null;
  mode: PttMode;
  /** Null: no talk key (invalid setting); the other shortcuts and toggleTalk() still work. */
  binding: Binding | null;
  safetyTimeoutMs?: number;
  tapThresholdMs?: number;
  onTalkStart: (start: TalkStart) => void;
  onTalkEnd: (end: TalkEnd) => void;
  /** Other shortcuts on the same backend; their presses go to onShortcut. */
  shortcuts?: readonly { id: string; binding: Binding; description: string }[];
  onShortcut?: (id: string) => void;
}

export interface PushToTalk {
  /** The mode actually in force: a backend without key-ups turns hold and tap-or-hold into toggle. */
  readonly mode: PttMode;
  /** Shortcuts the backend refused (taken, not expressible, dialog cancelled). */
  readonly failed: RegisterResult['failed'];
  toggleTalk(): void;
  endTalk(): void;
  isTalking(): boolean;
  /** Ends a running turn ('disposed') and unregisters; does not dispose the backend, which the caller owns. */
  dispose(): Promise<void>;
}

export async function createPushToTalk(options: PushToTalkOptions): Promise<PushToTalk> {
  const backend = options.backend;
  const mode: PttMode = !backend || backend.reportsRelease ? options.mode : 'toggle';
  const machine = createTalkStateMachine({
    mode,
    safetyTimeoutMs: options.safetyTimeoutMs,
    tapThresholdMs: options.tapThresholdMs,
    onTalkStart: options.onTalkStart,
    onTalkEnd: options.onTalkEnd,
  });
  const shortcuts = [
    ...(options.binding
      ? [{ id: PUSH_TO_TALK_ID, binding: options.binding, description: 'Push to talk' }]
      : []),
    ...(options.shortcuts ?? []),
  ];
  const { failed } = await (backend?.register(shortcuts, (event) => {
    if (event.id === PUSH_TO_TALK_ID) {
      if (event.type === 'press') machine.press(event.at);
      else machine.release(event.at);
    } else if (event.type === 'press') {
      options.onShortcut?.(event.id);
    }
  }) ?? { failed: [] });
  return {
    mode,
    failed,
    toggleTalk: () => machine.toggle(),
    endTalk: () => machine.end('external'),
    isTalking: () => machine.isTalking(),
    async dispose() {
      machine.dispose();
      await backend?.register([], () => {});
    },
  };
}
