import { sampleLag } from '../core/lagValues.js';
import type { MetricsSample } from '../core/state.js';
import type { ConsumerLagData } from './lagRows.js';

const rates = new WeakMap<readonly MetricsSample[], Map<string, Float64Array>>();

/**
 * One topic's produce rate in every sample of `history` (NaN where unknown or absent), for a
 * sparkline. Memoised per history array, so a row asks again at no cost until a new sample arrives.
 */
export function produceRateSeries(history: readonly MetricsSample[], topic: string): Float64Array {
  let cache = rates.get(history);
  if (cache === undefined) {
    cache = new Map();
    rates.set(history, cache);
  }
  let values = cache.get(topic);
  if (values === undefined) {
    values = new Float64Array(history.length);
    for (let i = 0; i < history.length; i++) {
      const column = history[i].topicRate;
      values[i] = (column && sampleLag(column, topic)) ?? Number.NaN;
    }
    cache.set(topic, values);
  }
  return values;
}

/** The lag on one topic summed over the groups that read it, and how many they are. */
export interface TopicLag {
  lag: number;
  groups: number;
}

/** Lag per topic over all groups, in one pass over the groups' topics. */
export function lagByTopic(lags: readonly ConsumerLagData[] | null | undefined): Map<string, TopicLag> {
  const out = new Map<string, TopicLag>();
  for (const group of lags ?? []) {
    for (const t of group.topicLags) {
      const entry = out.get(t.topic);
      if (entry) {
        entry.lag += t.totalLag;
        entry.groups++;
      } else out.set(t.topic, { lag: t.totalLag, groups: 1 });
    }
  }
  return out;
}
