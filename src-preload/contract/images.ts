// Images for the next turn ("Talk about my screen"): a screen capture, or a pasted or dropped image, waits in
// the composer as a thumbnail until the next turn (spoken or typed) takes it, and can be removed before. Once
// sent, its thumbnail stays with the turn in the transcript and in History.
import { z } from 'zod';
import { command, noRequest } from './define';

export const imageDetailSchema = z.enum(['low', 'auto', 'high']);
export type ImageDetail = z.infer<typeof imageDetailSchema>;

/** Files over this size are refused before they are read (no screenshot or photo comes near it). */
export const maxImageFileBytes = 20 * 1024 * 1024;
/** The base64 text of the largest accepted file. */
export const maxImageBase64Chars = Math.ceil(maxImageFileBytes / 3) * 4;
/** More images than this on one turn are refused: each costs tokens and upload time. */
export const maxImagesPerTurn = 4;
/** A thumbnail is a JPEG of at most 256 px: a few tens of kilobytes as a data URL; this bounds it. */
const maxThumbnailChars = 400_000;

const thumbnailSchema = z
  .string()
  .max(maxThumbnailChars)
  .regex(/^data:image\/jpeg;base64,[A-Za-z0-9+/=]+$/, 'a JPEG data URL');

/** An image as the transcript and History show it. */
export const transcriptImageSchema = z.object({
  id: z.string().min(1).max(100),
  /** A small JPEG data URL; absent when its file in History is gone. */
  thumbnail: thumbnailSchema.optional(),
  /** The size the model got (after scaling to at most 1024 px). */
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  detail: imageDetailSchema,
});
export type TranscriptImage = z.infer<typeof transcriptImageSchema>;

/** An image waiting for the next turn, as the composer shows it. */
export const pendingImageSchema = transcriptImageSchema.extend({
  thumbnail: thumbnailSchema,
  mime: z.enum(['image/jpeg', 'image/png']),
  /** What goes to the model. */
  bytes: z.number().int().nonnegative(),
});
export type PendingImage = z.infer<typeof pendingImageSchema>;

export const pendingImagesSchema = z.object({ images: z.array(pendingImageSchema).max(maxImagesPerTurn) });
export type PendingImages = z.infer<typeof pendingImagesSchema>;

export const imageCommands = {
  /** A pasted or dropped image file, as base64; refused with a clear message when it cannot go. */
  attachImage: command(
    z.object({ data: z.string().min(1).max(maxImageBase64Chars) }).strict(),
    pendingImagesSchema,
  ),
  /** "Talk about my screen": the screen under the pointer ('unavailable' where the shell cannot capture). */
  captureScreen: command(noRequest, pendingImagesSchema),
  /** Removes one image, or all without an id. */
  removeImage: command(z.object({ id: z.string().max(100).optional() }).strict(), pendingImagesSchema),
  listImages: command(noRequest, pendingImagesSchema),
};

export const imageEvents = {
  /** What waits for the next turn changed (attached, removed, or sent with a turn). */
  pendingImages: pendingImagesSchema,
};
