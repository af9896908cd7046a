'use client';
import { memo, useMemo } from 'react';
import type { MetricsSample } from '../core/state.js';
import { NO_HISTORY, spanText, toPoints } from './chartData.js';
import { scaledUnit } from './axisTicks.js';
import type { AxisUnit } from './axisTicks.js';
import { COLORS, DASHES } from './chartStyle.js';
import { formatBytesRate, formatCompact, formatRate } from './format.js';
import { OFFSETS_EXPLAINED, RateSourceBadge } from './RateSourceBadge.js';
import type { RateSource } from './RateSourceBadge.js';
import { WaitingForMetrics } from './WaitingForMetrics.js';
import { TimeSeriesChart } from './TimeSeriesChart.js';
import type { Series } from './TimeSeriesChart.js';
import { cx } from './cx.js';
import type { RootProps } from './types.js';
import { select } from '../core/selectors.js';
import { useSource } from '../react/context.js';
import { useStaleAttribute } from './useDataAge.js';
import { StateMessage } from './StateMessage.js';

const MESSAGES: readonly Series[] = [
  { key: 'produceRate', name: 'Produce', color: COLORS.produce },
  { key: 'fetchRate', name: 'Fetch', color: COLORS.fetch, dash: DASHES.fetch },
];
const BYTES: readonly Series[] = [
  { key: 'produceBytes', name: 'Produce', color: COLORS.produce },
  { key: 'fetchBytes', name: 'Fetch', color: COLORS.fetch, dash: DASHES.fetch },
];
type Throughput = MetricsSample['throughput'];
/** Which throughput figures are measured; a missing key counts as measured. */
export type ThroughputKnown = Readonly<Partial<Record<keyof Throughput, boolean>>>;

const ALL_KNOWN: ThroughputKnown = {};
const NOT_MEASURED: Record<keyof Throughput, string> = {
  produceRate: 'produce messages/s',
  fetchRate: 'fetch messages/s',
  produceBytes: 'produce bytes/s',
  fetchBytes: 'fetch bytes/s',
};

/** The series of a chart, the unmeasured ones renamed so the legend says why they have no line. */
function seriesFor(series: readonly Series[], known: ThroughputKnown): readonly Series[] {
  if (series.every((s) => known[s.key as keyof Throughput] !== false)) return series;
  return series.map((s) =>
    known[s.key as keyof Throughput] === false ? { ...s, name: `${s.name} (not measured)` } : s,
  );
}

/** One of the two charts: what it plots and how its values read. */
interface ChartSpec {
  view: 'messages' | 'bytes';
  title: string;
  description: string;
  series: readonly Series[];
  produce: keyof Throughput;
  fetch: keyof Throughput;
  format: (value: number) => string;
  axis: (top: number) => AxisUnit;
}

function chartsFor(locale: string | undefined): ChartSpec[] {
  const options = { locale };
  return [
    {
      view: 'messages',
      title: 'Messages',
      description: 'Messages per second',
      series: MESSAGES,
      produce: 'produceRate',
      fetch: 'fetchRate',
      format: (value) => formatRate(value, options),
      axis: () => ({ title: 'msg/s', format: (value) => formatCompact(value, options) }),
    },
    {
      view: 'bytes',
      title: 'Bytes',
      description: 'Bytes per second',
      series: BYTES,
      produce: 'produceBytes',
      fetch: 'fetchBytes',
      format: (value) => formatBytesRate(value, options),
      axis: (top) => scaledUnit(top, 1000, ['B/s', 'kB/s', 'MB/s', 'GB/s', 'TB/s', 'PB/s'], locale),
    },
  ];
}

export interface ThroughputChartProps extends RootProps {
  /**
   * Samples to plot, oldest first, rates per second. Wins over the provider's store.
   * @default the store's history
   */
  history?: MetricsSample[];
  /**
   * Whether rates are measured yet; when false the chart says "rates pending".
   * @default the store's `metrics.ratesKnown`, else the newest sample's `ratesKnown`
   */
  ratesKnown?: boolean;
  /**
   * Where the rates come from; `'offsets'` shows a "derived from offsets" badge and sets
   * `data-source="offsets"`.
   * @default the store's `metrics.throughputSource`, else null (not said)
   */
  source?: RateSource;
  /**
   * Which figures are measured. A figure marked `false` (e.g. fetch bytes, which offsets cannot give)
   * is drawn as no line at all and named "not measured", never as a line at zero.
   * @default the store's `metrics.throughputKnown`, else every figure measured
   */
  known?: ThroughputKnown;
  /**
   * Which charts to show.
   * @default 'both'
   */
  view?: 'messages' | 'bytes' | 'both';
  /**
   * Fixed width of each chart, px; without it charts fill their container.
   * @default undefined
   */
  width?: number;
  /**
   * Height of each chart, px.
   * @default 180
   */
  height?: number;
  /**
   * Title above the charts.
   * @default 'Throughput'
   */
  title?: string;
  /** Locale for numbers and times. @default the runtime's */
  locale?: string;
}

/**
 * Messages/s and bytes/s over time, produce against fetch. Memoised.
 */
export const ThroughputChart = memo(function ThroughputChart(props: ThroughputChartProps) {
  const {
    history: historyProp,
    ratesKnown: ratesProp,
    source: sourceProp,
    known: knownProp,
    view = 'both',
    width,
    height = 180,
    title = 'Throughput',
    locale,
    theme,
    className,
    ...rest
  } = props;
  const source = useSource(sourceProp, select.throughputSource) ?? null;
  const liveRatesKnown = useSource(ratesProp, select.ratesKnown);
  const liveKnown = useSource(knownProp, select.throughputKnown) ?? ALL_KNOWN;
  const known = liveKnown;
  const history = useSource(historyProp, select.history) ?? NO_HISTORY;
  const latest = history[history.length - 1];
  const ratesKnown = liveRatesKnown ?? latest?.ratesKnown ?? false;
  // Before any sample has rates, one sentence says so: no empty charts, no badge repeating it.
  const anyRates = useMemo(
    () => ratesKnown || history.some((sample) => sample.ratesKnown),
    [ratesKnown, history],
  );
  const stale = useStaleAttribute();
  // Samples without measured rates are gaps, and unmeasured figures have no line: neither is a zero.
  const data = useMemo(
    () =>
      toPoints(history, ({ ratesKnown: sampleKnown, throughput: t }) => ({
        produceRate: sampleKnown && known.produceRate !== false ? t.produceRate : null,
        fetchRate: sampleKnown && known.fetchRate !== false ? t.fetchRate : null,
        produceBytes: sampleKnown && known.produceBytes !== false ? t.produceBytes : null,
        fetchBytes: sampleKnown && known.fetchBytes !== false ? t.fetchBytes : null,
      })),
    [history, known],
  );
  const charts = useMemo(
    () => chartsFor(locale).map((chart) => ({ ...chart, series: seriesFor(chart.series, known) })),
    [locale, known],
  );
  const unmeasured = (Object.keys(NOT_MEASURED) as Array<keyof Throughput>).filter((k) => known[k] === false);
  const span = spanText(history, locale);
  const figure = (chart: ChartSpec, key: keyof Throughput) =>
    known[key] === false ? 'not measured' : chart.format(latest!.throughput[key]);
  const describe = (chart: ChartSpec) =>
    ratesKnown && latest
      ? `${chart.description} over ${span}${source === 'offsets' ? ', derived from offsets' : ''}. ` +
        `Latest produce ${figure(chart, chart.produce)}, fetch ${figure(chart, chart.fetch)}.`
      : `${chart.description}: rates pending.`;

  return (
    <section
      {...rest}
      className={cx('takhin', 'takhin-panel', 'takhin-throughput', className)}
      data-theme={theme}
      data-state={latest ? 'live' : 'loading'}
      data-rates={ratesKnown ? 'known' : 'pending'}
      data-source={source ?? undefined}
      data-stale={stale}
      data-unmeasured={unmeasured.length > 0 ? unmeasured.join(' ') : undefined}
      aria-label={rest['aria-label'] ?? title}
    >
      <header className="takhin-panel-header">
        <h2 className="takhin-title">{title}</h2>
        <RateSourceBadge source={source} />
        {anyRates && !ratesKnown && (
          <span className="takhin-badge" role="status">
            rates pending
          </span>
        )}
      </header>
      {!latest && <WaitingForMetrics />}
      {latest && !anyRates && (
        <StateMessage kind="pending">
          Rates pending: the first rate needs two samples from the server.
        </StateMessage>
      )}
      {latest &&
        anyRates &&
        charts
          .filter((chart) => view === 'both' || view === chart.view)
          .map((chart) => (
            <div className="takhin-subchart" key={chart.view}>
              <h3 className="takhin-subtitle">{chart.title}</h3>
              <TimeSeriesChart
                data={data}
                series={chart.series}
                formatValue={chart.format}
                axisUnit={chart.axis}
                summary={describe(chart)}
                width={width}
                height={height}
                locale={locale}
              />
            </div>
          ))}
      {latest && ratesKnown && (source === 'offsets' || unmeasured.length > 0) && (
        <p className="takhin-footnote" data-kind="source">
          {source === 'offsets' && `Derived from offsets: ${OFFSETS_EXPLAINED} `}
          {unmeasured.length > 0 &&
            `Not measured, so not drawn: ${unmeasured.map((k) => NOT_MEASURED[k]).join(', ')}.`}
        </p>
      )}
    </section>
  );
});
