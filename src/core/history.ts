import { lagKey } from './state.js';
import type { ConsumerLag } from './protocol.js';
import type { LagValues, Metrics, MetricsSample } from './state.js';
import { nthLargest } from './nthLargest.js';

/**
 * Appends `items` to `list` and keeps only the newest `cap` entries (newest last). Never mutates its
 * inputs. Returns `list` itself when there is nothing to add and it already fits, so an unchanged
 * buffer keeps its identity.
 *
 * @param cap Maximum length of the result; a negative or NaN cap counts as 0, a fraction is rounded down.
 */
export function appendBounded<T>(list: readonly T[], items: readonly T[], cap: number): T[] {
  const limit = cap >= 0 ? Math.floor(cap) : 0; // NaN counts as 0
  if (items.length === 0 && list.length <= limit) return list as T[];
  if (items.length >= limit) return items.slice(items.length - limit);
  const keep = Math.min(list.length, limit - items.length);
  const out = list.slice(list.length - keep);
  for (let i = 0; i < items.length; i++) out.push(items[i]);
  return out;
}

const NO_KEYS: readonly string[] = Object.freeze([]);

function groupColumn(groups: readonly ConsumerLag[], previous: LagValues | undefined): LagValues {
  const values = new Float64Array(groups.length);
  let keys = previous !== undefined && previous.keys.length === groups.length ? previous.keys : undefined;
  for (let g = 0; g < groups.length; g++) {
    values[g] = groups[g].totalLag;
    if (keys !== undefined && keys[g] !== groups[g].groupId) keys = undefined;
  }
  return { keys: keys ?? groups.map((group) => group.groupId), values };
}

function topicColumn(
  groups: readonly ConsumerLag[],
  tracked: Readonly<Record<string, number>>,
  top: number,
  previous: LagValues | undefined,
): LagValues {
  let pairs = 0;
  for (let g = 0; g < groups.length; g++) pairs += groups[g].topicLags.length;
  // Pairs above the N-th largest lag are in; of those equal to it, the first ones up to N in all.
  let threshold = -Infinity;
  let equalAllowed = Infinity;
  if (top < pairs) {
    const lags = new Float64Array(pairs);
    for (let g = 0, k = 0; g < groups.length; g++) {
      const topics = groups[g].topicLags;
      for (let t = 0; t < topics.length; t++) lags[k++] = topics[t].totalLag;
    }
    if (top <= 0) {
      threshold = Infinity;
      equalAllowed = 0;
    } else {
      threshold = nthLargest(lags, top);
      let above = 0;
      for (let i = 0; i < lags.length; i++) if (lags[i] > threshold) above++;
      equalAllowed = top - above;
    }
  }

  const keys: string[] = [];
  const values: number[] = [];
  for (let g = 0; g < groups.length; g++) {
    const { groupId, topicLags } = groups[g];
    const all = tracked[groupId] !== undefined;
    for (let t = 0; t < topicLags.length; t++) {
      const lag = topicLags[t].totalLag;
      if (!all && !(lag > threshold) && !(lag === threshold && equalAllowed-- > 0)) continue;
      keys.push(lagKey(groupId, topicLags[t].topic));
      values.push(lag);
    }
  }
  const before = previous === undefined ? NO_KEYS : previous.keys;
  let same = before.length === keys.length;
  for (let i = 0; same && i < keys.length; i++) same = before[i] === keys[i];
  return { keys: same ? before : keys, values: Float64Array.from(values) };
}

/**
 * One history point from normalised metrics. `throughput` and `latency` are the metrics' own
 * (immutable) objects. `groupLag` holds every group; `topicLag` every topic of the `tracked` groups and
 * the `topPairs` group × topic pairs with the highest lag. Both share their `keys` with `previous` while
 * the same keys come in the same order.
 */
export function sampleFromMetrics(
  m: Metrics,
  previous?: MetricsSample,
  tracked: Readonly<Record<string, number>> = {},
  topPairs = Infinity,
): MetricsSample {
  const groups = m.consumerLags;
  return {
    time: m.receivedAt,
    throughput: m.throughput,
    latency: m.latency,
    ratesKnown: m.ratesKnown,
    totalLag: m.totalLag,
    groupLag: groupColumn(groups, previous?.groupLag),
    topicLag: topicColumn(groups, tracked, topPairs, previous?.topicLag),
  };
}
