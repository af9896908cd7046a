import type {
  ClusterHealth,
  ConsumerLag,
  Dialect,
  Latency,
  MonitoringMetrics,
  PartitionLag,
  Throughput,
  TopicLag,
  TopicStat,
} from './protocol.js';
import { byGroupId, byName, byPartition, byTopic } from './compare.js';
import { keepIfEqual, rowWithKey } from './share.js';
import type { Metrics, RateBaseline } from './state.js';

/** The result of {@link normalizeMetrics}. */
export interface NormalizedMetrics {
  metrics: Metrics;
  /** The counters to derive the next sample's rates from; always null in the `spec` dialect. */
  baseline: RateBaseline | null;
}

// Also maps NaN and -0 to 0, and caps overflow: values past int64 are not real, but must not print as Infinity.
function nonNegative(value: number): number {
  return value > 0 ? (value <= Number.MAX_VALUE ? value : Number.MAX_VALUE) : 0;
}

/** A sum that saturates instead of overflowing to Infinity. */
function addCapped(a: number, b: number): number {
  const sum = a + b;
  return sum <= Number.MAX_VALUE ? sum : Number.MAX_VALUE;
}

/** Below this length an insertion sort beats `Array.prototype.sort`, whose comparator calls cannot be inlined. */
const INSERTION_SORT_MAX = 24;

/**
 * `items` ordered by `compare`, keeping only the LAST of equal keys (a duplicated row acts as an
 * overwrite). Returns `items` itself when it is already strictly ordered, else a new array; never
 * mutates `items`.
 */
function sortUnique<T>(items: readonly T[], compare: (a: T, b: T) => number): readonly T[] {
  let i = 1;
  while (i < items.length && compare(items[i - 1], items[i]) < 0) i++;
  if (i >= items.length) return items;
  const out = items.slice();
  if (out.length <= INSERTION_SORT_MAX) {
    for (let k = 1; k < out.length; k++) {
      const item = out[k];
      let j = k - 1;
      // strict `>` keeps equal keys in input order, so the dedupe below keeps the last one
      while (j >= 0 && compare(out[j], item) > 0) {
        out[j + 1] = out[j];
        j--;
      }
      out[j + 1] = item;
    }
  } else {
    out.sort(compare); // stable
  }
  let write = 0;
  for (let k = 0; k < out.length; k++) {
    if (k + 1 < out.length && compare(out[k], out[k + 1]) === 0) continue;
    out[write++] = out[k];
  }
  out.length = write;
  return out;
}

/**
 * Partitions, the most numerous rows, by number (the last of a repeated number wins). Partition numbers
 * are usually exactly 0…n−1, so each row goes straight to its slot; anything else is sorted.
 */
function sortPartitions(items: readonly PartitionLag[]): readonly PartitionLag[] {
  const n = items.length;
  const slots = new Array<PartitionLag>(n);
  for (let i = 0; i < n; i++) {
    const key = items[i].partition;
    // `key >>> 0 === key` holds for integers from 0 to 2³²−1, never for fractions, NaN or negatives
    if (!(key >>> 0 === key && key < n) || slots[key] !== undefined) {
      return sortUnique(items, byPartition);
    }
    slots[key] = items[i];
  }
  return slots;
}

const partitionOf = (row: PartitionLag) => row.partition;
const topicOf = (row: TopicLag) => row.topic;
const groupIdOf = (row: ConsumerLag) => row.groupId;
const nameOf = (row: TopicStat) => row.name;

interface SharedRows<T> {
  rows: T[];
  /** Sum of the rows' lag, saturating. */
  totalLag: number;
  /** Every row is the previous sample's row at the same position. */
  unchanged: boolean;
}

/**
 * Normalises sorted lag rows one by one against the previous sample's row with the same key, and sums
 * their lag: the one walk shared by partitions, topics and groups.
 */
function normalizeRows<T, K extends string | number>(
  sorted: readonly T[],
  previous: readonly T[] | undefined,
  keyOf: (row: T) => K,
  lagOf: (row: T) => number,
  normalize: (row: T, before: T | undefined) => T,
): SharedRows<T> {
  let unchanged = previous !== undefined && previous.length === sorted.length;
  const rows: T[] = [];
  let totalLag = 0;
  for (let i = 0; i < sorted.length; i++) {
    const raw = sorted[i];
    const row = normalize(
      raw,
      previous === undefined ? undefined : rowWithKey(previous, i, keyOf(raw), keyOf),
    );
    if (unchanged && row !== previous![i]) unchanged = false;
    rows.push(row);
    totalLag = addCapped(totalLag, lagOf(row));
  }
  return { rows, totalLag, unchanged };
}

/** One partition's lag (from the offsets when the server's is missing or negative); `before` when equal. */
function normalizePartitionLag(part: PartitionLag, before: PartitionLag | undefined): PartitionLag {
  const lag = part.lag >= 0 ? part.lag : nonNegative(part.logEndOffset - part.currentOffset);
  if (
    before !== undefined &&
    before.currentOffset === part.currentOffset &&
    before.logEndOffset === part.logEndOffset &&
    before.lag === lag
  ) {
    return before;
  }
  return {
    partition: part.partition,
    currentOffset: part.currentOffset,
    logEndOffset: part.logEndOffset,
    lag,
  };
}

const partitionLagOf = (row: PartitionLag) => row.lag;
const totalLagOf = (row: TopicLag | ConsumerLag) => row.totalLag;

/** One topic's lag, sorted and summed; `before` (the previous sample's row) when nothing changed. */
function normalizeTopicLag(topic: TopicLag, before: TopicLag | undefined): TopicLag {
  const parts = sortPartitions(topic.partitionLags);
  const previous = before === undefined ? undefined : before.partitionLags;
  const shared = normalizeRows(parts, previous, partitionOf, partitionLagOf, normalizePartitionLag);
  const totalLag = parts.length === 0 ? nonNegative(topic.totalLag) : shared.totalLag;
  if (shared.unchanged && before!.totalLag === totalLag) return before!;
  // The previous sample's copy of a name is already a known property key: lookups by it are cheaper.
  const name = before === undefined ? topic.topic : before.topic;
  return { topic: name, totalLag, partitionLags: shared.unchanged ? previous! : shared.rows };
}

/** One group's lag, sorted and summed; `before` (the previous sample's row) when nothing changed. */
function normalizeGroupLag(group: ConsumerLag, before: ConsumerLag | undefined): ConsumerLag {
  const topics = sortUnique(group.topicLags, byTopic);
  const previous = before === undefined ? undefined : before.topicLags;
  const shared = normalizeRows(topics, previous, topicOf, totalLagOf, normalizeTopicLag);
  const totalLag = topics.length === 0 ? nonNegative(group.totalLag) : shared.totalLag;
  if (shared.unchanged && before!.totalLag === totalLag) return before!;
  const groupId = before === undefined ? group.groupId : before.groupId;
  return { groupId, totalLag, topicLags: shared.unchanged ? previous! : shared.rows };
}

function normalizeConsumerLags(
  raw: readonly ConsumerLag[],
  previous: readonly ConsumerLag[] | undefined,
): { consumerLags: ConsumerLag[]; totalLag: number } {
  const groups = sortUnique(raw, byGroupId);
  const shared = normalizeRows(groups, previous, groupIdOf, totalLagOf, normalizeGroupLag);
  return {
    consumerLags: shared.unchanged ? (previous as ConsumerLag[]) : shared.rows,
    totalLag: shared.totalLag,
  };
}

function normalizeLatency(raw: Latency, scale: number): Latency {
  return {
    produceP50: nonNegative(raw.produceP50 * scale),
    produceP95: nonNegative(raw.produceP95 * scale),
    produceP99: nonNegative(raw.produceP99 * scale),
    fetchP50: nonNegative(raw.fetchP50 * scale),
    fetchP95: nonNegative(raw.fetchP95 * scale),
    fetchP99: nonNegative(raw.fetchP99 * scale),
  };
}

/** Per-second rate from two cumulative counter readings; 0 for a new or reset counter. */
function counterRate(current: number, previous: number | undefined, seconds: number): number {
  if (previous === undefined || current < previous) return 0;
  return nonNegative((current - previous) / seconds);
}

/** Seconds between the baseline and this sample, by the client clock, else the server clock, else 0. */
function elapsedSeconds(baseline: RateBaseline, raw: MonitoringMetrics, receivedAt: number): number {
  const client = (receivedAt - baseline.time) / 1000;
  if (client > 0) return client;
  const server = baseline.serverTimestamp === undefined ? NaN : raw.timestamp - baseline.serverTimestamp;
  return server > 0 ? server : 0;
}

function counterWentDown(now: Throughput, before: Throughput): boolean {
  return (
    now.produceRate < before.produceRate ||
    now.fetchRate < before.fetchRate ||
    now.produceBytes < before.produceBytes ||
    now.fetchBytes < before.fetchBytes
  );
}

/**
 * Turns a `metrics` payload, as validated by `parseFrame`, into dialect-free {@link Metrics}: rates per
 * second, latency in milliseconds, arrays sorted by identity. Pure: the input is never mutated and the
 * output shares no object with it.
 *
 * Both dialects:
 * - `topicStats` sorted by name, `consumerLags` by group id, `topicLags` by topic, `partitionLags` by
 *   partition (code-unit order, not locale order). A key listed twice keeps its last row.
 * - Partition lag: the server's value when it is ≥ 0, else `max(0, logEndOffset − currentOffset)`.
 *   A topic's `totalLag` is the sum of its partitions' (the server's value, clamped at 0, only when it
 *   lists no partition); a group's is the sum of its topics' (same rule); `totalLag` sums the groups.
 * - Rates and latencies are clamped at ≥ 0; `clusterHealth` and the counts are copied as given.
 *
 * `spec`: values are taken as rates/s and ms; `ratesKnown` true, `latencyEstimated` false; no baseline.
 *
 * `takhin`: `throughput.*` and topic `produceRate`/`fetchRate` are cumulative counters, so a rate is
 * Δcounter / Δt, where Δt is `receivedAt − baseline.time` (falling back to the difference of the server
 * timestamps when the client clock did not advance, as for two samples delivered in one batch).
 * - No baseline (first sample): rates 0, `ratesKnown` false.
 * - Any throughput counter lower than in the baseline means the server restarted: rates 0,
 *   `ratesKnown` false, and this sample becomes the baseline.
 * - Neither clock advanced: rates 0, `ratesKnown` false.
 * - Per topic: a topic absent from the baseline, or whose counter dropped, gets rate 0 for that counter
 *   (the sample's `ratesKnown` stays true).
 * - Latency is converted from seconds to ms; `latencyEstimated` is true since the upstream
 *   "percentiles" are the mean × 0.8 / 1.5 / 2.0.
 *
 * Structural sharing: with `previous`, every part of the result equal in value to the same part of
 * `previous` (throughput, latency, clusterHealth, each topic row, each group, topic and partition lag,
 * whole arrays) is `previous`'s own object, so identity-based memoisation (React selectors, `memo` rows)
 * skips what did not change. The returned object itself is always new.
 *
 * @param baseline The baseline returned with the previous sample, or null.
 * @param receivedAt Client time of this sample, ms since the epoch.
 * @param previous The previous normalised sample, whose unchanged parts the result reuses.
 */
export function normalizeMetrics(
  raw: MonitoringMetrics,
  dialect: Dialect,
  baseline: RateBaseline | null,
  receivedAt: number,
  previous: Metrics | null = null,
): NormalizedMetrics {
  const takhin = dialect !== 'spec';
  const { consumerLags, totalLag } = normalizeConsumerLags(raw.consumerLags, previous?.consumerLags);
  const health = raw.clusterHealth;
  const clusterHealth: ClusterHealth = {
    activeConnections: health.activeConnections,
    totalTopics: health.totalTopics,
    totalPartitions: health.totalPartitions,
    totalConsumers: health.totalConsumers,
    diskUsageBytes: health.diskUsageBytes,
    memoryUsageBytes: health.memoryUsageBytes,
    goroutineCount: health.goroutineCount,
  };
  const rawThroughput = raw.throughput;

  const seconds = baseline === null ? 0 : elapsedSeconds(baseline, raw, receivedAt);
  const ratesKnown =
    !takhin || (baseline !== null && seconds > 0 && !counterWentDown(rawThroughput, baseline.throughput));
  const earlier = takhin && ratesKnown ? baseline!.throughput : null;
  const previousTopics = earlier === null ? null : baseline!.topics;
  const baselineTopics: RateBaseline['topics'] | null = takhin ? Object.create(null) : null;

  const stats = sortUnique(raw.topicStats, byName);
  const previousStats = previous?.topicStats;
  let allPrevious = previousStats !== undefined && previousStats.length === stats.length;
  const topicStats: TopicStat[] = [];
  for (let i = 0; i < stats.length; i++) {
    const s = stats[i];
    const before = previousStats === undefined ? undefined : rowWithKey(previousStats, i, s.name, nameOf);
    const name = before === undefined ? s.name : before.name;
    let produceRate: number;
    let fetchRate: number;
    if (baselineTopics === null) {
      produceRate = nonNegative(s.produceRate);
      fetchRate = nonNegative(s.fetchRate);
    } else {
      const counters = previousTopics === null ? undefined : previousTopics[name];
      produceRate = counters === undefined ? 0 : counterRate(s.produceRate, counters.produce, seconds);
      fetchRate = counters === undefined ? 0 : counterRate(s.fetchRate, counters.fetch, seconds);
      baselineTopics[name] = { produce: s.produceRate, fetch: s.fetchRate };
    }
    let row = before;
    if (
      row === undefined ||
      row.partitions !== s.partitions ||
      row.totalMessages !== s.totalMessages ||
      row.totalBytes !== s.totalBytes ||
      row.produceRate !== produceRate ||
      row.fetchRate !== fetchRate
    ) {
      row = {
        name,
        partitions: s.partitions,
        totalMessages: s.totalMessages,
        totalBytes: s.totalBytes,
        produceRate,
        fetchRate,
      };
    }
    if (allPrevious && row !== previousStats![i]) allPrevious = false;
    topicStats.push(row);
  }

  let throughput: Throughput;
  if (!takhin) {
    throughput = {
      produceRate: nonNegative(rawThroughput.produceRate),
      fetchRate: nonNegative(rawThroughput.fetchRate),
      produceBytes: nonNegative(rawThroughput.produceBytes),
      fetchBytes: nonNegative(rawThroughput.fetchBytes),
    };
  } else if (earlier !== null) {
    throughput = {
      produceRate: counterRate(rawThroughput.produceRate, earlier.produceRate, seconds),
      fetchRate: counterRate(rawThroughput.fetchRate, earlier.fetchRate, seconds),
      produceBytes: counterRate(rawThroughput.produceBytes, earlier.produceBytes, seconds),
      fetchBytes: counterRate(rawThroughput.fetchBytes, earlier.fetchBytes, seconds),
    };
  } else {
    throughput = { produceRate: 0, fetchRate: 0, produceBytes: 0, fetchBytes: 0 };
  }

  const metrics: Metrics = {
    throughput: keepIfEqual(previous?.throughput, throughput),
    latency: keepIfEqual(previous?.latency, normalizeLatency(raw.latency, takhin ? 1000 : 1)),
    topicStats: allPrevious ? previousStats! : topicStats,
    consumerLags,
    clusterHealth: keepIfEqual(previous?.clusterHealth, clusterHealth),
    timestamp: raw.timestamp,
    receivedAt,
    totalLag,
    ratesKnown,
    latencyEstimated: takhin,
  };
  if (baselineTopics === null) return { metrics, baseline: null };
  const nextBaseline: RateBaseline = {
    time: receivedAt,
    serverTimestamp: raw.timestamp,
    throughput: {
      produceRate: rawThroughput.produceRate,
      fetchRate: rawThroughput.fetchRate,
      produceBytes: rawThroughput.produceBytes,
      fetchBytes: rawThroughput.fetchBytes,
    },
    topics: baselineTopics,
  };
  return { metrics, baseline: nextBaseline };
}
