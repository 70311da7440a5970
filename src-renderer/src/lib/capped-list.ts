// A list bounded both by how many items it holds and by their total size, oldest dropped first: the
// window's memory stays bounded however long it runs and however large what the core sends it. Each item
// carries its own size so dropping one never re-measures the rest.

export interface Sized {
  /** The item's size: its text length (≈ bytes for the mostly-ASCII text kept here). */
  readonly size: number;
}

export interface CappedList<T extends Sized> {
  readonly items: readonly T[];
  readonly size: number;
}

export interface Caps {
  count: number;
  size: number;
}

export const emptyCapped = <T extends Sized>(): CappedList<T> => ({ items: [], size: 0 });

/** `list` with `added` at the end, then trimmed from the front to the caps. */
export function appendCapped<T extends Sized>(
  list: CappedList<T>,
  added: readonly T[],
  caps: Caps,
): CappedList<T> {
  const items = [...list.items, ...added];
  let size = added.reduce((sum, item) => sum + item.size, list.size);
  let drop = 0;
  while (drop < items.length && (items.length - drop > caps.count || size > caps.size)) {
    size -= items[drop]!.size;
    drop++;
  }
  return { items: drop ? items.slice(drop) : items, size };
}

/** Text cut to `limit` characters, marked as cut. */
export const clampText = (text: string, limit: number): string =>
  text.length > limit ? `${text.slice(0, limit - 1)}…` : text;
