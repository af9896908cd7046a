'use client';
import { memo, useCallback, useMemo } from 'react';
import {
  CartesianGrid,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { timeAxis, valueAxis } from './axisTicks.js';
import type { AxisUnit } from './axisTicks.js';
import { thinPoints } from './chartData.js';
import { formatTime } from './format.js';

/** One line of a {@link TimeSeriesChart}. */
export interface Series {
  key: string;
  name: string;
  /** Any CSS colour, typically one of `COLORS` (chartStyle.ts). */
  color: string;
  /** SVG dash pattern, one of `DASHES` (chartStyle.ts); solid without one. */
  dash?: string;
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
  /** Formats values in the tooltip, with their unit. */
  formatValue: (value: number) => string;
  /** The value axis' unit and tick labels for an axis reaching `top`. */
  axisUnit: (top: number) => AxisUnit;
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
   * The chart's own legend; turn it off when the caller draws one (e.g. one that is keyboard-operable).
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
  stroke: 'var(--takhin-border)',
} as const;
const MARGIN = { top: 8, right: 12, bottom: 0, left: 0 };
const TOOLTIP_STYLE = { background: 'var(--takhin-surface)', borderColor: 'var(--takhin-border)' };
/** Width of the value axis: room for "999.99" or "750k" at 11 px, never wrapped. */
const Y_AXIS_WIDTH = 48;

interface TickProps {
  x?: number | string;
  y?: number | string;
  payload?: { value: number };
}

/**
 * The series' line styles as a legend of its own (HTML, so it never steals focus or space from the
 * plot): a sample of each line, dash pattern included, and its name.
 */
function ChartLegend({ series }: { series: readonly Series[] }) {
  return (
    <ul className="takhin-legend">
      {series.map((s) => (
        <li key={s.key}>
          <svg width="26" height="8" aria-hidden="true">
            <line x1="1" y1="4" x2="25" y2="4" stroke={s.color} strokeWidth="2.25" strokeDasharray={s.dash} />
          </svg>
          {s.name}
        </li>
      ))}
    </ul>
  );
}

/**
 * The line chart every time series in the library uses: time on x, one line per series, gaps where
 * a value is unknown (null), no animation (live data would otherwise animate forever), long series
 * thinned to the points a chart can show (see `thinPoints`). One focusable figure with a text
 * summary: recharts' own keyboard layer is off, so its many inner elements take no Tab stop.
 * Memoised: recharts is most of a tick's render time, so callers keep `data`, `series`, `axisUnit`
 * and `formatValue` stable and the chart renders only when what it draws changed.
 */
export const TimeSeriesChart = memo(function TimeSeriesChart({
  data,
  series,
  formatValue,
  axisUnit,
  summary,
  width,
  height,
  locale,
  references,
  include,
  legend = true,
}: TimeSeriesChartProps) {
  const formatLabel = useCallback((value: unknown) => formatTime(Number(value), { locale }), [locale]);
  const formatTooltipValue = useCallback(
    (value: unknown) => (typeof value === 'number' ? formatValue(value) : '—'),
    [formatValue],
  );
  // The panel above holds the history back until the rest of an update is painted (useChartSource).
  const shown = useMemo(() => ({ data, series, include }), [data, series, include]);
  const keys = useMemo(() => shown.series.map((s) => s.key), [shown.series]);
  const drawn = useMemo(() => thinPoints(shown.data, keys), [shown.data, keys]);
  // The chart computes its own ticks: recharts' own, on degenerate data (one time, a flat line, numbers
  // near the float limits), can repeat a value and with it a React key.
  const xAxis = useMemo(() => timeAxis(drawn), [drawn]);
  const yAxis = useMemo(() => valueAxis(drawn, keys, 4, shown.include), [drawn, keys, shown]);
  const unit = useMemo(() => axisUnit(yAxis.domain[1]), [axisUnit, yAxis]);
  // A time label near the right edge ends at its tick instead of centring on it, so it is never cut.
  const timeTick = useCallback(
    ({ x, y, payload }: TickProps) => {
      const value = payload?.value ?? 0;
      const [from, to] = xAxis.domain;
      const anchor = to > from && (value - from) / (to - from) > 0.85 ? 'end' : 'middle';
      return (
        <text x={Number(x)} y={Number(y)} dy="0.71em" textAnchor={anchor} {...AXIS_TICK}>
          {formatTime(value, { locale })}
        </text>
      );
    },
    [xAxis, locale],
  );
  const drawnSeries = shown.series;
  // Memoised on what it draws: a render with new live props whose drawing is still pending (or the same)
  // hands React the same element, so recharts' tree is skipped.
  const chart = useMemo(
    () => (
      <LineChart
        data={drawn}
        width={width}
        height={width === undefined ? undefined : height}
        margin={MARGIN}
        accessibilityLayer={false}
      >
        <CartesianGrid stroke="var(--takhin-grid)" strokeDasharray="3 3" vertical={false} />
        <XAxis
          {...AXIS}
          dataKey="time"
          scale="time"
          domain={xAxis.domain}
          ticks={xAxis.ticks}
          tick={timeTick}
        />
        <YAxis
          {...AXIS}
          domain={yAxis.domain}
          ticks={yAxis.ticks}
          tick={AXIS_TICK}
          tickFormatter={unit.format}
          width={Y_AXIS_WIDTH}
        />
        <Tooltip
          isAnimationActive={false}
          labelFormatter={formatLabel}
          formatter={formatTooltipValue}
          contentStyle={TOOLTIP_STYLE}
        />
        {references?.map((r) => (
          <ReferenceLine
            key={r.label}
            y={r.value}
            stroke={r.color}
            strokeDasharray="2 4"
            label={{ value: r.label, position: 'insideTopLeft', fill: r.color, fontSize: 11 }}
          />
        ))}
        {drawnSeries.map((s) => (
          <Line
            key={s.key}
            dataKey={s.key}
            name={s.name}
            stroke={s.color}
            strokeWidth={1.75}
            strokeDasharray={s.dash}
            dot={false}
            isAnimationActive={false}
            connectNulls={false}
            type="monotone"
          />
        ))}
      </LineChart>
    ),
    [
      drawn,
      drawnSeries,
      xAxis,
      yAxis,
      unit,
      timeTick,
      width,
      height,
      references,
      formatLabel,
      formatTooltipValue,
    ],
  );
  return (
    // One Tab stop per chart: the figure itself, whose label says what the lines show.
    <div className="takhin-chart" role="img" aria-label={summary} tabIndex={0}>
      <span className="takhin-axis-title">{unit.title}</span>
      {width === undefined ? (
        <ResponsiveContainer width="100%" height={height} initialDimension={{ width: 480, height }}>
          {chart}
        </ResponsiveContainer>
      ) : (
        chart
      )}
      {legend && <ChartLegend series={series} />}
    </div>
  );
});
