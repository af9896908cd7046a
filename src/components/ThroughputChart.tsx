'use client';
import { memo, useMemo } from 'react';
import type { MetricsSample } from '../core/state.js';
import { spanText, toPoints } from './chartData.js';
import { formatBytesRate, formatRate } from './format.js';
import { StateMessage, WAITING_FOR_METRICS } from './StateMessage.js';
import { TimeSeriesChart } from './TimeSeriesChart.js';
import type { Series } from './TimeSeriesChart.js';
import { cx } from './types.js';
import type { RootProps } from './types.js';
import { select, useSource } from './useSource.js';
import { useChartSource } from './useChartSource.js';

const MESSAGES: readonly Series[] = [
  { key: 'produceRate', name: 'Produce', color: 'var(--takhin-produce)' },
  { key: 'fetchRate', name: 'Fetch', color: 'var(--takhin-fetch)' },
];
const BYTES: readonly Series[] = [
  { key: 'produceBytes', name: 'Produce', color: 'var(--takhin-produce)' },
  { key: 'fetchBytes', name: 'Fetch', color: 'var(--takhin-fetch)' },
];
type Throughput = MetricsSample['throughput'];

/** One of the two charts: what it plots and how its values read. */
interface ChartSpec {
  view: 'messages' | 'bytes';
  title: string;
  description: string;
  series: readonly Series[];
  produce: keyof Throughput;
  fetch: keyof Throughput;
  format: (value: number) => string;
}

function chartsFor(locale: string | undefined): ChartSpec[] {
  const options = { locale };
  return [
    {
      view: 'messages',
      title: 'Messages/s',
      description: 'Messages per second',
      series: MESSAGES,
      produce: 'produceRate',
      fetch: 'fetchRate',
      format: (value) => formatRate(value, options),
    },
    {
      view: 'bytes',
      title: 'Bytes/s',
      description: 'Bytes per second',
      series: BYTES,
      produce: 'produceBytes',
      fetch: 'fetchBytes',
      format: (value) => formatBytesRate(value, options),
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
 * Messages/s and bytes/s over time, produce against fetch. Memoised, and redrawn one painted frame
 * after the rest of an update, in a low-priority render: a tick paints the tables and numbers first.
 */
export const ThroughputChart = memo(function ThroughputChart(props: ThroughputChartProps) {
  const {
    history: historyProp,
    ratesKnown: ratesProp,
    view = 'both',
    width,
    height = 180,
    title = 'Throughput',
    locale,
    theme,
    className,
    ...rest
  } = props;
  const { history, flag: shownRatesKnown } = useChartSource(
    useSource(historyProp, select.history),
    useSource(ratesProp, select.ratesKnown),
  );
  const latest = history[history.length - 1];
  const ratesKnown = shownRatesKnown ?? latest?.ratesKnown ?? false;
  // Samples without measured rates are gaps, not zeros.
  const data = useMemo(
    () =>
      toPoints(history, ({ ratesKnown: known, throughput: t }) =>
        known ? { ...t } : { produceRate: null, fetchRate: null, produceBytes: null, fetchBytes: null },
      ),
    [history],
  );
  const charts = useMemo(() => chartsFor(locale), [locale]);
  const span = spanText(history, locale);
  const describe = (what: string, produce: string, fetch: string) =>
    ratesKnown && latest
      ? `${what} over ${span}. Latest produce ${produce}, fetch ${fetch}.`
      : `${what}: rates pending.`;

  return (
    <section
      {...rest}
      className={cx('takhin', 'takhin-panel', 'takhin-throughput', className)}
      data-theme={theme}
      data-state={latest ? 'live' : 'loading'}
      data-rates={ratesKnown ? 'known' : 'pending'}
      aria-label={rest['aria-label'] ?? title}
    >
      <header className="takhin-panel-header">
        <h2 className="takhin-title">{title}</h2>
        {latest && !ratesKnown && (
          <span className="takhin-badge" role="status">
            rates pending
          </span>
        )}
      </header>
      {!latest && <StateMessage kind="loading">{WAITING_FOR_METRICS}</StateMessage>}
      {latest && !ratesKnown && (
        <p className="takhin-note">Rates pending: the first rate needs two samples from the server.</p>
      )}
      {latest &&
        charts
          .filter((chart) => view === 'both' || view === chart.view)
          .map((chart) => (
            <div className="takhin-subchart" key={chart.view}>
              <h3 className="takhin-subtitle">{chart.title}</h3>
              <TimeSeriesChart
                data={data}
                series={chart.series}
                formatValue={chart.format}
                summary={describe(
                  chart.description,
                  chart.format(latest.throughput[chart.produce]),
                  chart.format(latest.throughput[chart.fetch]),
                )}
                width={width}
                height={height}
                locale={locale}
              />
            </div>
          ))}
    </section>
  );
});
