'use client';
import type { ColumnDef } from './VirtualTable.js';

/** A filter that matches nothing, and the way back. */
export function FilterNoMatch({
  filter,
  what,
  onClear,
}: {
  filter: string;
  what: string;
  onClear: () => void;
}) {
  return (
    <div className="takhin-state" data-kind="no-match">
      <p className="takhin-message" data-kind="empty" role="status">
        No {what} matches “{filter.trim()}”.
      </p>
      <button type="button" className="takhin-button" onClick={onClear}>
        Clear filter
      </button>
    </div>
  );
}

/**
 * Says the order is held while the pointer or focus is in the table. Always laid out (hidden when not
 * held), so appearing does not move what is below.
 */
export function HeldNote({ held }: { held: boolean }) {
  return (
    <p className="takhin-footnote takhin-held-note" data-held={held ? '' : undefined} aria-hidden={!held}>
      <span aria-hidden="true">⏸︎ </span>Order paused while you point at or work in the table; it re-sorts when
      you leave.
    </p>
  );
}

/** Names the columns left out for lack of width. */
export function HiddenColumnsNote<K extends string>({
  columns,
  dropped,
}: {
  columns: ReadonlyArray<ColumnDef<K>>;
  dropped: readonly string[];
}) {
  if (dropped.length === 0) return null;
  const names = columns.filter((c) => dropped.includes(c.key)).map((c) => c.label);
  return (
    <p className="takhin-footnote" data-kind="hidden-columns">
      Not shown at this width: {names.join(', ')} (in the CSV export, or on a wider screen).
    </p>
  );
}
