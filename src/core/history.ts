import { lagKey } from './state.js';
import type { Metrics, MetricsSample } from './state.js';

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

/**
 * One history point from normalised metrics. `throughput` and `latency` are the metrics' own
 * (immutable) objects; `groupLag` is keyed by group id and `topicLag` by `lagKey(groupId, topic)`,
 * both in prototype-free records (a group may be called `constructor` or `__proto__`).
 */
export function sampleFromMetrics(m: Metrics): MetricsSample {
  const groupLag: Record<string, number> = Object.create(null);
  const topicLag: Record<string, number> = Object.create(null);
  const groups = m.consumerLags;
  for (let g = 0; g < groups.length; g++) {
    const group = groups[g];
    groupLag[group.groupId] = group.totalLag;
    const topics = group.topicLags;
    for (let t = 0; t < topics.length; t++)
      topicLag[lagKey(group.groupId, topics[t].topic)] = topics[t].totalLag;
  }
  return {
    time: m.receivedAt,
    throughput: m.throughput,
    latency: m.latency,
    ratesKnown: m.ratesKnown,
    totalLag: m.totalLag,
    groupLag,
    topicLag,
  };
}
