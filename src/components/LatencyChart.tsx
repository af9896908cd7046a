'use client';
import { memo, useCallback, useMemo } from 'react';
import type { Latency } from '../core/protocol.js';
import type { MetricsSample } from '../core/state.js';
import { NO_HISTORY, spanText, toPoints } from './chartData.js';
import { scaledUnit } from './axisTicks.js';
import { COLORS, DASHES } from './chartStyle.js';
import { formatMs } from './format.js';
import { StateMessage } from './StateMessage.js';
import { WaitingForMetrics } from './WaitingForMetrics.js';
import { TimeSeriesChart } from './TimeSeriesChart.js';
import type { Series } from './TimeSeriesChart.js';
import { cx } from './cx.js';
import type { RootProps } from './types.js';
import { select } from '../core/selectors.js';
import { useSource } from '../react/context.js';
import { useStaleAttribute } from './useDataAge.js';

type LatencyKey = keyof Latency;
interface Direction {
  view: 'produce' | 'fetch';
  title: string;
  series: readonly Series[];
}
const percentiles = (view: 'produce' | 'fetch', name: string): Series[] =>
  (['p50', 'p95', 'p99'] as const).map((p) => ({
    key: `${view}${p.toUpperCase()}`,
    name: `${name} ${p}`,
    color: COLORS[view],
    dash: DASHES[p],
  }));
/** Produce and fetch apart: in each, the colour is the direction and the dash pattern the percentile. */
const DIRECTIONS: readonly Direction[] = [
  { view: 'produce', title: 'Produce', series: percentiles('produce', 'Produce') },
  { view: 'fetch', title: 'Fetch', series: percentiles('fetch', 'Fetch') },
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
   * Height of each of the two charts (produce, fetch), px.
   * @default 180
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
 * Produce and fetch latency p50/p95/p99 in milliseconds over time, one chart for each direction
 * (solid p50, dashed p95, dotted p99), broken where samples are missing. Memoised.
 */
export const LatencyChart = memo(function LatencyChart(props: LatencyChartProps) {
  const {
    history: historyProp,
    estimated: estimatedProp,
    reported: reportedProp,
    width,
    height = 180,
    title = 'Latency',
    locale,
    theme,
    className,
    ...rest
  } = props;
  const liveEstimated = useSource(estimatedProp, select.latencyEstimated);
  const liveReported = useSource(reportedProp, select.latencyReported);
  const history = useSource(historyProp, select.history) ?? NO_HISTORY;
  const estimated = liveEstimated ?? false;
  // A gap sample (the page was away) has no latency: a null, not a zero, so the lines break there.
  const data = useMemo(() => toPoints(history, (s) => (s.gap ? GAP : { ...s.latency })), [history]);
  const latest = history[history.length - 1];
  const reported = useMemo(
    () => liveReported ?? history.some((sample) => anyLatency(sample.latency)),
    [liveReported, history],
  );
  const measured = latest !== undefined && reported;
  const ms = useCallback((value: number) => formatMs(value, { locale }), [locale]);
  const msAxis = useCallback((top: number) => scaledUnit(top, 1000, ['ms', 's'], locale), [locale]);
  const span = spanText(history, locale);
  const describe = (direction: Direction) => {
    if (!latest) return '';
    const [p50, p95, p99] = direction.series.map((s) => ms(latest.latency[s.key as LatencyKey]));
    return (
      `${direction.title} latency over ${span}. Latest p50 ${p50}, p95 ${p95}, p99 ${p99}.` +
      (estimated ? ' Percentiles estimated from the mean.' : '')
    );
  };
  const stale = useStaleAttribute();

  return (
    <section
      {...rest}
      className={cx('takhin', 'takhin-panel', 'takhin-latency', className)}
      data-theme={theme}
      data-state={latest ? 'live' : 'loading'}
      data-estimated={estimated ? '' : undefined}
      data-latency={latest ? (reported ? 'measured' : 'not-measured') : undefined}
      data-stale={stale}
      aria-label={rest['aria-label'] ?? title}
    >
      <header className="takhin-panel-header">
        <h2 className="takhin-title">{title}</h2>
      </header>
      {latest && !reported && (
        <StateMessage kind="not-measured">
          <strong>This server does not measure latency.</strong> The Takhin Console reports 0 for every
          latency figure (it never records produce or fetch times), so there is nothing to chart. The chart
          appears by itself once the server sends a non-zero latency.
        </StateMessage>
      )}
      {measured
        ? DIRECTIONS.map((direction) => (
            <div className="takhin-subchart" key={direction.view} data-view={direction.view}>
              <h3 className="takhin-subtitle">{direction.title}</h3>
              <TimeSeriesChart
                data={data}
                series={direction.series}
                formatValue={ms}
                axisUnit={msAxis}
                summary={describe(direction)}
                width={width}
                height={height}
                locale={locale}
              />
            </div>
          ))
        : !latest && <WaitingForMetrics />}
      {measured && estimated && (
        <p className="takhin-note" data-kind="estimated">
          Percentiles are estimated from the mean by the server (p50 = 0.8×, p95 = 1.5×, p99 = 2× the mean
          latency); they are not measured percentiles.
        </p>
      )}
    </section>
  );
});
