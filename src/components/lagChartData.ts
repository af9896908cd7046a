import { sampleLag } from '../core/lagValues.js';
import { lagKey } from '../core/state.js';
import type { LagValues, MetricsSample } from '../core/state.js';
import { DASHES } from './chartStyle.js';
import type { ChartPoint, Series } from './TimeSeriesChart.js';

/** Line colours of the ranked lines, in rank order. */
const COLORS = ['--takhin-produce', '--takhin-fetch', '--takhin-p50', '--takhin-p95', '--takhin-p99'];
const colorOf = (rank: number) => `var(${COLORS[rank % COLORS.length]})`;

/** What the lag chart draws: its points, its lines, and who the ranked lines are. */
export interface LagChartModel {
  data: ChartPoint[];
  /** The total line first, then one per ranked group (or topic of the chosen group). */
  series: Series[];
  /** Group ids (overview) or topic names (one group), highest current lag first. */
  names: string[];
}

/** Whether `a` ranks above `b`: the higher value first, ties by key. */
const ranksAbove = (a: string, av: number, b: string, bv: number) => av > bv || (av === bv && a < b);

/**
 * The `n` keys of `column` with the highest value, accepted by `keep`, highest first (ties by key).
 * One pass over the column keeping the best `n` in order: O(keys × n), not a sort of every key
 * (10,000 groups, top 5).
 */
export function topKeys(column: LagValues, n: number, keep: (key: string) => boolean): string[] {
  const keys: string[] = [];
  const values: number[] = [];
  if (n <= 0) return keys;
  for (let i = 0; i < column.keys.length; i++) {
    const key = column.keys[i];
    const value = column.values[i];
    const full = keys.length === n;
    if (full && !ranksAbove(key, value, keys[n - 1], values[n - 1])) continue;
    if (!keep(key)) continue;
    let at = full ? n - 1 : keys.length;
    while (at > 0 && ranksAbove(key, value, keys[at - 1], values[at - 1])) {
      keys[at] = keys[at - 1];
      values[at] = values[at - 1];
      at--;
    }
    keys[at] = key;
    values[at] = value;
    if (keys.length > n) {
      keys.length = n;
      values.length = n;
    }
  }
  return keys;
}

/**
 * A sample interval well above the usual one marks an outage: the lines break there (a null point),
 * rather than drawing a straight line over the time nothing was known.
 */
export function gapAfter(history: readonly MetricsSample[]): number {
  const steps: number[] = [];
  for (let i = Math.max(1, history.length - 30); i < history.length; i++)
    steps.push(history[i].time - history[i - 1].time);
  steps.sort((a, b) => a - b);
  return 2.5 * (steps[steps.length >> 1] ?? 2000);
}

/**
 * The total and the top `n` groups by current lag over `history` — or, for `group`, that group's
 * total and its top `n` topics. Keys of the lines are positional (`l0`, `l1`, …): ids may hold dots,
 * which recharts would read as paths.
 */
export function lagChartModel(history: readonly MetricsSample[], n: number, group?: string): LagChartModel {
  const latest = history[history.length - 1];
  if (!latest) return { data: [], series: [], names: [] };
  const prefix = group === undefined ? '' : lagKey(group, '');
  const names =
    group === undefined
      ? topKeys(latest.groupLag, n, () => true)
      : topKeys(latest.topicLag, n, (key) => key.startsWith(prefix)).map((key) => key.slice(prefix.length));
  const keys = group === undefined ? names : names.map((topic) => lagKey(group, topic));
  const series: Series[] = [
    {
      key: 'total',
      name: group === undefined ? 'Total lag' : `${group} (total)`,
      color: 'var(--takhin-fg)',
      dash: DASHES.total,
    },
    ...names.map((name, rank) => ({ key: `l${rank}`, name, color: colorOf(rank) })),
  ];
  const gap = gapAfter(history);
  const data: ChartPoint[] = [];
  const blank = (time: number) => {
    const point: ChartPoint = { time, total: null };
    for (let rank = 0; rank < names.length; rank++) point[`l${rank}`] = null;
    return point;
  };
  for (let i = 0; i < history.length; i++) {
    const sample = history[i];
    if (i > 0 && sample.time - history[i - 1].time > gap) data.push(blank(history[i - 1].time + gap / 2));
    const point = blank(sample.time);
    point.total = group === undefined ? sample.totalLag : (sampleLag(sample.groupLag, group) ?? null);
    const column = group === undefined ? sample.groupLag : sample.topicLag;
    for (let rank = 0; rank < keys.length; rank++) point[`l${rank}`] = sampleLag(column, keys[rank]) ?? null;
    data.push(point);
  }
  return { data, series, names };
}
