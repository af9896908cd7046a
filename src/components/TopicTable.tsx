'use client';
import { useMemo, useState } from 'react';
import type { TopicStat } from '../core/protocol.js';
import { formatBytes, formatCompact, formatCount } from './format.js';
import { OFFSETS_EXPLAINED, RateSourceBadge } from './RateSourceBadge.js';
import type { RateSource } from './RateSourceBadge.js';
import { ExportCsv } from './ExportCsv.js';
import { StateMessage } from './StateMessage.js';
import { topicCsv } from './tableCsv.js';
import { downloadCsv } from './toCsv.js';
import { WaitingForMetrics } from './WaitingForMetrics.js';
import { matches, normalizeQuery, sortBy, useSort } from './sorting.js';
import type { SortDirection, SortState } from './sorting.js';
import { cx } from './cx.js';
import type { RootProps } from './types.js';
import { select } from '../core/selectors.js';
import { useSource } from '../react/useTakhinStore.js';
import { VirtualTable } from './VirtualTable.js';
import type { ColumnDef } from './VirtualTable.js';

/** A sortable column of {@link TopicTable}. */
export type TopicColumn =
  'name' | 'partitions' | 'totalMessages' | 'totalBytes' | 'produceRate' | 'fetchRate';

const COLUMNS: ReadonlyArray<ColumnDef<TopicColumn>> = [
  { key: 'name', label: 'Topic', width: '32%' },
  { key: 'partitions', label: 'Partitions', numeric: true, width: '13%' },
  { key: 'totalMessages', label: 'Messages', numeric: true },
  { key: 'totalBytes', label: 'Size', numeric: true },
  { key: 'produceRate', label: 'Produce msg/s', numeric: true },
  { key: 'fetchRate', label: 'Fetch msg/s', numeric: true },
];

const natural = (column: TopicColumn): SortDirection => (column === 'name' ? 'ascending' : 'descending');

export interface TopicTableProps extends RootProps {
  /**
   * Topics to show; `null` means "no metrics yet". Wins over the provider's store.
   * @default the store's latest `metrics.topicStats`
   */
  data?: TopicStat[] | null;
  /**
   * Whether the rates are measured; when false the rate columns read "pending".
   * @default the store's `metrics.ratesKnown`, else true
   */
  ratesKnown?: boolean;
  /**
   * Where the rates come from; `'offsets'` shows a "derived from offsets" badge and sets
   * `data-source="offsets"` (fetch then means messages committed by the groups the server knows).
   * @default the store's `metrics.throughputSource`, else null (not said)
   */
  source?: RateSource;
  /**
   * Which rates are measured; a rate marked `false` reads "—" (not measured), never 0.
   * @default the store's `metrics.throughputKnown`, else both measured
   */
  known?: Readonly<{ produceRate?: boolean; fetchRate?: boolean }>;
  /**
   * Initial sort.
   * @default { column: 'name', direction: 'ascending' }
   */
  defaultSort?: SortState<TopicColumn>;
  /**
   * Initial text of the filter box.
   * @default ''
   */
  defaultFilter?: string;
  /**
   * Height of the scrolling table, px.
   * @default 360
   */
  height?: number;
  /**
   * Height of every row, px (rows never wrap, so virtualization can rely on it).
   * @default 32
   */
  rowHeight?: number;
  /**
   * Rows rendered beyond each edge of the viewport.
   * @default 8
   */
  overscan?: number;
  /**
   * Title shown above the table; also the table's accessible name.
   * @default 'Topics'
   */
  title?: string;
  /** Locale for numbers. @default the runtime's */
  locale?: string;
}

/**
 * Per-topic partitions, messages, size and produce/fetch rates: sortable by any column, filterable by
 * name, virtualized for thousands of topics. Rows are keyed by topic name.
 */
export function TopicTable(props: TopicTableProps) {
  const {
    data: dataProp,
    ratesKnown: ratesProp,
    source: sourceProp,
    known: knownProp,
    defaultSort = { column: 'name', direction: 'ascending' },
    defaultFilter = '',
    height = 360,
    rowHeight = 32,
    overscan = 8,
    title = 'Topics',
    locale,
    theme,
    className,
    ...rest
  } = props;
  const data = useSource(dataProp, select.topicStats);
  const ratesKnown = useSource(ratesProp, select.ratesKnown) ?? true;
  const source = useSource(sourceProp, select.throughputSource) ?? null;
  const known = useSource(knownProp, select.throughputKnown);
  const [sort, toggleSort] = useSort(defaultSort, natural);
  const [filter, setFilter] = useState(defaultFilter);
  const query = normalizeQuery(filter);

  const rows = useMemo(() => {
    const visible = (data ?? []).filter((topic) => matches(topic.name, query));
    return sortBy(
      visible,
      (topic) => topic[sort.column],
      (topic) => topic.name,
      sort.direction,
    );
  }, [data, query, sort]);

  const options = { locale };
  const rate = (value: number, measured: boolean | undefined) =>
    !ratesKnown ? 'pending' : measured === false ? '—' : formatCompact(value, options);
  const unmeasured = known?.produceRate === false || known?.fetchRate === false;
  const renderRow = (index: number, ariaRowIndex: number) => {
    const topic = rows[index];
    return (
      <tr key={topic.name} aria-rowindex={ariaRowIndex} className="takhin-row">
        <th scope="row" className="takhin-name" title={topic.name}>
          {topic.name}
        </th>
        <td data-numeric="">{formatCount(topic.partitions, options)}</td>
        <td data-numeric="" title={formatCount(topic.totalMessages, options)}>
          {formatCompact(topic.totalMessages, options)}
        </td>
        <td data-numeric="">{formatBytes(topic.totalBytes, options)}</td>
        <td data-numeric="">{rate(topic.produceRate, known?.produceRate)}</td>
        <td data-numeric="">{rate(topic.fetchRate, known?.fetchRate)}</td>
      </tr>
    );
  };

  const total = data?.length ?? 0;
  const state = data == null ? 'loading' : total === 0 ? 'empty' : 'live';
  return (
    <section
      {...rest}
      className={cx('takhin', 'takhin-panel', 'takhin-topic-table', className)}
      data-theme={theme}
      data-state={state}
      data-rates={ratesKnown ? 'known' : 'pending'}
      data-source={source ?? undefined}
      aria-label={rest['aria-label'] ?? title}
    >
      <header className="takhin-panel-header">
        <h2 className="takhin-title">{title}</h2>
        <RateSourceBadge source={source} />
        {state === 'live' && (
          <div className="takhin-toolbar">
            <input
              type="search"
              className="takhin-filter"
              placeholder="Filter topics"
              aria-label="Filter topics by name"
              value={filter}
              onChange={(event) => setFilter(event.target.value)}
            />
            <ExportCsv
              filtered={query !== ''}
              onExport={(onlyShown) =>
                downloadCsv('topics.csv', topicCsv(data ?? [], Date.now(), onlyShown ? query : ''))
              }
            />
          </div>
        )}
      </header>
      {state === 'loading' && <WaitingForMetrics />}
      {state === 'empty' && (
        <StateMessage kind="empty">No topics yet. Topics appear here once created.</StateMessage>
      )}
      {state === 'live' && rows.length === 0 && (
        <StateMessage kind="empty">No topic matches “{filter.trim()}”.</StateMessage>
      )}
      {state === 'live' && rows.length > 0 && (
        <VirtualTable
          label={title}
          columns={COLUMNS}
          sort={sort}
          onSort={toggleSort}
          rowCount={rows.length}
          rowHeight={rowHeight}
          height={height}
          overscan={overscan}
          renderRow={renderRow}
        />
      )}
      {state === 'live' && (
        <p className="takhin-footnote" aria-live="polite">
          {rows.length === total
            ? `${formatCount(total, options)} topics`
            : `${formatCount(rows.length, options)} of ${formatCount(total, options)} topics`}
        </p>
      )}
      {state === 'live' && (source === 'offsets' || unmeasured) && (
        <p className="takhin-footnote" data-kind="source">
          {source === 'offsets' && `Rates derived from offsets: ${OFFSETS_EXPLAINED}`}
          {unmeasured && ' A rate that reads — is not measured.'}
        </p>
      )}
    </section>
  );
}
