import type { MetricsSample } from '../core/state.js';
import { formatDuration } from './format.js';
import type { ChartPoint } from './TimeSeriesChart.js';

/** Turns samples into chart points; `pick` returns null where the value is unknown. */
export function toPoints(
  history: readonly MetricsSample[],
  pick: (sample: MetricsSample) => Record<string, number | null>,
): ChartPoint[] {
  return history.map((sample) => ({ time: sample.time, ...pick(sample) }) as ChartPoint);
}

/** "the last 5 min" for a history, or "the latest sample" when it holds only one. */
export function spanText(history: readonly MetricsSample[], locale?: string): string {
  if (history.length < 2) return 'the latest sample';
  const seconds = (history[history.length - 1].time - history[0].time) / 1000;
  return `the last ${formatDuration(seconds, { locale })}`;
}
