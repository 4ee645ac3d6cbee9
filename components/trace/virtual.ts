// Fixed-row-height windowing math (pure). Rows all share one height, so the visible
// slice is a division away; no measuring, no package.

export interface VirtualRange {
  start: number;
  /** exclusive */
  end: number;
}

export function visibleRange(
  scrollTop: number,
  viewportHeight: number,
  rowHeight: number,
  count: number,
  overscan = 8,
): VirtualRange {
  if (count <= 0 || rowHeight <= 0) return { start: 0, end: 0 };
  const first = Math.floor(Math.max(0, scrollTop) / rowHeight);
  // Before the viewport is measured (SSR, first paint), render a screenful rather than nothing.
  const visible = Math.ceil((viewportHeight > 0 ? viewportHeight : 600) / rowHeight) + 1;
  return {
    start: Math.max(0, Math.min(count, first - overscan)),
    end: Math.min(count, first + visible + overscan),
  };
}

/** scrollTop that brings row `index` fully into view, or null if it already is. */
export function scrollToRow(index: number, scrollTop: number, viewportHeight: number, rowHeight: number): number | null {
  const top = index * rowHeight;
  const bottom = top + rowHeight;
  if (top < scrollTop) return top;
  if (bottom > scrollTop + viewportHeight) return bottom - viewportHeight;
  return null;
}

/** Row height shared by the observation tree and timeline (matches --row-h in globals.css). */
export const ROW_HEIGHT = 28;
