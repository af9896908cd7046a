import type { ChartPoint } from './TimeSeriesChart.js';

/** Maps a value to a pixel coordinate. */
export type Scale = (value: number) => number;

/**
 * An SVG path through the points' values at `key`, straight segments, broken (a new `M`) wherever a
 * value is unknown (null) so an outage shows as a gap instead of a bridge. Pixels are rounded to a
 * tenth: finer positions change nothing on screen and only lengthen the string.
 */
export function linePath(points: readonly ChartPoint[], key: string, x: Scale, y: Scale): string {
  let d = '';
  let drawing = false;
  for (const point of points) {
    const value = point[key];
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      drawing = false;
      continue;
    }
    d += `${drawing ? 'L' : 'M'}${round(x(point.time))},${round(y(value))}`;
    drawing = true;
  }
  return d;
}

const round = (pixel: number) => Math.round(pixel * 10) / 10;

/** A linear scale from `domain` onto `range` (a zero-wide domain maps to the middle of the range). */
export function linearScale(domain: readonly [number, number], range: readonly [number, number]): Scale {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const span = d1 - d0;
  if (!(span > 0)) return () => (r0 + r1) / 2;
  const k = (r1 - r0) / span;
  return (value) => r0 + (value - d0) * k;
}

/** Index of the point whose time is nearest `time`; the points are in time order. -1 when there are none. */
export function nearestIndex(points: readonly ChartPoint[], time: number): number {
  if (points.length === 0) return -1;
  let low = 0;
  let high = points.length - 1;
  while (high - low > 1) {
    const middle = (low + high) >> 1;
    if (points[middle].time <= time) low = middle;
    else high = middle;
  }
  return Math.abs(points[high].time - time) < Math.abs(points[low].time - time) ? high : low;
}
