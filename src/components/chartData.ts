import type { MetricsSample } from '../core/state.js';
import { formatDuration } from './format.js';
import type { ChartPoint } from './TimeSeriesChart.js';

/** The history of a chart before any sample: one array, so an empty chart's memoised data stays put. */
export const NO_HISTORY: MetricsSample[] = [];

/** A pause between two samples longer than this many usual intervals is an outage: the lines break there. */
export const GAP_INTERVALS = 2.5;

/** The usual time between samples: the median of the last (up to) 30 intervals; null below two samples. */
export function usualInterval(history: readonly MetricsSample[]): number | null {
  const deltas: number[] = [];
  for (let i = Math.max(1, history.length - 30); i < history.length; i++)
    deltas.push(history[i].time - history[i - 1].time);
  if (deltas.length === 0) return null;
  deltas.sort((a, b) => a - b);
  return deltas[Math.floor(deltas.length / 2)];
}

/**
 * Turns samples into chart points; `pick` returns null where the value is unknown. Where samples are
 * missing (an outage, a stalled server: a pause of more than `GAP_INTERVALS` usual intervals), a point
 * with every value null goes in between, so each line breaks there instead of bridging the outage.
 */
export function toPoints(
  history: readonly MetricsSample[],
  pick: (sample: MetricsSample) => Record<string, number | null>,
): ChartPoint[] {
  const usual = usualInterval(history);
  const points: ChartPoint[] = [];
  for (let i = 0; i < history.length; i++) {
    const sample = history[i];
    const values = pick(sample);
    const before = history[i - 1];
    if (usual !== null && usual > 0 && before && sample.time - before.time > GAP_INTERVALS * usual) {
      const gap: Record<string, null> = {};
      for (const key of Object.keys(values)) gap[key] = null;
      points.push({ time: before.time + usual, ...gap } as ChartPoint);
    }
    points.push({ time: sample.time, ...values } as ChartPoint);
  }
  return points;
}

/** "the last 5 min" for a history, or "the latest sample" when it holds only one. */
export function spanText(history: readonly MetricsSample[], locale?: string): string {
  if (history.length < 2) return 'the latest sample';
  const seconds = (history[history.length - 1].time - history[0].time) / 1000;
  return `the last ${formatDuration(seconds, { locale })}`;
}

/** Most points a chart draws; a longer series is thinned to about this many (a chart is a few hundred px wide). */
export const MAX_CHART_POINTS = 120;

/**
 * Thins `points` to about `max` for drawing, keeping the first and last point and, in each stretch,
 * the points where the sum of `keys` is lowest and highest (so spikes and dips survive) and the first
 * gap (a null), so a gap stays visible. Recharts' cost grows with the points it draws; the full
 * history stays in the store.
 */
export function thinPoints(
  points: ChartPoint[],
  keys: readonly string[],
  max = MAX_CHART_POINTS,
): ChartPoint[] {
  if (points.length <= max) return points;
  const kept: ChartPoint[] = [points[0]];
  const inner = points.length - 2;
  const buckets = Math.max(1, Math.floor((max - 2) / 2));
  for (let b = 0; b < buckets; b++) {
    const from = 1 + Math.floor((b * inner) / buckets);
    const to = 1 + Math.floor(((b + 1) * inner) / buckets);
    let low = -1;
    let high = -1;
    let gap = -1;
    let lowTotal = Infinity;
    let highTotal = -Infinity;
    for (let i = from; i < to; i++) {
      const total = sumOf(points[i], keys);
      if (total === null) {
        if (gap < 0) gap = i;
        continue;
      }
      if (total < lowTotal) [low, lowTotal] = [i, total];
      if (total > highTotal) [high, highTotal] = [i, total];
    }
    const picks = [...new Set([low, high, gap])].filter((i) => i >= 0).sort((x, y) => x - y);
    for (const i of picks) kept.push(points[i]);
  }
  kept.push(points[points.length - 1]);
  return kept;
}

/** Sum of the values at `keys`, or null when any of them is unknown. */
function sumOf(point: ChartPoint, keys: readonly string[]): number | null {
  let total = 0;
  for (const key of keys) {
    const value = point[key];
    if (value === null || value === undefined) return null;
    total += value;
  }
  return total;
}
