// Headless --image FILE: each goes with the next --input turn (with a device, all go with the first turn).
// Every image is read and prepared before anything is sent, so a bad file stops the run with a clear message
// instead of sending half a conversation.
import { readFile, stat } from 'node:fs/promises';
import type { parseArgs } from 'node:util';
import {
  checkImageSize,
  ImageError,
  prepareWithThumbnail,
  type ReadyImage,
} from '../../core/images/prepare-image';

/** The image paths of each turn, in order, from where --image stands among the --input options. */
export function imagesByTurn(
  tokens: ReturnType<typeof parseArgs>['tokens'] & object,
  usageError: (message: string) => Error,
): string[][] {
  const turns: string[][] = [];
  let waiting: string[] = [];
  let inputs = 0;
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    if (token.name === 'image') waiting.push(String(token.value));
    if (token.name === 'input') {
      turns[inputs++] = waiting;
      waiting = [];
    }
  }
  if (!waiting.length) return turns;
  // No --input at all (a device): they go with the first turn. After the last --input: no turn to go with.
  if (inputs) throw usageError('--image must come before the --input it goes with');
  return [waiting];
}

/** Reads and prepares every turn's images; a file that cannot go is an ImageError naming it. */
export async function prepareTurnImages(turns: string[][]): Promise<ReadyImage[][]> {
  const prepared: ReadyImage[][] = [];
  for (const paths of turns) {
    const images: ReadyImage[] = [];
    for (const path of paths ?? []) {
      try {
        // Checked before reading: a huge file is refused without loading it.
        checkImageSize((await stat(path)).size);
        images.push(await prepareWithThumbnail(await readFile(path)));
      } catch (error) {
        const reason =
          error instanceof ImageError
            ? error.message
            : `cannot read it: ${(error as NodeJS.ErrnoException).code ?? String(error)}`;
        throw new ImageError(
          error instanceof ImageError ? error.code : 'unreadable',
          `--image ${path}: ${reason}`,
        );
      }
    }
    prepared.push(images);
  }
  return prepared;
}
