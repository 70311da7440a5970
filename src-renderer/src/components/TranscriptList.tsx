// The transcript, virtualized: only the turns in view are in the DOM, so 5,000 messages scroll as easily
// as five. Heights are measured as rows render (turns vary in length). While the view is at the bottom it
// follows new and streaming text; scrolled up, it stays put and offers a way back down.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { TranscriptItem } from '../../../src-preload/contract';
import { TranscriptEntry } from './TranscriptEntry';

const nearBottomPx = 48;

export function TranscriptList({
  items,
  label,
  empty,
}: {
  items: readonly TranscriptItem[];
  label: string;
  empty?: React.ReactNode;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const following = useRef(true);
  const [showJump, setShowJump] = useState(false);

  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read during render by design; nothing here is memoized on it
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 76,
    overscan: 6,
    getItemKey: (index) => items[index]?.id ?? index,
  });

  const last = items.at(-1);
  const scrollToEnd = useCallback(() => {
    if (items.length > 0) virtualizer.scrollToEnd();
  }, [items.length, virtualizer]);

  // Follow the newest turn (and its streaming text) while the reader is at the bottom.
  useEffect(() => {
    if (following.current) scrollToEnd();
  }, [scrollToEnd, last?.text, last?.id]);

  const onScroll = () => {
    const el = scrollRef.current;
    if (!el) return;
    const atBottom = el.scrollHeight - el.scrollTop - el.clientHeight <= nearBottomPx;
    following.current = atBottom;
    setShowJump(!atBottom && items.length > 0);
  };

  const rows = virtualizer.getVirtualItems();
  return (
    <div className="transcript-frame">
      <div
        ref={scrollRef}
        className="transcript"
        role="log"
        aria-label={label}
        aria-relevant="additions"
        tabIndex={0}
        onScroll={onScroll}
        data-testid="transcript"
        data-count={items.length}
      >
        {items.length === 0 && empty}
        <div className="transcript-sizer" style={{ height: virtualizer.getTotalSize() }}>
          {rows.map((row) => (
            <div
              key={row.key}
              ref={virtualizer.measureElement}
              data-index={row.index}
              className="transcript-row"
              style={{ transform: `translateY(${row.start}px)` }}
            >
              <TranscriptEntry item={items[row.index]!} />
            </div>
          ))}
        </div>
      </div>
      {showJump && (
        <button
          type="button"
          className="button jump-latest"
          onClick={() => {
            following.current = true;
            setShowJump(false);
            scrollToEnd();
          }}
        >
          Jump to latest ↓
        </button>
      )}
    </div>
  );
}
