// An image the user attached (a screen capture, a pasted or dropped file, headless --image) made ready for the
// model: decoded, turned upright by its EXIF orientation, scaled so its longer side is at most 1024 px, and
// encoded as JPEG or PNG, whichever is smaller. Nothing of the source's metadata survives (EXIF, GPS, ICC
// names, comments): only pixels are re-encoded. One implementation for both shells: sharp (libvips), which
// runs in plain Node and in Electron's main process alike, so core needs no Electron `nativeImage`.
import sharp from 'sharp';
import { maxImageFileBytes } from '../../../src-preload/contract';

/** The longest side the model gets; the Realtime API scales larger images down itself, at our upload's cost. */
export const maxImageSide = 1024;
export { maxImageFileBytes };
/** Decoding stops above this many pixels (a decompression bomb), well above a 10,000 px tall page. */
const maxInputPixels = 120_000_000;
/** The thumbnail kept in the transcript and History. */
export const thumbnailSide = 256;

export type ImageMime = 'image/jpeg' | 'image/png';

export interface PreparedImage {
  mime: ImageMime;
  data: Buffer;
  width: number;
  height: number;
  /** The source's size as displayed (after orientation), before scaling. */
  sourceWidth: number;
  sourceHeight: number;
}

export type ImageErrorCode = 'too-large' | 'unreadable' | 'empty';

/** Why an image cannot go: its message is for the user as it stands. */
export class ImageError extends Error {
  constructor(
    readonly code: ImageErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ImageError';
  }
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** Refuses an empty file, or one too large to decode, from its size alone (a file can be checked unread). */
export function checkImageSize(bytes: number): void {
  if (bytes === 0) throw new ImageError('empty', 'the image file is empty');
  if (bytes > maxImageFileBytes)
    throw new ImageError(
      'too-large',
      `the image is ${mb(bytes)}; images over ${mb(maxImageFileBytes)} are refused`,
    );
}

/** Decodes, orients, scales and re-encodes `input`; throws ImageError for anything that cannot be sent. */
export async function prepareImage(input: Uint8Array, maxSide = maxImageSide): Promise<PreparedImage> {
  checkImageSize(input.byteLength);
  try {
    // failOn 'error': a truncated or damaged file is refused rather than sent half grey.
    const source = sharp(input, { failOn: 'error', limitInputPixels: maxInputPixels }).autoOrient();
    // Its `autoOrient` size is the source as displayed, width and height swapped for a turned photo.
    const { autoOrient: upright } = await source.clone().metadata();
    const { data, info } = await source
      .resize(maxSide, maxSide, { fit: 'inside', withoutEnlargement: true })
      .raw()
      .toBuffer({ resolveWithObject: true });
    const raw = { raw: { width: info.width, height: info.height, channels: info.channels } } as const;
    const [png, jpeg] = await Promise.all([
      sharp(data, raw).png({ compressionLevel: 9, adaptiveFiltering: true }).toBuffer(),
      // JPEG has no alpha: transparent parts go white, as a viewer would show them on a page.
      sharp(data, raw).flatten({ background: '#ffffff' }).jpeg({ quality: 85, mozjpeg: true }).toBuffer(),
    ]);
    const [mime, out]: [ImageMime, Buffer] =
      jpeg.length < png.length ? ['image/jpeg', jpeg] : ['image/png', png];
    return {
      mime,
      data: out,
      width: info.width,
      height: info.height,
      sourceWidth: upright.width,
      sourceHeight: upright.height,
    };
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new ImageError('unreadable', `the image could not be read (${reason})`);
  }
}

/** The small JPEG kept beside the conversation and shown in the transcript (no metadata either). */
export async function thumbnailOf(image: PreparedImage): Promise<Buffer> {
  return sharp(image.data)
    .resize(thumbnailSide, thumbnailSide, { fit: 'inside', withoutEnlargement: true })
    .flatten({ background: '#ffffff' })
    .jpeg({ quality: 75 })
    .toBuffer();
}

/** An image ready to attach: what the model gets, and the thumbnail (a JPEG data URL) the user sees. */
export interface ReadyImage {
  image: PreparedImage;
  thumbnail: string;
}

export async function prepareWithThumbnail(input: Uint8Array): Promise<ReadyImage> {
  const image = await prepareImage(input);
  return { image, thumbnail: dataUrlOf({ mime: 'image/jpeg', data: await thumbnailOf(image) }) };
}

/** The image as the data URL an `input_image` part carries. */
export const dataUrlOf = (image: Pick<PreparedImage, 'mime' | 'data'>): string =>
  `data:${image.mime};base64,${image.data.toString('base64')}`;
