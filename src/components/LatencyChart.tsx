'use client';
import { memo, useCallback, useMemo } from 'react';
import type { MetricsSample } from '../core/state.js';
import { spanText, toPoints } from './chartData.js';
import { formatMs } from './format.js';
import { StateMessage, WAITING_FOR_METRICS } from './StateMessage.js';
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
    width,
    height = 240,
    title = 'Latency',
    locale,
    theme,
    className,
    ...rest
  } = props;
  const { history, flag: shownEstimated } = useChartSource(
    useSource(historyProp, select.history),
    useSource(estimatedProp, select.latencyEstimated),
  );
  const estimated = shownEstimated ?? false;
  const data = useMemo(() => toPoints(history, (s) => ({ ...s.latency })), [history]);
  const latest = history[history.length - 1];
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
      aria-label={rest['aria-label'] ?? title}
    >
      <header className="takhin-panel-header">
        <h2 className="takhin-title">{title}</h2>
        <span className="takhin-unit">ms · solid produce, dashed fetch</span>
      </header>
      {latest ? (
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
        <StateMessage kind="loading">{WAITING_FOR_METRICS}</StateMessage>
      )}
      {estimated && (
        <p className="takhin-note" data-kind="estimated">
          Percentiles are estimated from the mean by the server (p50 = 0.8×, p95 = 1.5×, p99 = 2× the mean
          latency); they are not measured percentiles.
        </p>
      )}
    </section>
  );
});
