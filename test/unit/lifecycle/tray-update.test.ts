// "Restart to update" in the tray: shown once an update is downloaded, a line saying it waits while a turn
// goes on, and a click that goes through the contract like the window's button.
import { describe, expect, it } from 'vitest';
import type { UpdateState } from '../../../src-preload/contract';
import { createEventBus } from '../../../src-main/core/ipc/event-bus';
import type { Dispatcher } from '../../../src-main/core/ipc/dispatcher';
import { createTrayController } from '../../../src-main/core/tray/tray-controller';
import { initialTrayState, trayMenuModel, type TrayModel } from '../../../src-main/core/tray/tray-model';

const ready: UpdateState = {
  status: 'ready',
  currentVersion: '0.1.0',
  version: '0.2.0',
  autoCheck: true,
  restartPending: false,
};

describe('the tray and updates', () => {
  it('offers "Restart to update" only for a downloaded update, and says when it waits for the turn', () => {
    const none = trayMenuModel(initialTrayState);
    expect(JSON.stringify(none.menu)).not.toContain('update');
    const offered = trayMenuModel({
      ...initialTrayState,
      update: { version: '0.2.0', restartPending: false },
    });
    expect(offered.menu[1]).toEqual({
      kind: 'item',
      label: 'Restart to update (0.2.0)',
      action: { type: 'restartToUpdate' },
      enabled: true,
    });
    const waiting = trayMenuModel({
      ...initialTrayState,
      update: { version: '0.2.0', restartPending: true },
    });
    expect(waiting.menu[1]).toEqual({
      kind: 'label',
      label: 'Update to 0.2.0: restarts when this turn ends',
    });
  });

  it('follows updateState, catches up at start, and a click asks the core to restart', async () => {
    const events = createEventBus();
    const asked: string[] = [];
    const dispatcher = {
      dispatch: async (name: string) => {
        asked.push(name);
        if (name === 'getUpdateState') return { ok: true, value: ready };
        return { ok: false, error: { code: 'unavailable', message: 'not here' } };
      },
    } as unknown as Dispatcher;
    const models: TrayModel[] = [];
    const tray = createTrayController({
      events,
      dispatcher,
      render: (m) => void models.push(m),
      shellAction: () => {},
    });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(tray.state().update).toEqual({ version: '0.2.0', restartPending: false });
    expect(JSON.stringify(models.at(-1)!.menu)).toContain('Restart to update (0.2.0)');
    await tray.perform({ type: 'restartToUpdate' });
    expect(asked).toContain('restartToUpdate');
    events.emit('updateState', { ...ready, status: 'idle', version: undefined });
    expect(tray.state().update).toBeUndefined();
    tray.dispose();
  });
});
