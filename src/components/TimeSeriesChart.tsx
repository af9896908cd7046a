'use client';
import { memo, useMemo, useState } from 'react';
import { CartesianGrid, LineChart, ResponsiveContainer, YAxis } from 'recharts';
import { keepsAxis, timeAxis, valueAxis } from './axisTicks.js';
import type { Axis, AxisUnit } from './axisTicks.js';
import { thinPoints } from './chartData.js';
import { LiveLayerContext, LiveLines } from './LiveLines.js';
import type { LiveLayer } from './LiveLines.js';

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
/** The value axis: numeric, every computed tick shown, the domain kept as computed. */
const VALUE_AXIS = {
  type: 'number',
  interval: 0,
  allowDataOverflow: true,
  stroke: 'var(--takhin-border)',
} as const;
/** The bottom margin holds the time axis, which the live layer draws (see LiveLines). */
const MARGIN = { top: 8, right: 12, bottom: 24, left: 0 };
/** Width of the value axis: room for "999.99" or "750k" at 11 px, never wrapped. */
const Y_AXIS_WIDTH = 48;
/** Recharts draws the frame only: the lines are the live layer's, so it is given no rows. */
const NO_ROWS: never[] = [];

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

/** The same axis as a string, so an axis recomputed with equal values keeps the frame as it is. */
const axisKey = (axis: Axis) => `${axis.domain.join(' ')}|${axis.ticks.join(' ')}`;

/**
 * The line chart every time series in the library uses: time on x, one line per series, gaps where
 * a value is unknown (null), long series thinned to the points a chart can show (see `thinPoints`).
 * One focusable figure with a text summary: recharts' own keyboard layer is off, so its inner elements
 * take no Tab stop.
 *
 * Drawn in two layers. Recharts draws the frame: the grid and the value axis, an element memoised on
 * that axis and the size, so it is redrawn only when the axis' nice top or its unit changes. The live
 * layer (`LiveLines`, inside the frame) draws the lines, the time axis, the thresholds and the hover
 * read-out on recharts' plot area and scale; a tick re-renders it alone.
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
  const keys = useMemo(() => series.map((s) => s.key), [series]);
  const drawn = useMemo(() => thinPoints(data, keys), [data, keys]);
  // The chart computes its own ticks: recharts' own, on degenerate data (one time, a flat line, numbers
  // near the float limits), can repeat a value and with it a React key.
  const time = useMemo(() => timeAxis(drawn), [drawn]);
  const computed = useMemo(() => valueAxis(drawn, keys, 4, include), [drawn, keys, include]);
  // The axis shown holds while the new data still fits it well (see keepsAxis); kept in state, as
  // information from the previous render.
  const [held, setHeld] = useState(computed);
  const kept = held === computed || keepsAxis(held, computed) ? held : computed;
  if (kept !== held) setHeld(kept);
  const valueKey = axisKey(kept);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- kept while its values are the same
  const value = useMemo(() => kept, [valueKey]);
  const unit = useMemo(() => axisUnit(value.domain[1]), [axisUnit, value]);
  const [hoverTime, setHoverTime] = useState<number | null>(null);
  const live = useMemo<LiveLayer>(
    () => ({
      points: drawn,
      series,
      time,
      references,
      locale,
      formatValue,
      hoverTime,
      onHover: setHoverTime,
    }),
    [drawn, series, time, references, locale, formatValue, hoverTime],
  );
  // The container is part of the memoised frame too: re-rendered with each tick, recharts'
  // ResponsiveContainer re-measured and handed the chart a new size in a nested update.
  const frame = useMemo(() => {
    const chart = (
      <LineChart
        data={NO_ROWS}
        width={width}
        height={width === undefined ? undefined : height}
        margin={MARGIN}
        accessibilityLayer={false}
      >
        <CartesianGrid stroke="var(--takhin-grid)" strokeDasharray="3 3" vertical={false} />
        <YAxis
          {...VALUE_AXIS}
          domain={value.domain}
          ticks={value.ticks}
          tick={AXIS_TICK}
          tickFormatter={unit.format}
          width={Y_AXIS_WIDTH}
        />
        <LiveLines />
      </LineChart>
    );
    return width === undefined ? (
      <ResponsiveContainer width="100%" height={height} initialDimension={{ width: 480, height }}>
        {chart}
      </ResponsiveContainer>
    ) : (
      chart
    );
  }, [value, unit, width, height]);
  return (
    // One Tab stop per chart: the figure itself, whose label says what the lines show.
    <div className="takhin-chart" role="img" aria-label={summary} tabIndex={0}>
      <span className="takhin-axis-title">{unit.title}</span>
      <LiveLayerContext.Provider value={live}>{frame}</LiveLayerContext.Provider>
      {legend && <ChartLegend series={series} />}
    </div>
  );
});
