// Cross-service wiring inside the core that no single service test sees.
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src-main/core/app/create-core';

let core: Core | undefined;
afterEach(async () => {
  await core?.dispose();
  core = undefined;
});

describe('core wiring', () => {
  it('a device fallback reaches the window as a notice', async () => {
    core = createCore({ shell: 'headless', version: '0', hotkeyBackends: {} });
    const pushed: unknown[] = [];
    core.events.on('notice', (n) => pushed.push(n));
    const message = 'Input device "USB mic" is not connected; using "default" (ALSA) instead.';
    core.events.emit('audioDeviceFallback', {
      kind: 'input',
      failed: 'USB mic',
      using: 'ALSA:default',
      message,
    });
    expect(pushed).toEqual([{ level: 'warning', message }]);
    const kept = await core.dispatcher.dispatch('getNotices', undefined);
    expect(kept).toMatchObject({ ok: true, value: [expect.objectContaining({ level: 'warning', message })] });
  });
});
