// The thumbnails of a conversation's images, kept as JPEG files in a folder beside its JSON-lines file
// (`<conversation>.images/<image id>.jpg`), never inside the lines: a conversation file stays small text that
// lists and searches fast, and deleting the conversation deletes its folder. Items on disk name their images;
// reading a conversation puts the thumbnails back.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TranscriptImage, TranscriptItem } from '../../../src-preload/contract';
import { CONVERSATION_EXTENSION, conversationFileName } from './conversation-log';

const dataUrlPrefix = 'data:image/jpeg;base64,';
/** Ids the engine makes (`img_<uuid>`); anything else on disk is not looked up (no path leaves the folder). */
const safeId = /^img_[A-Za-z0-9-]{1,80}$/;

export function createConversationImages(directory: string) {
  const folderOf = (conversationId: string) =>
    join(
      directory,
      conversationFileName(conversationId).slice(0, -CONVERSATION_EXTENSION.length) + '.images',
    );
  const fileOf = (conversationId: string, imageId: string) =>
    join(folderOf(conversationId), `${imageId}.jpg`);

  return {
    folderOf,

    /** Writes the item's thumbnails to files; returns the item as the lines keep it (no thumbnails). */
    keep(item: TranscriptItem): TranscriptItem {
      if (!item.images?.length) return item;
      const images = item.images.map(({ thumbnail, ...image }): TranscriptImage => {
        if (!thumbnail?.startsWith(dataUrlPrefix) || !safeId.test(image.id)) return image;
        const file = fileOf(item.conversationId, image.id);
        if (!existsSync(file)) {
          mkdirSync(folderOf(item.conversationId), { recursive: true });
          writeFileSync(file, Buffer.from(thumbnail.slice(dataUrlPrefix.length), 'base64'));
        }
        return image;
      });
      return { ...item, images };
    },

    /** The items with their thumbnails read back (an image whose file is gone is shown without one). */
    inflate(conversationId: string, items: TranscriptItem[]): TranscriptItem[] {
      return items.map((item) =>
        item.images?.length
          ? { ...item, images: item.images.map((image) => withThumbnail(conversationId, image)) }
          : item,
      );
    },

    /** Removes the conversation's folder (nothing when it has none). */
    remove(conversationId: string): void {
      rmSync(folderOf(conversationId), { recursive: true, force: true });
    },
  };

  function withThumbnail(conversationId: string, image: TranscriptImage): TranscriptImage {
    if (!safeId.test(image.id)) return image;
    try {
      const jpeg = readFileSync(fileOf(conversationId, image.id));
      return { ...image, thumbnail: dataUrlPrefix + jpeg.toString('base64') };
    } catch {
      return image;
    }
  }
}
export type ConversationImages = ReturnType<typeof createConversationImages>;
