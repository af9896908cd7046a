import { useCallback, useEffect, useState } from 'react';
import type { UIEvent } from 'react';

/** The rows to render for one scroll position. */
export interface RowWindow {
  /** First rendered row index (inclusive). */
  start: number;
  /** Last rendered row index + 1. */
  end: number;
  /** Height of the space standing in for the rows above `start`, px. */
  padTop: number;
  /** Height of the space standing in for the rows from `end` on, px. */
  padBottom: number;
}

/**
 * Which rows of a fixed-height list are visible, plus `overscan` rows on each side. Pure, so it can
 * be tested without layout.
 */
export function rowWindow(
  count: number,
  rowHeight: number,
  firstVisible: number,
  viewportHeight: number,
  overscan: number,
): RowWindow {
  const visible = Math.ceil(viewportHeight / rowHeight) + 1;
  const first = Math.min(Math.max(0, firstVisible), Math.max(0, count - visible));
  const start = Math.max(0, first - overscan);
  const end = Math.min(count, first + visible + overscan);
  return { start, end, padTop: start * rowHeight, padBottom: (count - end) * rowHeight };
}

export interface VirtualRowsOptions {
  /** Number of rows in the whole list. */
  count: number;
  /** Height of every row, px. */
  rowHeight: number;
  /** Height assumed for the scroll container until it has been measured, px. */
  viewportHeight: number;
  /** Rows rendered beyond each edge of the viewport. */
  overscan: number;
}

export interface VirtualRows extends RowWindow {
  /** Attach as the scroll container's `ref` (a callback ref, so the container can change). */
  scrollRef: (element: HTMLDivElement | null) => void;
  /** Attach as the scroll container's `onScroll`. */
  onScroll: (event: UIEvent<HTMLElement>) => void;
}

/**
 * Windowing for a fixed-row-height scroll container: only the rows in view (plus overscan) are
 * rendered, and state changes only when the first visible row does, not on every scroll pixel.
 */
export function useVirtualRows({
  count,
  rowHeight,
  viewportHeight,
  overscan,
}: VirtualRowsOptions): VirtualRows {
  const [element, scrollRef] = useState<HTMLDivElement | null>(null);
  const [firstVisible, setFirstVisible] = useState(0);
  const [measured, setMeasured] = useState<number | null>(null);

  const onScroll = useCallback(
    (event: UIEvent<HTMLElement>) => setFirstVisible(Math.floor(event.currentTarget.scrollTop / rowHeight)),
    [rowHeight],
  );

  useEffect(() => {
    if (!element || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => setMeasured(element.clientHeight));
    observer.observe(element);
    return () => observer.disconnect();
  }, [element]);

  const window = rowWindow(count, rowHeight, firstVisible, measured ?? viewportHeight, overscan);
  return { ...window, scrollRef, onScroll };
}
