'use client';
import { memo, useCallback, useMemo } from 'react';
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { timeAxis, valueAxis } from './axisTicks.js';
import { thinPoints } from './chartData.js';
import { formatTime } from './format.js';

/** One line of a {@link TimeSeriesChart}. */
export interface Series {
  key: string;
  name: string;
  /** Any CSS colour, typically a `var(--takhin-…)`. */
  color: string;
  dashed?: boolean;
}

export type ChartPoint = { time: number } & Record<string, number | null>;

/** A horizontal line at a fixed value (a threshold), drawn when the value is inside the axis. */
export interface ReferenceValue {
  value: number;
  label: string;
  color: string;
}

export interface TimeSeriesChartProps {
  data: ChartPoint[];
  series: readonly Series[];
  /** Formats values on the axis and in the tooltip. */
  formatValue: (value: number) => string;
  /** Text alternative: what the chart shows, in words. */
  summary: string;
  /** Fixed width, px; without it the chart fills its container. */
  width?: number;
  height: number;
  locale?: string;
  /** Horizontal lines at fixed values. */
  references?: readonly ReferenceValue[];
  /** Values the value axis must reach (e.g. a threshold near the data). */
  include?: readonly number[];
  /**
   * Recharts' own legend; turn it off when the caller draws one (e.g. one that is keyboard-operable).
   * @default true
   */
  legend?: boolean;
}

// Constant props are hoisted so each render hands recharts the same objects.
const AXIS_TICK = { fill: 'var(--takhin-muted)', fontSize: 11 };
/** What both axes share: numeric, every computed tick shown, the domain kept as computed. */
const AXIS = {
  type: 'number',
  interval: 0,
  allowDataOverflow: true,
  tick: AXIS_TICK,
  stroke: 'var(--takhin-border)',
} as const;
const MARGIN = { top: 8, right: 28, bottom: 0, left: 0 };
const TOOLTIP_STYLE = { background: 'var(--takhin-surface)', borderColor: 'var(--takhin-border)' };
const LEGEND_STYLE = { fontSize: 12 };

/**
 * The line chart every time series in the library uses: time on x, one line per series, gaps where
 * a value is unknown (null), no animation (live data would otherwise animate forever), long series
 * thinned to the points a chart can show (see `thinPoints`).
 * Memoised: recharts is most of a tick's render time, so callers keep `data`, `series` and
 * `formatValue` stable and the chart renders only when what it draws changed.
 */
export const TimeSeriesChart = memo(function TimeSeriesChart({
  data,
  series,
  formatValue,
  summary,
  width,
  height,
  locale,
  references,
  include,
  legend = true,
}: TimeSeriesChartProps) {
  const formatTick = useCallback((value: number) => formatTime(value, { locale }), [locale]);
  const formatLabel = useCallback((value: unknown) => formatTime(Number(value), { locale }), [locale]);
  const formatAxisValue = useCallback((value: number) => formatValue(value), [formatValue]);
  const formatTooltipValue = useCallback(
    (value: unknown) => (typeof value === 'number' ? formatValue(value) : '—'),
    [formatValue],
  );
  const keys = useMemo(() => series.map((s) => s.key), [series]);
  const drawn = useMemo(() => thinPoints(data, keys), [data, keys]);
  // The chart computes its own ticks: recharts' own, on degenerate data (one time, a flat line, numbers
  // near the float limits), can repeat a value and with it a React key.
  const xAxis = useMemo(() => timeAxis(drawn), [drawn]);
  const yAxis = useMemo(() => valueAxis(drawn, keys, 4, include), [drawn, keys, include]);
  const chart = (
    <LineChart data={drawn} width={width} height={width === undefined ? undefined : height} margin={MARGIN}>
      <CartesianGrid stroke="var(--takhin-grid)" strokeDasharray="3 3" vertical={false} />
      <XAxis
        {...AXIS}
        dataKey="time"
        scale="time"
        domain={xAxis.domain}
        ticks={xAxis.ticks}
        tickFormatter={formatTick}
      />
      <YAxis {...AXIS} domain={yAxis.domain} ticks={yAxis.ticks} tickFormatter={formatAxisValue} width={72} />
      <Tooltip
        isAnimationActive={false}
        labelFormatter={formatLabel}
        formatter={formatTooltipValue}
        contentStyle={TOOLTIP_STYLE}
      />
      {legend && <Legend wrapperStyle={LEGEND_STYLE} />}
      {references?.map((r) => (
        <ReferenceLine
          key={r.label}
          y={r.value}
          stroke={r.color}
          strokeDasharray="2 4"
          label={{ value: r.label, position: 'insideTopLeft', fill: r.color, fontSize: 11 }}
        />
      ))}
      {series.map((s) => (
        <Line
          key={s.key}
          dataKey={s.key}
          name={s.name}
          stroke={s.color}
          strokeWidth={1.75}
          strokeDasharray={s.dashed ? '5 3' : undefined}
          dot={false}
          isAnimationActive={false}
          connectNulls={false}
          type="monotone"
        />
      ))}
    </LineChart>
  );
  return (
    <div className="takhin-chart" role="img" aria-label={summary}>
      {width === undefined ? (
        <ResponsiveContainer width="100%" height={height} initialDimension={{ width: 480, height }}>
          {chart}
        </ResponsiveContainer>
      ) : (
        chart
      )}
    </div>
  );
});
