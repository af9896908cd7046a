'use client';
import { memo, useMemo, useState } from 'react';
import type { TopicStat } from '../core/protocol.js';
import type { MetricsSample } from '../core/state.js';
import type { ConsumerLagData } from './lagRows.js';
import { Sparkline } from './Sparkline.js';
import { lagByTopic, produceRateSeries } from './topicTrends.js';
import type { TopicLag } from './topicTrends.js';
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
import { useSource } from '../react/context.js';
import { VirtualTable } from './VirtualTable.js';
import type { ColumnDef } from './VirtualTable.js';

/** A sortable column of {@link TopicTable}. */
export type TopicColumn =
  'name' | 'partitions' | 'totalMessages' | 'totalBytes' | 'produceRate' | 'fetchRate' | 'lag';

const COLUMNS: ReadonlyArray<ColumnDef<TopicColumn>> = [
  { key: 'name', label: 'Topic', width: '24%' },
  { key: 'partitions', label: 'Partitions', numeric: true, width: '10%' },
  { key: 'totalMessages', label: 'Messages', numeric: true },
  { key: 'totalBytes', label: 'Size', numeric: true },
  { key: 'produceRate', label: 'Produce msg/s', numeric: true },
  { key: 'spark', label: 'Rate over window', width: '12%', sortable: false },
  { key: 'fetchRate', label: 'Fetch msg/s', numeric: true },
  { key: 'lag', label: 'Lag (groups)', numeric: true, width: '13%' },
];
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

interface TopicRowProps {
  topic: TopicStat;
  ariaRowIndex: number;
  lag: TopicLag;
  history: readonly MetricsSample[];
  /** The rate cells' text, given a value and whether it is measured. */
  rate: (value: number, measured: boolean | undefined) => string;
  known: TopicTableProps['known'];
  locale?: string;
}

/** One topic row; memoised, and its sparkline series computed only while the row is rendered. */
const TopicRowView = memo(function TopicRowView(props: TopicRowProps) {
  const { topic, ariaRowIndex, lag, history, rate, known, locale } = props;
  const options = { locale };
  return (
    <tr aria-rowindex={ariaRowIndex} className="takhin-row">
      <th scope="row" className="takhin-name" title={topic.name}>
        {topic.name}
      </th>
      <td data-numeric="">{formatCount(topic.partitions, options)}</td>
      <td data-numeric="" title={formatCount(topic.totalMessages, options)}>
        {formatCompact(topic.totalMessages, options)}
      </td>
      <td data-numeric="">{formatBytes(topic.totalBytes, options)}</td>
      <td data-numeric="">{rate(topic.produceRate, known?.produceRate)}</td>
      <td className="takhin-spark-cell">
        {known?.produceRate !== false && (
          <Sparkline
            values={produceRateSeries(history, topic.name)}
            label={`Produce rate of ${topic.name} over the window`}
          />
        )}
      </td>
      <td data-numeric="">{rate(topic.fetchRate, known?.fetchRate)}</td>
      {lag.groups === 0 ? (
        <td data-numeric="" title="No consumer group reads this topic">
          —
        </td>
      ) : (
        <td data-numeric="" data-lag={lag.lag}>
          {formatCount(lag.lag, options)}{' '}
          <span className="takhin-detail">
            ({formatCount(lag.groups, options)} {lag.groups === 1 ? 'group' : 'groups'})
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

  const rows = useMemo(() => {
    const visible = (data ?? []).filter((topic) => matches(topic.name, query));
    const value = (topic: TopicStat) => {
      if (sort.column !== 'lag') return topic[sort.column];
      const lag = lagOf.get(topic.name);
      return lag ? lag.lag : -1;
    };
    return sortBy(visible, value, (topic) => topic.name, sort.direction);
  }, [data, query, sort, lagOf]);

  const options = { locale };
  const rate = (value: number, measured: boolean | undefined) =>
    !ratesKnown ? 'pending' : measured === false ? '—' : formatCompact(value, options);
  const unmeasured = known?.produceRate === false || known?.fetchRate === false;
  const renderRow = (index: number, ariaRowIndex: number) => {
    const topic = rows[index];
    return (
      <TopicRowView
        key={topic.name}
        topic={topic}
        ariaRowIndex={ariaRowIndex}
        lag={lagOf.get(topic.name) ?? NO_LAG}
        history={history}
        rate={rate}
        known={known}
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
