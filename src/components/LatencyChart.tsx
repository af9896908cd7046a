'use client';
import { memo, useCallback, useMemo } from 'react';
import type { Latency } from '../core/protocol.js';
import type { MetricsSample } from '../core/state.js';
import { spanText, toPoints } from './chartData.js';
import { formatMs } from './format.js';
import { StateMessage } from './StateMessage.js';
import { WaitingForMetrics } from './WaitingForMetrics.js';
import { TimeSeriesChart } from './TimeSeriesChart.js';
import type { Series } from './TimeSeriesChart.js';
import { cx } from './types.js';
import type { RootProps } from './types.js';
import { select, useSource } from './useSource.js';
import { useChartSource } from './useChartSource.js';

const SERIES: readonly Series[] = [
  { key: 'produceP50', name: 'Produce p50', color: 'var(--takhin-p50)' },
  { key: 'produceP95', name: 'Produce p95', color: 'var(--takhin-p95)' },
  { key: 'produceP99', name: 'Produce p99', color: 'var(--takhin-p99)' },
  { key: 'fetchP50', name: 'Fetch p50', color: 'var(--takhin-p50)', dashed: true },
  { key: 'fetchP95', name: 'Fetch p95', color: 'var(--takhin-p95)', dashed: true },
  { key: 'fetchP99', name: 'Fetch p99', color: 'var(--takhin-p99)', dashed: true },
];

const anyLatency = (l: Latency) =>
  l.produceP50 > 0 ||
  l.produceP95 > 0 ||
  l.produceP99 > 0 ||
  l.fetchP50 > 0 ||
  l.fetchP95 > 0 ||
  l.fetchP99 > 0;

const GAP = {
  produceP50: null,
  produceP95: null,
  produceP99: null,
  fetchP50: null,
  fetchP95: null,
  fetchP99: null,
};

export interface LatencyChartProps extends RootProps {
  /**
   * Samples to plot, oldest first, latency in ms. Wins over the provider's store.
   * @default the store's history
   */
  history?: MetricsSample[];
  /**
   * Whether the percentiles are estimates from a mean (the real server's); shows a note when true.
   * @default the store's `metrics.latencyEstimated`, else false
   */
  estimated?: boolean;
  /**
   * Whether the server measures latency at all. While false the chart shows "This server does not
   * measure latency" instead of lines at zero (the Takhin Console reports 0 for every latency figure),
   * and sets `data-latency="not-measured"`.
   * @default the store's `metrics.latencyReported`, else whether any sample of `history` has a non-zero latency
   */
  reported?: boolean;
  /**
   * Fixed chart width, px; without it the chart fills its container.
   * @default undefined
   */
  width?: number;
  /**
   * Chart height, px.
   * @default 240
   */
  height?: number;
  /**
   * Title above the chart.
   * @default 'Latency'
   */
  title?: string;
  /** Locale for numbers and times. @default the runtime's */
  locale?: string;
}

/**
 * Produce and fetch latency p50/p95/p99 in milliseconds over time. Memoised, and redrawn one painted
 * frame after the rest of an update, so a tick paints the rest of the page first.
 */
export const LatencyChart = memo(function LatencyChart(props: LatencyChartProps) {
  const {
    history: historyProp,
    estimated: estimatedProp,
    reported: reportedProp,
    width,
    height = 240,
    title = 'Latency',
    locale,
    theme,
    className,
    ...rest
  } = props;
  const liveEstimated = useSource(estimatedProp, select.latencyEstimated);
  const liveReported = useSource(reportedProp, select.latencyReported);
  const liveFlags = useMemo(
    () => ({ estimated: liveEstimated, reported: liveReported }),
    [liveEstimated, liveReported],
  );
  const { history, flag: flags } = useChartSource(useSource(historyProp, select.history), liveFlags);
  const estimated = flags.estimated ?? false;
  // A gap sample (the page was away) has no latency: a null, not a zero, so the lines break there.
  const data = useMemo(() => toPoints(history, (s) => (s.gap ? GAP : { ...s.latency })), [history]);
  const latest = history[history.length - 1];
  const reported = useMemo(
    () => flags.reported ?? history.some((sample) => anyLatency(sample.latency)),
    [flags.reported, history],
  );
  const measured = latest !== undefined && reported;
  const ms = useCallback((value: number) => formatMs(value, { locale }), [locale]);
  const summary = latest
    ? `${title} over ${spanText(history, locale)}. Latest produce p50 ${ms(latest.latency.produceP50)}, ` +
      `p95 ${ms(latest.latency.produceP95)}, p99 ${ms(latest.latency.produceP99)}; ` +
      `fetch p50 ${ms(latest.latency.fetchP50)}, p95 ${ms(latest.latency.fetchP95)}, ` +
      `p99 ${ms(latest.latency.fetchP99)}.${estimated ? ' Percentiles estimated from the mean.' : ''}`
    : '';

  return (
    <section
      {...rest}
      className={cx('takhin', 'takhin-panel', 'takhin-latency', className)}
      data-theme={theme}
      data-state={latest ? 'live' : 'loading'}
      data-estimated={estimated ? '' : undefined}
      data-latency={latest ? (reported ? 'measured' : 'not-measured') : undefined}
      aria-label={rest['aria-label'] ?? title}
    >
      <header className="takhin-panel-header">
        <h2 className="takhin-title">{title}</h2>
        {measured && <span className="takhin-unit">ms · solid produce, dashed fetch</span>}
        {latest && !reported && <span className="takhin-badge">not measured</span>}
      </header>
      {latest && !reported && (
        <StateMessage kind="not-measured">
          <strong>This server does not measure latency.</strong> The Takhin Console reports 0 for every
          latency figure (it never records produce or fetch times), so there is nothing to chart. The chart
          appears by itself once the server sends a non-zero latency.
        </StateMessage>
      )}
      {measured ? (
        <TimeSeriesChart
          data={data}
          series={SERIES}
          formatValue={ms}
          summary={summary}
          width={width}
          height={height}
          locale={locale}
        />
      ) : (
        !latest && <WaitingForMetrics />
      )}
      {measured && estimated && (
        <p className="takhin-note" data-kind="estimated">
          Percentiles are estimated from the mean by the server (p50 = 0.8×, p95 = 1.5×, p99 = 2× the mean
          latency); they are not measured percentiles.
        </p>
      )}
    </section>
  );
});
