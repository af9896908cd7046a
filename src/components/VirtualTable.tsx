'use client';
import { useEffect } from 'react';
import type { HTMLAttributes, ReactNode } from 'react';
import type { SortState } from './sorting.js';
import { useVirtualRows } from './useVirtualRows.js';

/** One column of a {@link VirtualTable}. */
export interface ColumnDef<K extends string> {
  /** The sort key; `'spark'` for the (unsortable) trend picture column. */
  key: K | 'spark';
  label: string;
  /** Right-aligned, tabular digits. */
  numeric?: boolean;
  /** CSS width of the column (table-layout is fixed, so rows keep their height). */
  width?: string;
  /** False for a column without an order (a trend picture): its header is plain text. */
  sortable?: false;
  /** The widest text its cells hold, to size it (see `columnFit.ts`). */
  sample?: string;
  /** Fixed content width, px (a sparkline). */
  fixed?: number;
  /** Left out when the panel is too narrow, lowest first; undefined = always shown. */
  priority?: number;
  /** What sorting by the column does, as the header's title. */
  title?: string;
}

export interface VirtualTableProps<K extends string> {
  /** Accessible name of the table. */
  label: string;
  columns: ReadonlyArray<ColumnDef<K>>;
  sort: SortState<K>;
  onSort: (column: K) => void;
  rowCount: number;
  rowHeight: number;
  /** Height of the scroll container, px. */
  height: number;
  overscan: number;
  /** Renders row `index`; `ariaRowIndex` is its 1-based position counting the header row. */
  renderRow: (index: number, ariaRowIndex: number) => ReactNode;
  /** Called after a commit that changed which rows are rendered (`start` inclusive, `end` exclusive). */
  onRangeChange?: (start: number, end: number) => void;
  /** Least width of the table, px (the sum of its columns); narrower boxes scroll it sideways. */
  minWidth?: number;
  /** Handlers for the scroll container (pointer and focus, to hold the row order). */
  containerProps?: Omit<HTMLAttributes<HTMLDivElement>, 'className' | 'style' | 'onScroll'>;
}

/**
 * A real `<table>` inside a fixed-height scroll container that renders only the rows in view; spacer
 * rows stand in for the others, and `aria-rowcount`/`aria-rowindex` tell assistive technology the
 * true size.
 */
export function VirtualTable<K extends string>(props: VirtualTableProps<K>) {
  const {
    label,
    columns,
    sort,
    onSort,
    rowCount,
    rowHeight,
    height,
    overscan,
    renderRow,
    onRangeChange,
    minWidth,
    containerProps,
  } = props;
  const { scrollRef, onScroll, start, end, padTop, padBottom } = useVirtualRows({
    count: rowCount,
    rowHeight,
    viewportHeight: height,
    overscan,
  });
  useEffect(() => onRangeChange?.(start, end), [onRangeChange, start, end]);
  const rendered: ReactNode[] = [];
  for (let index = start; index < end; index += 1) rendered.push(renderRow(index, index + 2));

  return (
    <div
      {...containerProps}
      className="takhin-scroll"
      ref={scrollRef}
      onScroll={onScroll}
      // A panel may let the box grow (the Dashboard gives it the height of the screen); `height` is the default.
      style={{ maxHeight: `var(--takhin-table-height, ${height}px)` }}
      tabIndex={0}
      role="region"
      aria-label={`${label} (scrollable)`}
    >
      <table
        className="takhin-table"
        aria-label={label}
        aria-rowcount={rowCount + 1}
        style={minWidth === undefined ? undefined : { minWidth }}
      >
        <colgroup>
          {columns.map((column) => (
            <col key={column.key} style={column.width ? { width: column.width } : undefined} />
          ))}
        </colgroup>
        <thead>
          <tr aria-rowindex={1}>
            {columns.map((column) => {
              const active = sort.column === column.key;
              return (
                <th
                  key={column.key}
                  scope="col"
                  aria-sort={column.sortable === false ? undefined : active ? sort.direction : 'none'}
                  data-numeric={column.numeric ? '' : undefined}
                  data-column={column.key}
                  title={column.title}
                >
                  {column.sortable === false ? (
                    column.label
                  ) : (
                    <button type="button" className="takhin-sort" onClick={() => onSort(column.key as K)}>
                      {column.label}
                      <span aria-hidden="true" className="takhin-sort-icon">
                        {active ? (sort.direction === 'ascending' ? '▲' : '▼') : '↕'}
                      </span>
                    </button>
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody style={{ ['--takhin-row-height' as string]: `${rowHeight}px` }}>
          {padTop > 0 && (
            <tr aria-hidden="true" className="takhin-spacer" style={{ height: padTop }}>
              <td colSpan={columns.length} />
            </tr>
          )}
          {rendered}
          {padBottom > 0 && (
            <tr aria-hidden="true" className="takhin-spacer" style={{ height: padBottom }}>
              <td colSpan={columns.length} />
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
