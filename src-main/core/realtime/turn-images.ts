// Images attached to the next user turn (README "Talk about my screen"). The user attaches prepared images
// (core/images: upright, ≤ 1024 px, no metadata); they wait here, removable, until the turn they go with is
// sent. Then they reach the server as one user message with `input_image` parts, always before that turn's
// `response.create`:
// - a typed message: its text and the images in one message (the text first);
// - a push-to-talk turn: an image message right before the commit (a turn dropped as too short keeps them);
// - a turn the server detects (VAD): an image message before the turn's first audio, since the server's commit
//   and its automatic response may follow at any moment after that.
// It does this by wrapping the wire the turn-taking part sends on, so turn-taking needs to know nothing of it.
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { dataUrlOf, type PreparedImage } from '../images/prepare-image';
import type { Wire } from './client-events';
import type { ClientEvent } from './protocol';
import { turnDetectionOf } from './session-payload';

import {
  imageDetailSchema,
  maxImagesPerTurn,
  type ImageDetail,
  type TranscriptImage,
} from '../../../src-preload/contract';

export { maxImagesPerTurn, type ImageDetail };
export const imageDetails: readonly ImageDetail[] = imageDetailSchema.options;

export interface AttachedImage extends PreparedImage {
  id: string;
  detail: ImageDetail;
  /** The small JPEG data URL shown in the composer, the transcript and History. */
  thumbnail?: string;
}

/** An image as the transcript keeps it: no full-size data. */
export const transcriptImageOf = (image: AttachedImage): TranscriptImage => ({
  id: image.id,
  width: image.width,
  height: image.height,
  detail: image.detail,
  ...(image.thumbnail ? { thumbnail: image.thumbnail } : {}),
});

type CreateItem = Extract<ClientEvent, { type: 'conversation.item.create' }>;
type UserContent =
  { type: 'input_text'; text: string } | { type: 'input_image'; image_url: string; detail: ImageDetail };

/** A user message carrying `images` (after `text`, when the turn is typed). */
export function userImageMessage(images: readonly AttachedImage[], text?: string): CreateItem {
  const content: UserContent[] = text === undefined ? [] : [{ type: 'input_text', text }];
  for (const image of images)
    content.push({ type: 'input_image', image_url: dataUrlOf(image), detail: image.detail });
  return { type: 'conversation.item.create', item: { type: 'message', role: 'user', content } };
}

export interface TurnImagesEvents {
  /** What waits for the next turn changed (attached, removed, or sent). */
  changed: [pending: readonly AttachedImage[]];
  /** These images went with a turn (`text`: the typed message they went with). */
  sent: [images: readonly AttachedImage[], text: string | undefined];
}

export class TurnImages extends EventEmitter<TurnImagesEvents> {
  private waiting: AttachedImage[] = [];

  /** `session`: the session the server runs; its turn detection decides when a spoken turn's images go. */
  constructor(private readonly session: () => unknown) {
    super();
  }

  pending(): readonly AttachedImage[] {
    return this.waiting;
  }

  /** Attaches a prepared image to the next turn; its id removes it. */
  attach(image: PreparedImage, detail: ImageDetail = 'auto', thumbnail?: string): AttachedImage {
    if (this.waiting.length >= maxImagesPerTurn)
      throw new Error(`at most ${maxImagesPerTurn} images go with one turn`);
    const attached: AttachedImage = {
      ...image,
      id: `img_${randomUUID()}`,
      detail,
      ...(thumbnail ? { thumbnail } : {}),
    };
    this.waiting = [...this.waiting, attached];
    this.emit('changed', this.waiting);
    return attached;
  }

  /** Removes one image (or all, without an id) before it is sent; false when it was not waiting. */
  remove(id?: string): boolean {
    const kept = id === undefined ? [] : this.waiting.filter((image) => image.id !== id);
    if (kept.length === this.waiting.length) return false;
    this.waiting = kept;
    this.emit('changed', this.waiting);
    return true;
  }

  /** The wire turn-taking sends on: the waiting images go with the next turn's first event that ends it. */
  wrap(wire: Wire): Wire {
    return {
      isConfirmed: () => wire.isConfirmed(),
      send: (event) => {
        if (this.waiting.length) {
          const text = typedText(event);
          if (text !== undefined) return wire.send(userImageMessage(this.take(text), text));
          if (
            event.type === 'input_audio_buffer.commit' ||
            (event.type === 'input_audio_buffer.append' && this.serverTurns())
          )
            wire.send(userImageMessage(this.take(undefined)));
        }
        wire.send(event);
      },
    };
  }

  private serverTurns(): boolean {
    return !!turnDetectionOf(this.session());
  }

  private take(text: string | undefined): AttachedImage[] {
    const images = this.waiting;
    this.waiting = [];
    this.emit('sent', images, text);
    this.emit('changed', this.waiting);
    return images;
  }
}

/** The text of a typed user message (as turn-taking builds it), else undefined. */
function typedText(event: ClientEvent): string | undefined {
  if (
    event.type !== 'conversation.item.create' ||
    event.item.type !== 'message' ||
    event.item.role !== 'user'
  )
    return undefined;
  const [part, ...rest] = event.item.content ?? [];
  return part?.type === 'input_text' && !rest.length ? (part.text ?? '') : undefined;
}
