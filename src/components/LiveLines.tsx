'use client';
import { createContext, useContext } from 'react';
import type { PointerEvent } from 'react';
import { usePlotArea, useYAxisScale } from 'recharts';
import type { Axis } from './axisTicks.js';
import { linearScale, linePath, nearestIndex } from './linePath.js';
import { formatTime } from './format.js';
import type { ChartPoint, ReferenceValue, Series } from './TimeSeriesChart.js';

/** What the live layer of a {@link TimeSeriesChart} draws; changes with every tick. */
export interface LiveLayer {
  points: readonly ChartPoint[];
  series: readonly Series[];
  time: Axis;
  /** Horizontal lines at fixed values (thresholds), drawn where the value axis reaches them. */
  references?: readonly ReferenceValue[];
  locale?: string;
  formatValue: (value: number) => string;
  /** The time the pointer is nearest to, or null. */
  hoverTime: number | null;
  onHover: (time: number | null) => void;
}

/**
 * Hands the live layer its data around recharts: the chart frame (grid, value axis, thresholds) is a
 * memoised element that recharts redraws only when the value axis or the size changes, while a change
 * of this context re-renders `LiveLines` alone.
 */
export const LiveLayerContext = createContext<LiveLayer | null>(null);

const TICK_TEXT = { fill: 'var(--takhin-muted)', fontSize: 11 };
const TOOLTIP_WIDTH = 190;
const TICK_LENGTH = 5;

/**
 * The part of a time-series chart that moves with every tick: the lines, the time axis, the thresholds
 * and the hover read-out, drawn as a few plain SVG elements on recharts' plot area and value scale. Recharts' own
 * series and axes rebuild their whole store on every data change, which cost tens of milliseconds
 * per chart and tick; one path per line costs a fraction of one.
 */
export function LiveLines() {
  const live = useContext(LiveLayerContext);
  const area = usePlotArea();
  const yScale = useYAxisScale();
  if (!live || !area || !yScale || !(area.width > 0) || !(area.height > 0)) return null;
  const { points, series, time, references, locale, hoverTime } = live;
  const left = area.x;
  const right = area.x + area.width;
  const bottom = area.y + area.height;
  const x = linearScale(time.domain, [left, right]);
  const y = (value: number) => yScale(value) ?? Number.NaN;
  const [from, to] = time.domain;
  const hovered = hoverTime === null ? -1 : nearestIndex(points, hoverTime);
  const hoverPoint = hovered >= 0 ? points[hovered] : null;

  const track = (event: PointerEvent<SVGRectElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    if (!(box.width > 0)) return;
    live.onHover(from + ((event.clientX - box.left) / box.width) * (to - from));
  };

  return (
    <g className="takhin-live">
      <g className="takhin-time-axis">
        <line x1={left} x2={right} y1={bottom} y2={bottom} stroke="var(--takhin-border)" />
        {time.ticks.map((tick) => {
          const at = x(tick);
          // A label near the right edge ends at its tick instead of centring on it, so it is never cut.
          const anchor = to > from && (tick - from) / (to - from) > 0.85 ? 'end' : 'middle';
          return (
            <g key={tick} className="takhin-time-tick">
              <line x1={at} x2={at} y1={bottom} y2={bottom + TICK_LENGTH} stroke="var(--takhin-border)" />
              <text x={at} y={bottom + TICK_LENGTH + 3} dy="0.71em" textAnchor={anchor} {...TICK_TEXT}>
                {formatTime(tick, { locale })}
              </text>
            </g>
          );
        })}
      </g>
      {placeReferences(references, y, area.y, bottom).map(({ reference: r, at, labelled }) => (
        <g key={r.label} className="takhin-reference" data-value={r.value}>
          <line x1={left} x2={right} y1={at} y2={at} stroke={r.color} strokeDasharray="2 4" />
          {labelled && (
            <text x={left + 4} y={at - 4} fill={r.color} fontSize={11}>
              {r.label}
            </text>
          )}
        </g>
      ))}
      {series.map((s) => (
        <path
          key={s.key}
          className="takhin-line"
          data-key={s.key}
          d={linePath(points, s.key, x, y)}
          fill="none"
          stroke={s.color}
          strokeWidth={1.75}
          strokeDasharray={s.dash}
          strokeLinejoin="round"
        />
      ))}
      {hoverPoint && (
        <HoverReadout
          point={hoverPoint}
          live={live}
          at={x(hoverPoint.time)}
          y={y}
          top={area.y}
          right={right}
          bottom={bottom}
        />
      )}
      <rect
        className="takhin-hover-area"
        x={left}
        y={area.y}
        width={area.width}
        height={area.height}
        fill="transparent"
        onPointerMove={track}
        onPointerLeave={() => live.onHover(null)}
      />
    </g>
  );
}

/** Room a threshold's label needs above its line, px. */
const LABEL_ROOM = 13;

/**
 * The thresholds inside the plot, top first, each with its pixel row; a label is drawn only where it
 * has room (below the one above it and clear of the plot's top), so two levels squeezed together on
 * a tall axis do not print over each other: the colours still tell them apart and the chart's summary
 * names both.
 */
function placeReferences(
  references: readonly ReferenceValue[] | undefined,
  y: (value: number) => number,
  top: number,
  bottom: number,
): Array<{ reference: ReferenceValue; at: number; labelled: boolean }> {
  const placed = (references ?? [])
    .map((reference) => ({ reference, at: y(reference.value), labelled: false }))
    .filter(({ at }) => at >= top && at <= bottom)
    .sort((a, b) => a.at - b.at);
  let lastLabel = -Infinity;
  for (const entry of placed) {
    if (entry.at - LABEL_ROOM >= top - 2 && entry.at - lastLabel >= LABEL_ROOM) {
      entry.labelled = true;
      lastLabel = entry.at;
    }
  }
  return placed;
}

interface ReadoutProps {
  point: ChartPoint;
  live: LiveLayer;
  at: number;
  y: (value: number) => number;
  top: number;
  right: number;
  bottom: number;
}

/** A cursor at the hovered sample, a dot on each line, and a box with the sample's time and values. */
function HoverReadout({ point, live, at, y, top, right, bottom }: ReadoutProps) {
  const flip = at + 8 + TOOLTIP_WIDTH > right;
  return (
    <g className="takhin-hover" pointerEvents="none">
      <line x1={at} x2={at} y1={top} y2={bottom} stroke="var(--takhin-muted)" strokeDasharray="3 3" />
      {live.series.map((s) => {
        const value = point[s.key];
        return typeof value === 'number' && Number.isFinite(value) ? (
          <circle key={s.key} cx={at} cy={y(value)} r={3} fill={s.color} />
        ) : null;
      })}
      <foreignObject
        x={flip ? at - 8 - TOOLTIP_WIDTH : at + 8}
        y={top}
        width={TOOLTIP_WIDTH}
        height={bottom - top}
      >
        <div className="takhin-tooltip" data-side={flip ? 'left' : 'right'}>
          <p className="takhin-tooltip-time">{formatTime(point.time, { locale: live.locale })}</p>
          <ul>
            {live.series.map((s) => {
              const value = point[s.key];
              return (
                <li key={s.key}>
                  <span
                    className="takhin-tooltip-swatch"
                    style={{ background: s.color }}
                    aria-hidden="true"
                  />
                  {s.name}:{' '}
                  <strong>
                    {typeof value === 'number' && Number.isFinite(value) ? live.formatValue(value) : '—'}
                  </strong>
                </li>
              );
            })}
          </ul>
        </div>
      </foreignObject>
    </g>
  );
}
