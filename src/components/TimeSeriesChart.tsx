'use client';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
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
}

const AXIS_TICK = { fill: 'var(--takhin-muted)', fontSize: 11 };

/**
 * The line chart every time series in the library uses: time on x, one line per series, gaps where
 * a value is unknown (null), no animation (live data would otherwise animate forever).
 */
export function TimeSeriesChart({
  data,
  series,
  formatValue,
  summary,
  width,
  height,
  locale,
}: TimeSeriesChartProps) {
  const chart = (
    <LineChart
      data={data}
      width={width}
      height={width === undefined ? undefined : height}
      margin={{ top: 8, right: 28, bottom: 0, left: 0 }}
    >
      <CartesianGrid stroke="var(--takhin-grid)" strokeDasharray="3 3" vertical={false} />
      <XAxis
        dataKey="time"
        type="number"
        scale="time"
        domain={['dataMin', 'dataMax']}
        tickFormatter={(value: number) => formatTime(value, { locale })}
        tick={AXIS_TICK}
        stroke="var(--takhin-border)"
        minTickGap={48}
      />
      <YAxis
        tickFormatter={(value: number) => formatValue(value)}
        tick={AXIS_TICK}
        stroke="var(--takhin-border)"
        width={72}
      />
      <Tooltip
        isAnimationActive={false}
        labelFormatter={(value) => formatTime(Number(value), { locale })}
        formatter={(value) => (typeof value === 'number' ? formatValue(value) : '—')}
        contentStyle={{ background: 'var(--takhin-surface)', borderColor: 'var(--takhin-border)' }}
      />
      <Legend wrapperStyle={{ fontSize: 12 }} />
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
}
