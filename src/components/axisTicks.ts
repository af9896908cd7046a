import type { ChartPoint } from './TimeSeriesChart.js';

/** An axis the chart computes itself: its span and the values that get a tick, distinct and in order. */
export interface Axis {
  domain: [number, number];
  ticks: number[];
}

/** Half the width of the time axis when every point shares one time (a zero-wide axis has no ticks). */
const SINGLE_TIME_PADDING_MS = 1_000;
const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
/** Steps a clock reader expects between time ticks. */
const TIME_STEPS = [
  SECOND,
  2 * SECOND,
  5 * SECOND,
  10 * SECOND,
  15 * SECOND,
  30 * SECOND,
  MINUTE,
  2 * MINUTE,
  5 * MINUTE,
  10 * MINUTE,
  15 * MINUTE,
  30 * MINUTE,
  HOUR,
  2 * HOUR,
  6 * HOUR,
  12 * HOUR,
  24 * HOUR,
];

/** The smallest of 1, 2, 2.5, 5 × 10ⁿ that is at least `raw`. */
function niceStep(raw: number): number {
  const power = 10 ** Math.floor(Math.log10(raw));
  for (const factor of [1, 2, 2.5, 5, 10]) if (factor * power >= raw) return factor * power;
  return 10 * power;
}

/** Multiples of `step` from `from` to `to` (both included when they are multiples), without repeats. */
function multiples(from: number, to: number, step: number): number[] {
  const ticks: number[] = [];
  const first = Math.ceil(from / step);
  const last = Math.floor(to / step);
  // Where `step` is below the precision of the numbers, neighbours round to the same value: stop there.
  for (let i = first; i <= last && ticks.length <= 12; i++) {
    const value = i * step;
    if (ticks.length === 0 || value > ticks[ticks.length - 1]) ticks.push(value);
  }
  return ticks;
}

/** Ticks over [min, max] at `step`; the two ends when the numbers are too coarse for that step. */
function spread(min: number, max: number, step: number): Axis {
  const ticks = Number.isFinite(step) && step > 0 ? multiples(min, max, step) : [];
  return { domain: [min, max], ticks: ticks.length >= 2 ? ticks : [...new Set([min, max])] };
}

/**
 * The time (x) axis: from the first to the last point, ticks on round clock steps, about `count` of
 * them; padded around a single tick when every point shares one time.
 */
export function timeAxis(points: readonly ChartPoint[], count = 4): Axis {
  const times = points.map((point) => point.time).filter(Number.isFinite);
  if (times.length === 0) return { domain: [0, 1], ticks: [] };
  const min = Math.min(...times);
  const max = Math.max(...times);
  if (min === max)
    return { domain: [min - SINGLE_TIME_PADDING_MS, max + SINGLE_TIME_PADDING_MS], ticks: [min] };
  const raw = (max - min) / count;
  const step = TIME_STEPS.find((candidate) => candidate >= raw) ?? niceStep(raw);
  return spread(min, max, step);
}

/**
 * The value (y) axis over `keys`: from zero (or the lowest value, when negative) to a nice step at or
 * above the highest value (and any of `include`), about `count` ticks. Unknown (null) values are left out.
 */
export function valueAxis(
  points: readonly ChartPoint[],
  keys: readonly string[],
  count = 4,
  include: readonly number[] = [],
): Axis {
  let low = 0;
  let high = Math.max(0, ...include.filter(Number.isFinite));
  for (const point of points) {
    for (const key of keys) {
      const value = point[key];
      if (typeof value !== 'number' || !Number.isFinite(value)) continue;
      if (value < low) low = value;
      if (value > high) high = value;
    }
  }
  // A flat series still gets an axis with some height (and a value too large for `+ 1` to change it).
  if (!(high > low)) high = low === 0 ? 1 : low + Math.abs(low) * 0.1;
  const step = niceStep((high - low) / count);
  const top = Math.ceil(high / step) * step;
  const bottom = Math.floor(low / step) * step;
  // A span too large for the numbers (near Number.MAX_VALUE) rounds to infinity: keep the data's own ends.
  if (!Number.isFinite(top) || !Number.isFinite(bottom)) return spread(low, high, NaN);
  return spread(bottom, top, step);
}

/** Below this share of the axis' height, a shrinking series gets a new, lower axis. */
const KEEP_AXIS_DOWN_TO = 0.4;

/**
 * Whether a chart keeps its current value axis instead of the one just computed for new data: while the
 * new axis starts at the same value and its top is at or below the current one's, but not by so much
 * that the lines would sit in the bottom 40 %. A live chart's axis then moves when the data outgrows it
 * or has clearly shrunk, not each time its highest value crosses a nice step (latency jitter did that
 * every few seconds, and every move redraws the axis, the grid and the lines' scale).
 */
export function keepsAxis(current: Axis, next: Axis): boolean {
  const [bottom, top] = current.domain;
  const [nextBottom, nextTop] = next.domain;
  return nextBottom === bottom && nextTop <= top && nextTop > bottom + (top - bottom) * KEEP_AXIS_DOWN_TO;
}

/** How the value axis reads: the unit once, in its title, and bare numbers at the ticks. */
export interface AxisUnit {
  /** "msg/s", "MB/s", "ms". */
  title: string;
  format: (value: number) => string;
}

const axisNumbers = new Map<string, Intl.NumberFormat>();
function axisNumber(locale: string | undefined): Intl.NumberFormat {
  const key = String(locale);
  let format = axisNumbers.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
    axisNumbers.set(key, format);
  }
  return format;
}

/**
 * An axis unit scaled to the axis top: `scaledUnit(2_500_000, 1000, ['B/s', 'kB/s', 'MB/s'])` reads
 * "MB/s" with ticks 0, 0.5 … 2.5. Short tick labels never wrap.
 */
export function scaledUnit(top: number, base: number, titles: readonly string[], locale?: string): AxisUnit {
  let index = 0;
  let scale = 1;
  while (index < titles.length - 1 && Math.abs(top) / scale >= base) {
    scale *= base;
    index += 1;
  }
  const numbers = axisNumber(locale);
  return { title: titles[index], format: (value) => numbers.format(value / scale) };
}
