import { lagKey } from './state.js';
import type { ConsumerLag } from './protocol.js';
import type { LagValues, Metrics, MetricsSample } from './state.js';

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

/** A column of one value per item, sharing `previous.keys` while the same ids come in the same order. */
function column<T>(
  items: readonly T[],
  id: (item: T) => string,
  value: (item: T) => number,
  previous: LagValues | undefined,
): LagValues {
  const values = new Float64Array(items.length);
  let keys = previous !== undefined && previous.keys.length === items.length ? previous.keys : undefined;
  for (let i = 0; i < items.length; i++) {
    values[i] = value(items[i]);
    if (keys !== undefined && keys[i] !== id(items[i])) keys = undefined;
  }
  return { keys: keys ?? items.map(id), values };
}

/** Whether looking a name up in `record` can find anything (a prototype answers for some names). */
function mayHold(record: Readonly<Record<string, unknown>>): boolean {
  if (Object.getPrototypeOf(record) !== null) return true;
  for (const key in record) if (Object.hasOwn(record, key)) return true;
  return false;
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
  // Most stores track no group: skip a lookup per group then.
  const anyTracked = mayHold(tracked);
  for (let g = 0; g < groups.length; g++) {
    const { groupId, topicLags } = groups[g];
    const all = anyTracked && tracked[groupId] !== undefined;
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
 * One history point from normalized metrics. `throughput` and `latency` are the metrics' own
 * (immutable) objects. `groupLag` holds every group; `topicLag` every topic of the `tracked` groups and
 * the `topPairs` group × topic pairs with the highest lag; `topicRate` every topic's produce rate. All share their `keys` with `previous` while
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
    groupLag: column(
      groups,
      (g) => g.groupId,
      (g) => g.totalLag,
      previous?.groupLag,
    ),
    topicLag: topicColumn(groups, tracked, topPairs, previous?.topicLag),
    // NaN while rates are unknown: a sparkline shows a gap there, never a zero.
    topicRate: column(
      m.topicStats,
      (t) => t.name,
      (t) => (m.ratesKnown ? t.produceRate : Number.NaN),
      previous?.topicRate,
    ),
  };
}

/**
 * The `n`-th largest of `values` (1 = the largest), by a min-heap of the `n` largest seen so far:
 * one pass, no sort, no copy of `values`. `n` must be between 1 and `values.length`.
 */
export function nthLargest(values: Float64Array, n: number): number {
  const heap = new Float64Array(n);
  let size = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (size < n) {
      let at = size++;
      while (at > 0) {
        const parent = (at - 1) >> 1;
        if (heap[parent] <= value) break;
        heap[at] = heap[parent];
        at = parent;
      }
      heap[at] = value;
    } else if (value > heap[0]) {
      let at = 0;
      for (;;) {
        const left = 2 * at + 1;
        if (left >= n) break;
        const right = left + 1;
        const child = right < n && heap[right] < heap[left] ? right : left;
        if (heap[child] >= value) break;
        heap[at] = heap[child];
        at = child;
      }
      heap[at] = value;
    }
  }
  return heap[0];
}
