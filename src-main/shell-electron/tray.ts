// Maps core's tray model onto Electron's Tray and Menu. No decisions here: labels, order, checked state
// and what a click means all come from core/tray.
import { join } from 'node:path';
import { Menu, Tray, nativeImage, type MenuItemConstructorOptions } from 'electron';
import type { Dispatcher } from '../core/ipc/dispatcher';
import type { EventBus } from '../core/ipc/event-bus';
import {
  createTrayController,
  type ShellTrayAction,
  type TrayController,
} from '../core/tray/tray-controller';
import {
  trayIconFile,
  type TrayAction,
  type TrayActivity,
  type TrayMenuItem,
  type TrayModel,
} from '../core/tray/tray-model';

export function menuTemplate(
  items: TrayMenuItem[],
  perform: (action: TrayAction) => void,
): MenuItemConstructorOptions[] {
  return items.map((item): MenuItemConstructorOptions => {
    switch (item.kind) {
      case 'separator':
        return { type: 'separator' };
      case 'label':
        return { label: item.label, enabled: false };
      case 'submenu':
        return { label: item.label, enabled: item.enabled, submenu: menuTemplate(item.items, perform) };
      case 'item':
        return { label: item.label, enabled: item.enabled, click: () => perform(item.action) };
      case 'checkbox':
      case 'radio':
        return {
          label: item.label,
          type: item.kind,
          checked: item.checked,
          click: () => perform(item.action),
        };
    }
  });
}

export interface AppTrayOptions {
  iconDir: string;
  events: EventBus;
  dispatcher: Dispatcher;
  shellAction: (action: ShellTrayAction) => void;
  /** A left click on the icon (Windows, most Linux trays): show or hide the window. */
  onClick: () => void;
  log?: (message: string, error?: unknown) => void;
  /** Why a screen capture from the menu was refused (a notice the window shows). */
  notify?: (message: string) => void;
}

export interface AppTray {
  controller: TrayController;
  destroy(): void;
}

export function createAppTray(options: AppTrayOptions): AppTray {
  const image = (activity: TrayActivity) => {
    const icon = nativeImage.createFromPath(join(options.iconDir, trayIconFile(activity, process.platform)));
    if (process.platform === 'darwin') icon.setTemplateImage(true);
    return icon;
  };
  let tray: Tray | undefined;
  let shownActivity: TrayActivity | undefined;
  // Menu clicks only happen after the controller below exists.
  const perform = (action: TrayAction) => void controller.perform(action);

  const render = (model: TrayModel) => {
    if (!tray) {
      tray = new Tray(image(model.activity));
      tray.on('click', options.onClick);
    } else if (model.activity !== shownActivity) {
      tray.setImage(image(model.activity));
    }
    shownActivity = model.activity;
    tray.setToolTip(model.tooltip);
    tray.setContextMenu(Menu.buildFromTemplate(menuTemplate(model.menu, perform)));
  };

  const controller: TrayController = createTrayController({
    events: options.events,
    dispatcher: options.dispatcher,
    render,
    shellAction: options.shellAction,
    log: options.log,
    notify: options.notify,
  });
  return {
    controller,
    destroy: () => {
      controller.dispose();
      tray?.destroy();
      tray = undefined;
    },
  };
}
