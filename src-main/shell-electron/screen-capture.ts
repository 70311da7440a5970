// "Talk about my screen" in the desktop app: the display under the pointer, captured with Electron's
// desktopCapturer at its full pixel size and handed to core as a PNG (core scales, re-encodes, thumbnails).
// Called only from an explicit action (the window's button, the hotkey, the tray), never on its own.
// macOS asks for the Screen Recording permission on the first capture; once refused, it must be granted in
// System Settings, and the capture says so rather than sending a blank picture.
import type { DesktopCapturer, Screen, SystemPreferences } from 'electron';
import { CommandError } from '../core/ipc/command-error';
import type { ScreenCapture } from '../core/images/image-attachments';

const macPermissionHelp =
  'Screen recording is not allowed for Voice Assistant. Allow it in System Settings › Privacy & Security › ' +
  'Screen Recording, then restart the app.';

export function electronScreenCapture(
  desktopCapturer: DesktopCapturer,
  screen: Screen,
  systemPreferences: SystemPreferences,
  platform: NodeJS.Platform = process.platform,
): ScreenCapture {
  return {
    async capture() {
      if (platform === 'darwin') {
        const access = systemPreferences.getMediaAccessStatus('screen');
        if (access === 'denied' || access === 'restricted')
          throw new CommandError('unavailable', macPermissionHelp);
      }
      const display = screen.getDisplayNearestPoint(screen.getCursorScreenPoint());
      const size = {
        width: Math.round(display.bounds.width * display.scaleFactor),
        height: Math.round(display.bounds.height * display.scaleFactor),
      };
      const sources = await desktopCapturer.getSources({ types: ['screen'], thumbnailSize: size });
      // display_id is empty on some Linux desktops: with one screen, that one is the one under the pointer.
      const source =
        sources.find((candidate) => candidate.display_id === String(display.id)) ??
        (sources.length === 1 ? sources[0] : undefined);
      if (!source || source.thumbnail.isEmpty())
        throw new CommandError(
          'unavailable',
          platform === 'darwin' ? macPermissionHelp : 'The screen could not be captured on this desktop.',
        );
      return source.thumbnail.toPNG();
    },
  };
}
