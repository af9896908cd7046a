import { lagKey } from './state.js';
import type { MetricsSample } from './state.js';
import { sampleLag } from './lagValues.js';

/** One lag over the history, oldest first: `values[i]` at `times[i]`, NaN where the sample lacks it. */
export interface LagSeries {
  /** Client time of each sample, ms since the epoch. */
  readonly times: Float64Array;
  readonly values: Float64Array;
  /** Number of samples that hold the lag (values that are not NaN). */
  readonly known: number;
}

const series = new WeakMap<readonly MetricsSample[], Map<string, LagSeries>>();

/**
 * The lag of one group (or of its lag on one topic) in every sample of `history`, for charts and
 * sparklines. A topic's lag is there only for samples taken while the group was tracked
 * (`trackGroupLag`) or the pair was among the highest lags. Memoised per history array.
 */
export function lagSeries(history: readonly MetricsSample[], groupId: string, topic?: string): LagSeries {
  const key = topic === undefined ? groupId : lagKey(groupId, topic);
  const memoKey = topic === undefined ? `g${key}` : `t${key}`;
  let cache = series.get(history);
  if (cache === undefined) {
    cache = new Map();
    series.set(history, cache);
  }
  let found = cache.get(memoKey);
  if (found === undefined) {
    const times = new Float64Array(history.length);
    const values = new Float64Array(history.length);
    let known = 0;
    for (let i = 0; i < history.length; i++) {
      const sample = history[i];
      times[i] = sample.time;
      const lag = sampleLag(topic === undefined ? sample.groupLag : sample.topicLag, key);
      values[i] = lag ?? Number.NaN;
      if (lag !== undefined) known++;
    }
    found = { times, values, known };
    cache.set(memoKey, found);
  }
  return found;
}
