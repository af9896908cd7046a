'use client';
import { useCallback, useDeferredValue, useMemo, useState } from 'react';
import type { TopicStat } from '../core/protocol.js';
import type { MetricsSample } from '../core/state.js';
import { formatCount, plural } from './format.js';
import { buildLagRows, DEFAULT_LAG_THRESHOLDS } from './lagRows.js';
import type { ConsumerLagData, Expansion, LagColumn, LagRow, LagThresholds } from './lagRows.js';
import { LagRowView } from './LagRowView.js';
import { normalizeQuery, useSort } from './sorting.js';
import type { SortDirection, SortState } from './sorting.js';
import { cx } from './cx.js';
import { TableBody } from './TableBody.js';
import { produceRates } from './timeBehind.js';
import type { RootProps } from './types.js';
import { ExportCsv } from './ExportCsv.js';
import { lagCsv } from './tableCsv.js';
import { downloadCsv } from './toCsv.js';
import { useThresholdAlerts } from './useThresholdAlerts.js';
import type { ThresholdCrossing } from './useThresholdAlerts.js';
import { select } from '../core/selectors.js';
import { useSource } from '../react/context.js';
import { useTrackGroupLag } from '../react/useTrackGroupLag.js';
import type { ColumnDef } from './VirtualTable.js';
import { digitsAsZero } from './columnFit.js';
import { useColumnFit } from './useColumnFit.js';
import { useHeldOrder } from './useHeldOrder.js';
import { useStaleAttribute } from './useDataAge.js';

/**
 * The columns, widest first to go: on a narrow panel the partition offsets, then the sparkline, the
 * consume rate and the trend are left out (and named in a footnote); name and lag always stay.
 */
const COLUMNS: ReadonlyArray<ColumnDef<LagColumn>> = [
  { key: 'name', label: 'Group / topic / partition' },
  {
    key: 'currentOffset',
    label: 'Current offset',
    numeric: true,
    priority: 10,
    title: 'Orders partitions by committed offset; groups and topics by lag',
  },
  {
    key: 'logEndOffset',
    label: 'Log-end offset',
    numeric: true,
    priority: 11,
    title: 'Orders partitions by log-end offset; groups and topics by lag',
  },
  { key: 'lag', label: 'Lag', numeric: true },
  { key: 'spark', label: 'Over window', sortable: false, fixed: 64, priority: 20 },
  { key: 'consumeRate', label: 'Consume msg/s', numeric: true, sample: '0.00M', priority: 30 },
  { key: 'behind', label: 'Time behind (est.)', numeric: true, sample: '~00 min 00 s', priority: 90 },
  { key: 'trend', label: 'Trend', numeric: true, sample: '↓ 0.00M/s', priority: 40 },
  { key: 'eta', label: 'Catch-up', numeric: true, priority: 80 },
];
const OFFSET_COLUMNS = new Set<string>(['currentOffset', 'logEndOffset']);
/** The widest level mark a lag cell starts with (see LagRowView). */
const LEVEL_MARK = { critical: '✖' } as const;

/**
 * The columns for the rows shown, sized by their widest value: offsets only while a partition row is
 * shown (they are empty on group and topic rows), the catch-up column by the longest wording present.
 */
function columnsFor(rows: readonly LagRow[], warning: number, locale?: string): ColumnDef<LagColumn>[] {
  let lag = 0;
  let offset = -1;
  let eta = 'caught up';
  for (const row of rows) {
    if (row.lag > lag) lag = row.lag;
    if (row.kind === 'partition') offset = Math.max(offset, row.logEndOffset, row.currentOffset);
    else if (row.eta !== Infinity && row.eta > 0 && eta.length < 12) eta = '~00 min 00 s';
    else if (row.eta === Infinity && eta.length < 15)
      eta = row.lag >= warning ? 'not catching up' : 'falling behind';
  }
  // Digits as 0 (they are as wide as each other): the columns, and so the fit, change only when a
  // digit count does, not on every tick.
  const samples: Partial<Record<LagColumn, string>> = {
    lag: digitsAsZero(`${LEVEL_MARK.critical} ${formatCount(lag, { locale })}`),
    currentOffset: digitsAsZero(formatCount(offset, { locale })),
    logEndOffset: digitsAsZero(formatCount(offset, { locale })),
    eta,
  };
  return COLUMNS.filter((c) => offset >= 0 || !OFFSET_COLUMNS.has(c.key)).map((c) =>
    c.key in samples ? { ...c, sample: samples[c.key as LagColumn] } : c,
  );
}

const natural = (column: LagColumn): SortDirection => (column === 'name' ? 'ascending' : 'descending');
const DEPTH = { none: 0, groups: 1, all: 2 } as const;
const NO_HISTORY: MetricsSample[] = [];

export { DEFAULT_LAG_THRESHOLDS };

export interface ConsumerLagTableProps extends RootProps {
  /**
   * Consumer groups to show; `null` means "no metrics yet". Wins over the provider's store. Rows with a
   * `consumeRate` (as `Metrics.consumerLags` has, derived from committed offsets) fill the "Consume
   * msg/s" column; without one it reads "—".
   * @default the store's latest `metrics.consumerLags`
   */
  data?: ConsumerLagData[] | null;
  /**
   * Samples the lag trends, sparklines and catch-up estimates are computed from (the window shown).
   * @default the store's history
   */
  history?: MetricsSample[];
  /**
   * Topics whose produce rates give the estimated time behind (lag ÷ produce rate); `null` while none
   * is known.
   * @default the store's latest `metrics.topicStats` (once `metrics.ratesKnown`)
   */
  topics?: TopicStat[] | null;
  /**
   * Lag levels that colour rows (`data-threshold`) and fire `onThresholdCrossed`.
   * @default { warning: 1000, critical: 10000 }
   */
  thresholds?: LagThresholds;
  /**
   * Called once each time a group's or topic's lag rises into a higher level (not on every render).
   * Given later, it first hears of the levels reached while there was none, as on a first tick.
   * @default undefined
   */
  onThresholdCrossed?: (crossing: ThresholdCrossing) => void;
  /**
   * Which levels start open.
   * @default 'none'
   */
  defaultExpanded?: 'none' | 'groups' | 'all';
  /**
   * Initial sort.
   * @default { column: 'lag', direction: 'descending' }
   */
  defaultSort?: SortState<LagColumn>;
  /**
   * Initial text of the filter box (matches group ids and topic names).
   * @default ''
   */
  defaultFilter?: string;
  /**
   * How many of the newest history samples each trend is fitted over (30 = one minute at 2 s).
   * @default 30
   */
  trendSamples?: number;
  /**
   * Height of the scrolling table, px; a `--takhin-table-height` CSS variable on an ancestor wins (the
   * Dashboard sets it so its tables grow to the screen's height).
   * @default 420
   */
  height?: number;
  /**
   * Height of every row, px.
   * @default 32
   */
  rowHeight?: number;
  /**
   * Rows rendered beyond each edge of the viewport.
   * @default 8
   */
  overscan?: number;
  /**
   * Title above the table; also its accessible name.
   * @default 'Consumer lag'
   */
  title?: string;
  /** Locale for numbers. @default the runtime's */
  locale?: string;
}

/** Which rows are open, and how to flip one or all of them. */
function useExpansion(defaultExpanded: 'none' | 'groups' | 'all') {
  const [expansion, setExpansion] = useState<Expansion>(() => ({
    depth: DEPTH[defaultExpanded],
    toggled: new Set(),
  }));
  const toggle = useCallback(
    (key: string) =>
      setExpansion((current) => {
        const toggled = new Set(current.toggled);
        if (!toggled.delete(key)) toggled.add(key);
        return { depth: current.depth, toggled };
      }),
    [],
  );
  const expandAll = (depth: 0 | 2) => setExpansion({ depth, toggled: new Set() });
  return { expansion, toggle, expandAll };
}

/**
 * Topic lags are kept in the history only for tracked groups (and the highest pairs): tracks the
 * groups whose topic rows are on screen, so their trends fill in without tracking every group.
 * Returns the callback the table reports its rendered range to.
 */
function useTrackShownGroups(rows: readonly LagRow[], enabled: boolean) {
  const [range, setRange] = useState<readonly [number, number]>([0, 0]);
  const onRangeChange = useCallback((start: number, end: number) => setRange([start, end]), []);
  const shownGroups = useMemo(() => {
    const ids = new Set<string>();
    for (const row of rows.slice(range[0], range[1]))
      if (row.kind !== 'group' || row.expanded) ids.add(row.groupId);
    return [...ids];
  }, [rows, range]);
  useTrackGroupLag(enabled ? shownGroups : null);
  return onRangeChange;
}

interface ToolbarProps {
  filter: string;
  onFilter: (value: string) => void;
  query: string;
  data: readonly ConsumerLagData[];
  onExpandAll: (depth: 0 | 2) => void;
}

function LagTableToolbar({ filter, onFilter, query, data, onExpandAll }: ToolbarProps) {
  return (
    <div className="takhin-toolbar">
      <input
        type="search"
        className="takhin-filter"
        placeholder="Filter groups or topics"
        aria-label="Filter by group or topic"
        value={filter}
        onChange={(event) => onFilter(event.target.value)}
      />
      <ExportCsv
        filtered={query !== ''}
        onExport={(onlyShown) =>
          downloadCsv('consumer-lag.csv', lagCsv(data, Date.now(), onlyShown ? query : ''))
        }
      />
      <button type="button" className="takhin-button" onClick={() => onExpandAll(2)}>
        Expand all
      </button>
      <button type="button" className="takhin-button" onClick={() => onExpandAll(0)}>
        Collapse all
      </button>
    </div>
  );
}

/**
 * Consumer lag as a group → topic → partition tree: expandable rows, sortable columns, a filter,
 * threshold colouring with a once-per-crossing callback, and per group and topic a sparkline of the
 * lag over the window, the estimated time behind (lag ÷ produce rate), a trend arrow and a catch-up
 * estimate (inside a provider, the groups whose topics are on screen are tracked with
 * `useTrackGroupLag`, so their topic trends build up from the samples taken since). Virtualized:
 * 10,000+ partition rows render only what is in view, and only those compute a sparkline.
 */
export function ConsumerLagTable(props: ConsumerLagTableProps) {
  const {
    data: dataProp,
    history: historyProp,
    topics: topicsProp,
    thresholds = DEFAULT_LAG_THRESHOLDS,
    onThresholdCrossed,
    defaultExpanded = 'none',
    defaultSort = { column: 'lag', direction: 'descending' },
    defaultFilter = '',
    trendSamples = 30,
    height = 420,
    rowHeight = 32,
    overscan = 8,
    title = 'Consumer lag',
    locale,
    theme,
    className,
    ...rest
  } = props;
  const data = useSource(dataProp, select.consumerLags);
  const history = useSource(historyProp, select.history) ?? NO_HISTORY;
  const topics = useSource(topicsProp, select.topicStats);
  const ratesKnown = useSource(topicsProp === undefined ? undefined : true, select.ratesKnown) ?? false;
  const rates = useMemo(() => produceRates(topics, ratesKnown, history), [topics, ratesKnown, history]);
  const [sort, toggleSort] = useSort(defaultSort, natural);
  const [filter, setFilter] = useState(defaultFilter);
  const { expansion, toggle, expandAll } = useExpansion(defaultExpanded);
  useThresholdAlerts(data, thresholds, onThresholdCrossed);
  const stale = useStaleAttribute();

  const query = normalizeQuery(filter);
  // Typing stays responsive on a big cluster: the box shows each key at once, the rows follow in an
  // interruptible render.
  const shownQuery = useDeferredValue(query);
  const { warning, critical } = thresholds;
  const hold = useHeldOrder(`${sort.column} ${sort.direction} ${query}`);
  const { ranks, record } = hold;
  const rows = useMemo(
    () =>
      buildLagRows({
        data: data ?? [],
        history,
        expansion,
        query: shownQuery,
        sort,
        thresholds: { warning, critical },
        trendSamples,
        rates,
        ranks,
      }),
    [data, history, expansion, shownQuery, sort, warning, critical, trendSamples, rates, ranks],
  );
  record(rows.map((row) => row.key));
  const onRangeChange = useTrackShownGroups(rows, historyProp === undefined);
  const columns = useMemo(() => columnsFor(rows, warning, locale), [rows, warning, locale]);
  const { ref: boxRef, fit, shown, visible } = useColumnFit(columns);

  const groups = data?.length ?? 0;
  const state = data == null ? 'loading' : groups === 0 ? 'empty' : 'live';
  const worst = data?.reduce((max, g) => Math.max(max, g.totalLag), 0) ?? 0;
  const level = worst >= critical ? 'critical' : worst >= warning ? 'warning' : undefined;
  const options = { locale };

  return (
    <section
      {...rest}
      className={cx('takhin', 'takhin-panel', 'takhin-lag-table', className)}
      data-theme={theme}
      data-state={state}
      data-threshold={level}
      data-stale={stale}
      data-held={hold.held ? '' : undefined}
      data-query={shownQuery === '' ? undefined : shownQuery}
      data-filtering={shownQuery === query ? undefined : ''}
      aria-label={rest['aria-label'] ?? title}
    >
      <header className="takhin-panel-header">
        <h2 className="takhin-title">{title}</h2>
        {state === 'live' && (
          <LagTableToolbar
            filter={filter}
            onFilter={setFilter}
            query={query}
            data={data ?? []}
            onExpandAll={expandAll}
          />
        )}
      </header>
      <TableBody
        state={state}
        empty="No consumer groups have committed offsets yet."
        filter={filter}
        what="group or topic"
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
          onRangeChange,
          // Keyed by position, not by row: a tick re-sorts the rows, and moving or replacing table rows
          // costs the browser a new layout of each, where a row reused in place only changes its text.
          // While the pointer or focus is in the table the order is held, so a row never changes under them.
          renderRow: (index, ariaRowIndex) => (
            <LagRowView
              key={index}
              row={rows[index]}
              ariaRowIndex={ariaRowIndex}
              onToggle={toggle}
              history={history}
              warning={warning}
              shown={shown}
              locale={locale}
            />
          ),
        }}
        footnote={
          <p className="takhin-footnote">
            {plural(groups, 'group', 'groups', options)} · warning at {formatCount(warning, options)},
            critical at {formatCount(critical, options)} messages of lag (a group by its total, a topic by its
            worst partition) · time behind is an estimate: lag ÷ the topics&rsquo; produce rate over the last
            samples
          </p>
        }
      />
    </section>
  );
}
