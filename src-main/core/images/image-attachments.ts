// The images waiting for the next turn, as the contract offers them: a pasted or dropped file, or a capture of
// the screen (the shell's ScreenCapture: Electron's desktopCapturer; the headless shell has none). Each is
// prepared (core/images/prepare-image.ts) and gets its thumbnail before it is attached to the engine's
// TurnImages, so nothing half-made ever waits for a turn; what waits is announced as `pendingImages`.
import type { ImageDetail, PendingImage, PendingImages } from '../../../src-preload/contract';
import { CommandError } from '../ipc/command-error';
import type { EventBus } from '../ipc/event-bus';
import type { AttachedImage, TurnImages } from '../realtime/turn-images';
import { ImageError, prepareWithThumbnail } from './prepare-image';

/** Captures what the user is looking at, as an encoded image (PNG). Throws a CommandError the user can read. */
export interface ScreenCapture {
  capture(): Promise<Uint8Array>;
}

export interface ImageAttachmentsOptions {
  images: TurnImages;
  events: EventBus;
  detail: () => ImageDetail;
  /** Omitted: this shell cannot capture the screen. */
  screen?: ScreenCapture;
}

const pendingOf = (image: AttachedImage): PendingImage => ({
  id: image.id,
  thumbnail: image.thumbnail ?? '',
  width: image.width,
  height: image.height,
  detail: image.detail,
  mime: image.mime,
  bytes: image.data.length,
});

export function createImageAttachments(options: ImageAttachmentsOptions) {
  const { images, events } = options;
  const list = (): PendingImages => ({ images: images.pending().map(pendingOf) });
  const unsubscribe = (() => {
    const changed = () => events.emit('pendingImages', list());
    images.on('changed', changed);
    return () => images.off('changed', changed);
  })();

  const attach = async (file: Uint8Array): Promise<PendingImages> => {
    let ready;
    try {
      ready = await prepareWithThumbnail(file);
    } catch (error) {
      if (error instanceof ImageError)
        throw new CommandError('invalid_request', `Not attached: ${error.message}.`);
      throw error;
    }
    try {
      images.attach(ready.image, options.detail(), ready.thumbnail);
    } catch (error) {
      throw new CommandError('invalid_request', `Not attached: ${(error as Error).message}.`);
    }
    return list();
  };

  return {
    list,
    /** A pasted or dropped file (base64, as the contract carries it). */
    attachFile: (base64: string) => attach(Buffer.from(base64, 'base64')),
    /** "Talk about my screen": only ever on the user's explicit action (button, hotkey, tray). */
    async captureScreen(): Promise<PendingImages> {
      if (!options.screen)
        throw new CommandError(
          'unavailable',
          'This shell cannot capture the screen: paste or drop an image instead (headless: --image FILE).',
        );
      return attach(await options.screen.capture());
    },
    remove(id?: string): PendingImages {
      images.remove(id);
      return list();
    },
    dispose: unsubscribe,
  };
}
export type ImageAttachments = ReturnType<typeof createImageAttachments>;
