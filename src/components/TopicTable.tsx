'use client';
import { memo, useMemo, useState } from 'react';
import type { TopicStat } from '../core/protocol.js';
import type { MetricsSample } from '../core/state.js';
import type { ConsumerLagData } from './lagRows.js';
import { Sparkline } from './Sparkline.js';
import { lagByTopic, produceRateSeries } from './topicTrends.js';
import type { TopicLag } from './topicTrends.js';
import { formatBytes, formatCompact, formatCount, plural } from './format.js';
import { OFFSETS_EXPLAINED, RateSourceBadge } from './RateSourceBadge.js';
import type { RateSource } from './RateSourceBadge.js';
import { ExportCsv } from './ExportCsv.js';
import { topicCsv } from './tableCsv.js';
import { downloadCsv } from './toCsv.js';
import { matches, normalizeQuery, sortBy, useSort } from './sorting.js';
import type { SortDirection, SortState } from './sorting.js';
import { cx } from './cx.js';
import { TableBody } from './TableBody.js';
import type { RootProps } from './types.js';
import { select } from '../core/selectors.js';
import { useSource } from '../react/context.js';
import type { ColumnDef } from './VirtualTable.js';
import { digitsAsZero } from './columnFit.js';
import { useColumnFit } from './useColumnFit.js';
import { holdOrder, useHeldOrder } from './useHeldOrder.js';
import { useStaleAttribute } from './useDataAge.js';

/** A sortable column of {@link TopicTable}. */
export type TopicColumn =
  'name' | 'partitions' | 'totalMessages' | 'totalBytes' | 'produceRate' | 'fetchRate' | 'lag';

/** The columns, first to go on a narrow panel: the sparkline, fetch rate, partitions, messages, size. */
const COLUMNS: ReadonlyArray<ColumnDef<TopicColumn>> = [
  { key: 'name', label: 'Topic' },
  { key: 'partitions', label: 'Partitions', numeric: true, priority: 40 },
  { key: 'totalMessages', label: 'Messages', numeric: true, sample: '0.00M', priority: 50 },
  { key: 'totalBytes', label: 'Size', numeric: true, sample: '00.0 MB', priority: 60 },
  { key: 'produceRate', label: 'Produce msg/s', numeric: true, sample: '0.00M', priority: 70 },
  { key: 'spark', label: 'Rate over window', sortable: false, fixed: 64, priority: 20 },
  { key: 'fetchRate', label: 'Fetch msg/s', numeric: true, sample: '0.00M', priority: 30 },
  { key: 'lag', label: 'Lag (groups)', numeric: true, priority: 80 },
];

/** Columns sized for the data: the partition count and the lag with its group count. */
function columnsFor(data: readonly TopicStat[], lagOf: ReadonlyMap<string, TopicLag>, locale?: string) {
  let partitions = 0;
  for (const topic of data) if (topic.partitions > partitions) partitions = topic.partitions;
  let lag = 0;
  let groups = 0;
  for (const entry of lagOf.values()) {
    if (entry.lag > lag) lag = entry.lag;
    if (entry.groups > groups) groups = entry.groups;
  }
  const options = { locale };
  // Digits as 0 (they are as wide as each other): the fit changes only when a digit count does.
  const samples: Partial<Record<TopicColumn, string>> = {
    partitions: digitsAsZero(formatCount(partitions, options)),
    lag: digitsAsZero(`${formatCount(lag, options)} (${formatCount(groups, options)})`),
  };
  return COLUMNS.map((c) => (c.key in samples ? { ...c, sample: samples[c.key as TopicColumn] } : c));
}

const NO_HISTORY: MetricsSample[] = [];
const NO_LAG: TopicLag = { lag: 0, groups: 0 };

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
   * Consumer groups whose lag fills the lag column (summed over the groups reading each topic).
   * @default the store's latest `metrics.consumerLags`
   */
  lags?: ConsumerLagData[] | null;
  /**
   * Samples the produce-rate sparklines draw (the window shown); samples need `topicRate`.
   * @default the store's history
   */
  history?: MetricsSample[];
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
   * Height of the scrolling table, px; a `--takhin-table-height` CSS variable on an ancestor wins (the
   * Dashboard sets it so its tables grow to the screen's height).
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

interface TopicRowProps {
  topic: TopicStat;
  ariaRowIndex: number;
  lag: TopicLag;
  history: readonly MetricsSample[];
  /** The rate cells' text, given a value and whether it is measured. */
  rate: (value: number, measured: boolean | undefined) => string;
  known: TopicTableProps['known'];
  shown: ReadonlySet<string>;
  locale?: string;
}

/** One topic row; memoised, and its sparkline series computed only while the row is rendered. */
const TopicRowView = memo(function TopicRowView(props: TopicRowProps) {
  const { topic, ariaRowIndex, lag, history, rate, known, shown, locale } = props;
  const options = { locale };
  return (
    <tr aria-rowindex={ariaRowIndex} className="takhin-row">
      <th scope="row" className="takhin-name" title={topic.name}>
        <span className="takhin-name-line">
          <span className="takhin-topic-name">{topic.name}</span>
        </span>
      </th>
      {shown.has('partitions') && <td data-numeric="">{formatCount(topic.partitions, options)}</td>}
      {shown.has('totalMessages') && (
        <td data-numeric="" title={formatCount(topic.totalMessages, options)}>
          {formatCompact(topic.totalMessages, options)}
        </td>
      )}
      {shown.has('totalBytes') && <td data-numeric="">{formatBytes(topic.totalBytes, options)}</td>}
      {shown.has('produceRate') && <td data-numeric="">{rate(topic.produceRate, known?.produceRate)}</td>}
      {shown.has('spark') && (
        <td className="takhin-spark-cell">
          {known?.produceRate !== false && (
            <Sparkline
              values={produceRateSeries(history, topic.name)}
              label={`Produce rate of ${topic.name} over the window`}
            />
          )}
        </td>
      )}
      {shown.has('fetchRate') && <td data-numeric="">{rate(topic.fetchRate, known?.fetchRate)}</td>}
      {lag.groups === 0 ? (
        <td data-numeric="" title="No consumer group reads this topic">
          —
        </td>
      ) : (
        <td
          data-numeric=""
          data-lag={lag.lag}
          title={`Lag summed over ${plural(lag.groups, 'group', 'groups', options)} reading the topic`}
        >
          {formatCount(lag.lag, options)}{' '}
          <span className="takhin-detail">
            ({formatCount(lag.groups, options)}
            <span className="takhin-sr"> {lag.groups === 1 ? 'group' : 'groups'}</span>)
          </span>
        </td>
      )}
    </tr>
  );
});

/**
 * Per-topic partitions, messages, size, produce/fetch rates, a sparkline of the produce rate over the
 * window and the lag of the groups reading it: sortable by any column, filterable by name,
 * virtualized for thousands of topics (only rows in view draw a sparkline). Rows are keyed by name.
 */
export function TopicTable(props: TopicTableProps) {
  const {
    data: dataProp,
    ratesKnown: ratesProp,
    source: sourceProp,
    known: knownProp,
    lags: lagsProp,
    history: historyProp,
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
  const lags = useSource(lagsProp, select.consumerLags);
  const history = useSource(historyProp, select.history) ?? NO_HISTORY;
  const lagOf = useMemo(() => lagByTopic(lags), [lags]);
  const [sort, toggleSort] = useSort(defaultSort, natural);
  const [filter, setFilter] = useState(defaultFilter);
  const query = normalizeQuery(filter);
  const stale = useStaleAttribute();
  const hold = useHeldOrder(`${sort.column} ${sort.direction} ${query}`);
  const { ranks, record } = hold;

  const rows = useMemo(() => {
    const visible = (data ?? []).filter((topic) => matches(topic.name, query));
    const value = (topic: TopicStat) => {
      if (sort.column !== 'lag') return topic[sort.column];
      const lag = lagOf.get(topic.name);
      return lag ? lag.lag : -1;
    };
    const sorted = sortBy(visible, value, (topic) => topic.name, sort.direction);
    return holdOrder(sorted, (topic) => topic.name, ranks);
  }, [data, query, sort, lagOf, ranks]);
  record(rows.map((topic) => topic.name));
  const columns = useMemo(() => columnsFor(data ?? [], lagOf, locale), [data, lagOf, locale]);
  const { ref: boxRef, fit, shown, visible } = useColumnFit(columns);

  const options = { locale };
  const rate = (value: number, measured: boolean | undefined) =>
    !ratesKnown ? 'pending' : measured === false ? '—' : formatCompact(value, options);
  const unmeasured = known?.produceRate === false || known?.fetchRate === false;
  const renderRow = (index: number, ariaRowIndex: number) => {
    const topic = rows[index];
    // Keyed by position: a re-sorted tick then changes text in place instead of moving rows (see
    // ConsumerLagTable); the order is held while the pointer or focus is in the table.
    return (
      <TopicRowView
        key={index}
        topic={topic}
        ariaRowIndex={ariaRowIndex}
        lag={lagOf.get(topic.name) ?? NO_LAG}
        history={history}
        rate={rate}
        known={known}
        shown={shown}
        locale={locale}
      />
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
      data-stale={stale}
      data-held={hold.held ? '' : undefined}
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
      <TableBody
        state={state}
        empty="No topics yet. Topics appear here once created."
        filter={filter}
        what="topic"
        onClearFilter={() => setFilter('')}
        boxRef={boxRef}
        held={hold.held}
        columns={COLUMNS}
        dropped={fit.dropped}
        table={{
          label: title,
          columns: visible,
          minWidth: fit.minWidth,
          containerProps: hold.handlers,
          sort,
          onSort: toggleSort,
          rowCount: rows.length,
          rowHeight,
          height,
          overscan,
          renderRow,
        }}
        footnote={
          <p className="takhin-footnote" aria-live="polite">
            {rows.length === total
              ? plural(total, 'topic', 'topics', options)
              : `${formatCount(rows.length, options)} of ${plural(total, 'topic', 'topics', options)}`}
          </p>
        }
      />
      {state === 'live' && (source === 'offsets' || unmeasured) && (
        <p className="takhin-footnote" data-kind="source">
          {source === 'offsets' && `Rates derived from offsets: ${OFFSETS_EXPLAINED}`}
          {unmeasured && ' A rate that reads — is not measured.'}
        </p>
      )}
    </section>
  );
}
