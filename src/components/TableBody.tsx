'use client';
import type { ReactNode, Ref } from 'react';
import { StateMessage } from './StateMessage.js';
import { FilterNoMatch, HeldNote, HiddenColumnsNote } from './tableNotes.js';
import { VirtualTable } from './VirtualTable.js';
import type { ColumnDef, VirtualTableProps } from './VirtualTable.js';
import { WaitingForMetrics } from './WaitingForMetrics.js';

export interface TableBodyProps<K extends string> {
  state: 'loading' | 'empty' | 'live';
  /** What the empty state says. */
  empty: string;
  /** The filter as typed, and what its rows are ("topic"), for the no-match message. */
  filter: string;
  what: string;
  onClearFilter: () => void;
  /** The box the columns are fitted to (`useColumnFit`). */
  boxRef: Ref<HTMLDivElement>;
  table: VirtualTableProps<K>;
  held: boolean;
  /** Every column, to name those left out for lack of width. */
  columns: ReadonlyArray<ColumnDef<K>>;
  dropped: readonly string[];
  /** Shown under a live table, with or without rows. */
  footnote?: ReactNode;
}

/** What a table panel shows below its header: waiting, empty, no match, or the rows and their notes. */
export function TableBody<K extends string>({
  state,
  empty,
  filter,
  what,
  onClearFilter,
  boxRef,
  table,
  held,
  columns,
  dropped,
  footnote,
}: TableBodyProps<K>) {
  if (state === 'loading') return <WaitingForMetrics />;
  if (state === 'empty') return <StateMessage kind="empty">{empty}</StateMessage>;
  if (table.rowCount === 0)
    return (
      <>
        <FilterNoMatch filter={filter} what={what} onClear={onClearFilter} />
        {footnote}
      </>
    );
  return (
    <>
      <div className="takhin-table-box" ref={boxRef}>
        <VirtualTable {...table} />
      </div>
      <HeldNote held={held} />
      {footnote}
      <HiddenColumnsNote columns={columns} dropped={dropped} />
    </>
  );
}
