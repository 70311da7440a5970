// The live transcript as an ordered list keyed by item id. Items are re-sent with the same id while they
// stream, so an update replaces in place and never reorders; a new conversation id starts a fresh list.
import type { TranscriptAppend, TranscriptItem } from '../../../src-preload/contract';

export interface TranscriptState {
  conversationId: string | null;
  items: readonly TranscriptItem[];
  index: ReadonlyMap<string, number>;
}

export const emptyTranscript: TranscriptState = { conversationId: null, items: [], index: new Map() };

export function fromItems(items: readonly TranscriptItem[]): TranscriptState {
  return items.reduce(applyItem, emptyTranscript);
}

export function applyItem(state: TranscriptState, item: TranscriptItem): TranscriptState {
  if (state.conversationId !== null && item.conversationId !== state.conversationId) {
    return { conversationId: item.conversationId, items: [item], index: new Map([[item.id, 0]]) };
  }
  const at = state.index.get(item.id);
  if (at !== undefined) {
    const items = state.items.slice();
    items[at] = item;
    return { ...state, conversationId: item.conversationId, items };
  }
  const index = new Map(state.index);
  index.set(item.id, state.items.length);
  return { conversationId: item.conversationId, items: [...state.items, item], index };
}

/** Streaming text for an item already shown; an item not known yet is left to its next full update. */
export function applyAppend(state: TranscriptState, append: TranscriptAppend): TranscriptState {
  const at = state.index.get(append.id);
  if (at === undefined || append.conversationId !== state.conversationId) return state;
  const items = state.items.slice();
  items[at] = { ...items[at]!, text: items[at]!.text + append.text };
  return { ...state, items };
}
