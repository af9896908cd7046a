import { useCallback, useEffect, useMemo, useState } from 'react';
import { canvasMeasure, fitColumns } from './columnFit.js';
import type { ColumnFit } from './columnFit.js';
import type { ColumnDef } from './VirtualTable.js';

/**
 * Fits `columns` to the width of the element given to `ref` (measured with a ResizeObserver): which
 * columns are shown and how wide each is. Before the first measurement every column is shown.
 */
export function useColumnFit<K extends string>(columns: ReadonlyArray<ColumnDef<K>>) {
  const [element, setElement] = useState<HTMLDivElement | null>(null);
  const [width, setWidth] = useState<number | null>(null);
  // Measured as the box is attached (an update in the commit, applied before paint), so a narrow panel
  // never shows a frame with every column; a ResizeObserver follows later changes.
  const ref = useCallback((box: HTMLDivElement | null) => {
    setElement(box);
    if (box && typeof ResizeObserver !== 'undefined') setWidth(Math.floor(box.clientWidth));
  }, []);
  useEffect(() => {
    if (!element || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => setWidth(Math.floor(element.clientWidth)));
    observer.observe(element);
    return () => observer.disconnect();
  }, [element]);
  const needs = columns.map(
    (c) => `${c.key}|${c.label}|${c.sample ?? ''}|${c.fixed ?? ''}|${c.priority ?? ''}`,
  );
  const signature = needs.join('\n');
  // Recomputed only when a column's needs or the width change, not on every tick.
  const fit: ColumnFit = useMemo(
    () => fitColumns(columns, width, canvasMeasure(element)),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `signature` stands for `columns`
    [signature, width, element],
  );
  const shown = useMemo(() => new Set(fit.shown), [fit]);
  const visible = useMemo(
    () =>
      columns
        .filter((c) => shown.has(c.key))
        .map((c) => ({
          ...c,
          width: fit.widths[c.key] === undefined ? undefined : `${fit.widths[c.key]}px`,
        })),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- as above
    [fit, shown, signature],
  );
  return { ref, fit, shown, visible };
}
