"use client";

import { useCallback, useEffect, useRef, useState, type RefObject, type UIEvent } from "react";
import { scrollToRow, visibleRange, type VirtualRange } from "./virtual";

export interface VirtualList {
  ref: RefObject<HTMLDivElement | null>;
  /** Rows to mount for a list of `count` rows. */
  rangeFor: (count: number) => VirtualRange;
  onScroll: (e: UIEvent<HTMLDivElement>) => void;
  /** Scrolls the container just enough to show row `index`. */
  reveal: (index: number) => void;
}

/**
 * Fixed-height windowing: only rows in view (plus overscan) are mounted, so a trace with
 * thousands of observations scrolls like a short one. Re-renders only when the first visible row changes.
 * `offsetTop` is the height of a sticky header inside the scroller (e.g. the timeline axis): it
 * covers the top of the viewport, so fewer rows fit and revealing a row must clear it.
 */
export function useVirtualList(rowHeight: number, offsetTop = 0): VirtualList {
  const ref = useRef<HTMLDivElement | null>(null);
  const [firstRow, setFirstRow] = useState(0);
  const [height, setHeight] = useState(0);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    setHeight(el.clientHeight);
    const ro = new ResizeObserver(() => setHeight(el.clientHeight));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  const onScroll = useCallback(
    (e: UIEvent<HTMLDivElement>) => setFirstRow(Math.floor(Math.max(0, e.currentTarget.scrollTop) / rowHeight)),
    [rowHeight],
  );

  const reveal = useCallback(
    (index: number) => {
      const el = ref.current;
      if (!el || index < 0) return;
      const viewport = el.clientHeight - offsetTop;
      const next = scrollToRow(index, el.scrollTop, viewport, rowHeight);
      if (next !== null) el.scrollTop = next;
    },
    [rowHeight, offsetTop],
  );

  return {
    ref,
    rangeFor: (count: number) => visibleRange(firstRow * rowHeight, Math.max(0, height - offsetTop), rowHeight, count),
    onScroll,
    reveal,
  };
}
