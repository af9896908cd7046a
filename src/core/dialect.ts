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
import type { ConsumerLagRow, Metrics, PartitionLagRow, RateBaseline, TopicLagRow } from './state.js';

/** The result of {@link normalizeMetrics}. */
export interface NormalizedMetrics {
  metrics: Metrics;
  /** What the next sample's rates are derived against. */
  baseline: RateBaseline;
}

// Structural sharing: a part equal in value to the previous sample's keeps the previous object, so
// identity-based memoization skips what did not change.

/** `before` when it holds the same values as `now` under the same keys, else `now`. */
export function keepIfEqual<T extends object>(before: T | undefined, now: T): T {
  if (before === undefined) return now;
  for (const key in now) if (before[key] !== now[key]) return now;
  return before;
}

/**
 * The row of `rows` (sorted by `keyOf`, keys unique) whose key is `key`, or undefined. Consecutive
 * samples usually list the same keys, so the row at `hint` is tried before a binary search.
 */
export function rowWithKey<T, K extends string | number>(
  rows: readonly T[],
  hint: number,
  key: K,
  keyOf: (row: T) => K,
): T | undefined {
  if (hint < rows.length && keyOf(rows[hint]) === key) return rows[hint];
  let low = 0;
  let high = rows.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const found = keyOf(rows[middle]);
    if (found === key) return rows[middle];
    if (found < key) low = middle + 1;
    else high = middle - 1;
  }
  return undefined;
}

/** Orders of identity the library sorts by (code units, not locale: stable across machines). */
export function byName(a: { name: string }, b: { name: string }): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}
export function byGroupId(a: { groupId: string }, b: { groupId: string }): number {
  return a.groupId < b.groupId ? -1 : a.groupId > b.groupId ? 1 : 0;
}
export function byTopic(a: { topic: string }, b: { topic: string }): number {
  return a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : 0;
}
export function byPartition(a: { partition: number }, b: { partition: number }): number {
  return a.partition - b.partition;
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
 * Where each key stands in a list of rows sorted by that key (keys unique), kept for the list's
 * lifetime: the next sample usually holds the same rows reshuffled, and is then put in order by one
 * lookup per row instead of a comparison sort (see {@link placeLikePrevious}).
 */
const keyPositions = new WeakMap<readonly object[], ReadonlyMap<string, number>>();

/**
 * `items` in the order of `previous` when they hold exactly its keys, each once; null otherwise (then
 * they are sorted). `previous` must be a list whose positions {@link rememberPositions} kept.
 */
function placeLikePrevious<R extends object, P extends object>(
  items: readonly R[],
  previous: readonly P[] | undefined,
  keyOf: (row: R | P) => string,
): R[] | null {
  if (previous === undefined || previous.length !== items.length) return null;
  const positions = keyPositions.get(previous);
  if (positions === undefined) return null;
  const placed = new Array<R>(items.length);
  for (let i = 0; i < items.length; i++) {
    const at = positions.get(keyOf(items[i]));
    if (at === undefined || placed[at] !== undefined) return null;
    placed[at] = items[i];
  }
  return placed;
}

/** Where each key of `rows` (sorted, keys unique) stands. */
function positionsOf<P extends object>(rows: readonly P[], keyOf: (row: P) => string): Map<string, number> {
  const positions = new Map<string, number>();
  for (let i = 0; i < rows.length; i++) positions.set(keyOf(rows[i]), i);
  return positions;
}

/**
 * Keeps the key positions of `rows` (sorted, keys unique) for the next sample: those of `previous` when
 * `rows` lists the same keys in the same order (`samePositions`), else new ones.
 */
function rememberPositions<P extends object>(
  rows: readonly P[],
  previous: readonly P[] | undefined,
  samePositions: boolean,
  keyOf: (row: P) => string,
): void {
  if (keyPositions.has(rows)) return;
  const kept = samePositions && previous !== undefined ? keyPositions.get(previous) : undefined;
  keyPositions.set(rows, kept ?? positionsOf(rows, keyOf));
}

/**
 * Scratch of {@link densePartitionOrder}: `partitionPosition[k]` is the position in the raw list of
 * partition k. Grows to the largest topic seen; reused so that ordering a topic allocates nothing.
 */
let partitionPosition = new Int32Array(64);

/**
 * Whether the partitions are numbered exactly 0…n−1, each once (the usual case); if so,
 * `partitionPosition` holds where each one is, so they are read in order without a sort.
 */
function densePartitionOrder(parts: readonly PartitionLag[]): boolean {
  const n = parts.length;
  if (partitionPosition.length < n)
    partitionPosition = new Int32Array(Math.max(n, 2 * partitionPosition.length));
  const position = partitionPosition;
  position.fill(-1, 0, n);
  for (let i = 0; i < n; i++) {
    const key = parts[i].partition;
    // `key >>> 0 === key` holds for integers from 0 to 2³²−1, never for fractions, NaN or negatives
    if (!(key >>> 0 === key && key < n) || position[key] !== -1) return false;
    position[key] = i;
  }
  return true;
}

const partitionOf = (row: PartitionLag) => row.partition;
const topicOf = (row: TopicLag) => row.topic;
const groupIdOf = (row: ConsumerLag) => row.groupId;
const nameOf = (row: TopicStat) => row.name;

/** What a walk over sibling lag rows adds up; written by the walk, read by its caller right after it. */
interface RowTotals {
  /** Sum of the rows' lag, saturating. */
  totalLag: number;
  /** Sum of the rows' known consume rates; null when none is known. */
  consumeRate: number | null;
  /** Every row is the previous sample's row at the same position. */
  unchanged: boolean;
}

// One per level of the tree, reused: a tick walks 10⁴ sibling lists, and returning a fresh object from
// each walk cost a measurable share of the dispatch. The walks nest (groups → topics → partitions), and
// each caller reads the totals of its inner walk before starting the next one.
const partitionTotals: RowTotals = { totalLag: 0, consumeRate: null, unchanged: false };
const topicTotals: RowTotals = { totalLag: 0, consumeRate: null, unchanged: false };
const groupTotals: RowTotals = { totalLag: 0, consumeRate: null, unchanged: false };

/**
 * Seconds since the previous sample of the same connection while a consumer-lag walk derives consume
 * rates (0: none). Set for the length of one synchronous walk by {@link normalizeConsumerLags}: the
 * per-row functions stay plain top-level functions, which the hottest loop of a tick needs to be fast.
 */
let rateSeconds = 0;

/**
 * One partition's lag (from the offsets when the server's is missing or negative) and its consume rate,
 * Δ committed offset / Δt (an offset that went down gives none); `before` when nothing differs.
 */
function normalizePartitionLag(part: PartitionLag, before: PartitionLagRow | undefined): PartitionLagRow {
  const lag = part.lag >= 0 ? part.lag : nonNegative(part.logEndOffset - part.currentOffset);
  const consumeRate =
    rateSeconds > 0 && before !== undefined && part.currentOffset >= before.currentOffset
      ? nonNegative((part.currentOffset - before.currentOffset) / rateSeconds)
      : null;
  if (
    before !== undefined &&
    before.currentOffset === part.currentOffset &&
    before.logEndOffset === part.logEndOffset &&
    before.lag === lag &&
    before.consumeRate === consumeRate
  ) {
    return before;
  }
  return {
    partition: part.partition,
    currentOffset: part.currentOffset,
    logEndOffset: part.logEndOffset,
    lag,
    consumeRate,
  };
}

/**
 * A topic's partitions by number (the last of a repeated number wins), each normalized against the
 * previous sample's row of the same number; sums into `partitionTotals`.
 */
function normalizePartitionLags(
  raw: readonly PartitionLag[],
  previous: readonly PartitionLagRow[] | undefined,
): PartitionLagRow[] {
  const dense = densePartitionOrder(raw);
  const sorted = dense ? raw : sortUnique(raw, byPartition);
  const position = partitionPosition;
  const n = sorted.length;
  const rows: PartitionLagRow[] = [];
  let unchanged = previous !== undefined && previous.length === n;
  let totalLag = 0;
  let consumeRate: number | null = null;
  for (let k = 0; k < n; k++) {
    const part = dense ? raw[position[k]] : sorted[k];
    let before: PartitionLagRow | undefined;
    if (previous !== undefined) {
      // Consecutive samples usually list the same partitions: the row at the same position first.
      before =
        k < previous.length && previous[k].partition === part.partition
          ? previous[k]
          : rowWithKey(previous, k, part.partition, partitionOf);
    }
    const row = normalizePartitionLag(part, before);
    if (unchanged && row !== previous![k]) unchanged = false;
    rows.push(row);
    totalLag = addCapped(totalLag, row.lag);
    if (row.consumeRate !== null) consumeRate = addCapped(consumeRate ?? 0, row.consumeRate);
  }
  partitionTotals.totalLag = totalLag;
  partitionTotals.consumeRate = consumeRate;
  partitionTotals.unchanged = unchanged;
  return rows;
}

/**
 * While a consumer-lag walk runs, the order of the same sample's topic stats (set by
 * {@link normalizeConsumerLags}, like `rateSeconds`): each group's topics are ordered by their
 * position in it, an integer, instead of by comparing their names.
 */
let walkTopics: TopicOrder | null = null;

/**
 * Consume rate of each topic (by its position in the walk's topic order), summed over the groups that
 * read it in group and topic order while a walk derives rates; 0 for a topic no group reads with a
 * known rate. Summed as the walk places each topic, where its position is known without a lookup by
 * name. Reused: read by `normalizeTopicStats` in the same call of `normalizeMetrics`, before anything
 * can write it again.
 */
let consumedByTopic = new Float64Array(256);

/** Adds one group's consume rate of the topic at `position` (undefined: not among the stats). */
function addConsumed(position: number | undefined, rate: number | null): void {
  if (rate !== null && position !== undefined)
    consumedByTopic[position] = addCapped(consumedByTopic[position], rate);
}

/** Scratch of {@link rankTopics}: the position (`topicRank`) and raw index (`topicSlot`) of each topic. */
let topicRank = new Int32Array(16);
let topicSlot = new Int32Array(16);

/**
 * Orders a group's topics by their position among the sample's topic stats (the same order as by
 * name), keeping the last of a repeated topic, into `topicRank` / `topicSlot`. Returns how many are
 * kept, or -1 when a topic is not among the stats (they are then sorted by name).
 */
function rankTopics(raw: readonly TopicLag[]): number {
  const order = walkTopics;
  if (order === null) return -1;
  const n = raw.length;
  if (topicRank.length < n) {
    topicRank = new Int32Array(Math.max(n, 2 * topicRank.length));
    topicSlot = new Int32Array(topicRank.length);
  }
  const rank = topicRank;
  const slot = topicSlot;
  for (let i = 0; i < n; i++) {
    const at = order.positions.get(raw[i].topic);
    if (at === undefined) return -1;
    // An insertion sort: a group reads a few topics. Strict `>` keeps repeats in input order.
    let j = i - 1;
    while (j >= 0 && rank[j] > at) {
      rank[j + 1] = rank[j];
      slot[j + 1] = slot[j];
      j--;
    }
    rank[j + 1] = at;
    slot[j + 1] = i;
  }
  let kept = 0;
  for (let k = 0; k < n; k++) {
    if (k + 1 < n && rank[k] === rank[k + 1]) continue;
    rank[kept] = rank[k];
    slot[kept++] = slot[k];
  }
  return kept;
}

/**
 * One topic's lag, sorted and summed, named `name`; `before` (the previous sample's row) when nothing
 * changed.
 */
function normalizeTopicLag(topic: TopicLag, before: TopicLagRow | undefined, name: string): TopicLagRow {
  const previous = before === undefined ? undefined : before.partitionLags;
  const rows = normalizePartitionLags(topic.partitionLags, previous);
  const { unchanged, consumeRate } = partitionTotals;
  const totalLag = rows.length === 0 ? nonNegative(topic.totalLag) : partitionTotals.totalLag;
  if (unchanged && before!.totalLag === totalLag && before!.consumeRate === consumeRate) return before!;
  return { topic: name, totalLag, partitionLags: unchanged ? previous! : rows, consumeRate };
}

/** A group's topics by name (the last of a repeated name wins), normalized; sums into `topicTotals`. */
function normalizeTopicLags(
  raw: readonly TopicLag[],
  previous: readonly TopicLagRow[] | undefined,
): TopicLagRow[] {
  const ranked = rankTopics(raw);
  const sorted = ranked < 0 ? sortUnique(raw, byTopic) : null;
  const n = sorted === null ? ranked : sorted.length;
  const rows: TopicLagRow[] = [];
  let unchanged = previous !== undefined && previous.length === n;
  let totalLag = 0;
  let consumeRate: number | null = null;
  for (let k = 0; k < n; k++) {
    const topic = sorted === null ? raw[topicSlot[k]] : sorted[k];
    // The topic stats' copy of a name (the same string every sample) makes the comparison below, and
    // later lookups by the name, cheap.
    let name = sorted === null ? walkTopics!.names[topicRank[k]] : topic.topic;
    let before: TopicLagRow | undefined;
    if (previous !== undefined) {
      before =
        k < previous.length && previous[k].topic === name
          ? previous[k]
          : rowWithKey(previous, k, name, topicOf);
      if (before !== undefined && sorted !== null) name = before.topic;
    }
    const row = normalizeTopicLag(topic, before, name);
    if (rateSeconds > 0)
      addConsumed(sorted === null ? topicRank[k] : walkTopics!.positions.get(name), row.consumeRate);
    if (unchanged && row !== previous![k]) unchanged = false;
    rows.push(row);
    totalLag = addCapped(totalLag, row.totalLag);
    if (row.consumeRate !== null) consumeRate = addCapped(consumeRate ?? 0, row.consumeRate);
  }
  topicTotals.totalLag = totalLag;
  topicTotals.consumeRate = consumeRate;
  topicTotals.unchanged = unchanged;
  return rows;
}

/** One group's lag, sorted and summed; `before` (the previous sample's row) when nothing changed. */
function normalizeGroupLag(group: ConsumerLag, before: ConsumerLagRow | undefined): ConsumerLagRow {
  const previous = before === undefined ? undefined : before.topicLags;
  const rows = normalizeTopicLags(group.topicLags, previous);
  const { unchanged, consumeRate } = topicTotals;
  const totalLag = rows.length === 0 ? nonNegative(group.totalLag) : topicTotals.totalLag;
  if (unchanged && before!.totalLag === totalLag && before!.consumeRate === consumeRate) return before!;
  const groupId = before === undefined ? group.groupId : before.groupId;
  return { groupId, totalLag, topicLags: unchanged ? previous! : rows, consumeRate };
}

/** The groups by id (the last of a repeated id wins), normalized; sums into `groupTotals`. */
function normalizeGroupLags(
  raw: readonly ConsumerLag[],
  previous: readonly ConsumerLagRow[] | undefined,
): ConsumerLagRow[] {
  const placed = placeLikePrevious(raw, previous, groupIdOf);
  const sorted = placed ?? sortUnique(raw, byGroupId);
  const n = sorted.length;
  const rows: ConsumerLagRow[] = [];
  let unchanged = previous !== undefined && previous.length === n;
  let totalLag = 0;
  let consumeRate: number | null = null;
  for (let k = 0; k < n; k++) {
    const group = sorted[k];
    let before: ConsumerLagRow | undefined;
    if (placed !== null) before = previous![k];
    else if (previous !== undefined) {
      before =
        k < previous.length && previous[k].groupId === group.groupId
          ? previous[k]
          : rowWithKey(previous, k, group.groupId, groupIdOf);
    }
    const row = normalizeGroupLag(group, before);
    if (unchanged && row !== previous![k]) unchanged = false;
    rows.push(row);
    totalLag = addCapped(totalLag, row.totalLag);
    if (row.consumeRate !== null) consumeRate = addCapped(consumeRate ?? 0, row.consumeRate);
  }
  groupTotals.totalLag = totalLag;
  groupTotals.consumeRate = consumeRate;
  groupTotals.unchanged = unchanged;
  rememberPositions(unchanged ? previous! : rows, previous, placed !== null, groupIdOf);
  return rows;
}

function normalizeConsumerLags(
  raw: readonly ConsumerLag[],
  previous: readonly ConsumerLagRow[] | undefined,
  seconds: number,
  topics: TopicOrder,
): { consumerLags: ConsumerLagRow[]; totalLag: number; consumeRate: number | null } {
  rateSeconds = seconds;
  walkTopics = topics;
  if (seconds > 0) {
    const count = topics.stats.length;
    if (consumedByTopic.length < count)
      consumedByTopic = new Float64Array(Math.max(count, 2 * consumedByTopic.length));
    consumedByTopic.fill(0, 0, count);
  }
  let rows: ConsumerLagRow[];
  try {
    rows = normalizeGroupLags(raw, previous);
  } finally {
    rateSeconds = 0;
    walkTopics = null;
  }
  return {
    consumerLags: groupTotals.unchanged ? (previous as ConsumerLagRow[]) : rows,
    totalLag: groupTotals.totalLag,
    consumeRate: groupTotals.consumeRate,
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

/** Whether the server's own throughput figures (rates or counters, per the dialect) say anything. */
function serverCountersMoved(raw: MonitoringMetrics): boolean {
  const t = raw.throughput;
  if (t.produceRate > 0 || t.fetchRate > 0 || t.produceBytes > 0 || t.fetchBytes > 0) return true;
  const stats = raw.topicStats;
  for (let i = 0; i < stats.length; i++) if (stats[i].produceRate > 0 || stats[i].fetchRate > 0) return true;
  return false;
}

function anyLatency(raw: Latency): boolean {
  return (
    raw.produceP50 > 0 ||
    raw.produceP95 > 0 ||
    raw.produceP99 > 0 ||
    raw.fetchP50 > 0 ||
    raw.fetchP95 > 0 ||
    raw.fetchP99 > 0
  );
}

const KNOWN = Object.freeze({ produceRate: true, fetchRate: true, produceBytes: true, fetchBytes: true });
const UNKNOWN = Object.freeze({
  produceRate: false,
  fetchRate: false,
  produceBytes: false,
  fetchBytes: false,
});
const FROM_OFFSETS = Object.freeze({
  produceRate: true,
  fetchRate: true,
  produceBytes: true,
  fetchBytes: false,
});
const FROM_OFFSETS_NO_BYTES = Object.freeze({ ...FROM_OFFSETS, produceBytes: false });
const ZERO_THROUGHPUT: Throughput = Object.freeze({
  produceRate: 0,
  fetchRate: 0,
  produceBytes: 0,
  fetchBytes: 0,
});
const NO_TOPIC_COUNTERS: RateBaseline['topics'] = Object.freeze(Object.create(null));

/** A sample's topic rows in name order, before they are normalized. */
interface TopicOrder {
  stats: readonly TopicStat[];
  /** `stats[i]` has the key of the previous sample's row `i`, for every `i`. */
  aligned: boolean;
  /** Where each topic name stands in `stats`. */
  positions: ReadonlyMap<string, number>;
  /** The name of each position, as the normalized rows spell it (the previous sample's strings). */
  names: readonly string[];
}

function orderTopicStats(raw: readonly TopicStat[], previous: readonly TopicStat[] | undefined): TopicOrder {
  const placed = placeLikePrevious(raw, previous, nameOf);
  if (placed !== null) {
    const positions = keyPositions.get(previous!)!;
    return { stats: placed, aligned: true, positions, names: previous!.map(nameOf) };
  }
  const stats = sortUnique(raw, byName);
  return { stats, aligned: false, positions: positionsOf(stats, nameOf), names: stats.map(nameOf) };
}

/**
 * Number of topics in each per-topic counter record this module built, so that reusing one does not
 * need to count its keys (records are never changed once built).
 */
const counterRecordSizes = new WeakMap<RateBaseline['topics'], number>();

function counterRecordSize(record: RateBaseline['topics']): number {
  return counterRecordSizes.get(record) ?? Object.keys(record).length;
}

/**
 * Turns a `metrics` payload, as validated by `parseFrame`, into dialect-free {@link Metrics}: rates per
 * second, latency in milliseconds, arrays sorted by identity. Pure: the input is never mutated and the
 * output shares no object with it. The rules (sorting, clamping, both dialects, rates derived from
 * offsets when the server's counters stay at zero, structural sharing) are set out in docs/api.md,
 * "How metrics are normalized".
 *
 * @param baseline The baseline returned with the previous sample, or null.
 * @param receivedAt Client time of this sample, ms since the epoch.
 * @param previous The previous normalized sample, whose unchanged parts the result reuses.
 * @param comparable Whether `previous` and `baseline` are from the same connection, so that rates may be
 *   derived against them (false for the first sample after a (re)connect).
 */
export function normalizeMetrics(
  raw: MonitoringMetrics,
  dialect: Dialect,
  baseline: RateBaseline | null,
  receivedAt: number,
  previous: Metrics | null = null,
  comparable = true,
): NormalizedMetrics {
  const takhin = dialect !== 'spec';
  const seconds = comparable && baseline !== null ? elapsedSeconds(baseline, raw, receivedAt) : 0;
  const rates = rateSource(raw, takhin, baseline, seconds);
  const fromOffsets = rates.source === 'offsets';
  const order = orderTopicStats(raw.topicStats, previous?.topicStats);
  const lags = normalizeConsumerLags(
    raw.consumerLags,
    previous?.consumerLags,
    fromOffsets ? seconds : 0,
    order,
  );
  const topics = normalizeTopicStats(order, previous?.topicStats, {
    takhin,
    source: rates.source,
    seconds,
    // Counters to derive rates against exist only for a takhin server whose own counters move.
    earlier: takhin && rates.source === 'server' ? baseline!.topics : null,
    consumeByTopic: fromOffsets ? consumedByTopic : null,
    priorCounters: takhin && baseline !== null ? baseline.topics : null,
  });
  const { throughput, throughputKnown } = normalizeThroughput(
    raw.throughput,
    takhin,
    rates.source,
    takhin && rates.source === 'server' ? baseline!.throughput : null,
    seconds,
    topics,
    lags.consumeRate,
  );
  const health = raw.clusterHealth;
  const metrics: Metrics = {
    throughput: keepIfEqual(previous?.throughput, throughput),
    latency: keepIfEqual(previous?.latency, normalizeLatency(raw.latency, takhin ? 1000 : 1)),
    topicStats: topics.topicStats,
    consumerLags: lags.consumerLags,
    clusterHealth: keepIfEqual(previous?.clusterHealth, copyClusterHealth(health)),
    timestamp: raw.timestamp,
    receivedAt,
    totalLag: lags.totalLag,
    ratesKnown: rates.ratesKnown,
    throughputSource: rates.source,
    throughputKnown,
    latencyEstimated: takhin,
    latencyReported: (previous !== null && previous.latencyReported) || anyLatency(raw.latency),
    connectionsReported: (previous !== null && previous.connectionsReported) || health.activeConnections > 0,
  };
  const rawThroughput = raw.throughput;
  const nextBaseline: RateBaseline = {
    time: receivedAt,
    serverTimestamp: raw.timestamp,
    throughput: {
      produceRate: rawThroughput.produceRate,
      fetchRate: rawThroughput.fetchRate,
      produceBytes: rawThroughput.produceBytes,
      fetchBytes: rawThroughput.fetchBytes,
    },
    topics: topics.baselineTopics ?? NO_TOPIC_COUNTERS,
    serverCounters: rates.serverCounters,
  };
  return { metrics, baseline: nextBaseline };
}

interface RateChoice {
  source: Metrics['throughputSource'];
  ratesKnown: boolean;
  /** The server's own counters have moved on this connection or an earlier sample of it. */
  serverCounters: boolean;
}

/** Which figures give the rates: the server's own, or (while those stay at zero) the offsets. */
function rateSource(
  raw: MonitoringMetrics,
  takhin: boolean,
  baseline: RateBaseline | null,
  seconds: number,
): RateChoice {
  const serverCounters = (baseline !== null && baseline.serverCounters) || serverCountersMoved(raw);
  if (serverCounters && !takhin) return { source: 'server', ratesKnown: true, serverCounters };
  if (serverCounters) {
    const ratesKnown = seconds > 0 && !counterWentDown(raw.throughput, baseline!.throughput);
    return { source: ratesKnown ? 'server' : null, ratesKnown, serverCounters };
  }
  const ratesKnown = seconds > 0;
  return { source: ratesKnown ? 'offsets' : null, ratesKnown, serverCounters };
}

function copyClusterHealth(health: ClusterHealth): ClusterHealth {
  return {
    activeConnections: health.activeConnections,
    totalTopics: health.totalTopics,
    totalPartitions: health.totalPartitions,
    totalConsumers: health.totalConsumers,
    diskUsageBytes: health.diskUsageBytes,
    memoryUsageBytes: health.memoryUsageBytes,
    goroutineCount: health.goroutineCount,
  };
}

interface TopicRates {
  takhin: boolean;
  source: Metrics['throughputSource'];
  seconds: number;
  earlier: RateBaseline['topics'] | null;
  /** {@link consumedByTopic} after the walk, by position in the topic order. */
  consumeByTopic: Float64Array | null;
  /** The previous sample's raw counters (takhin dialect), kept as they are when no topic's changed. */
  priorCounters: RateBaseline['topics'] | null;
}

interface NormalizedTopics {
  topicStats: TopicStat[];
  /** Each topic's raw counters, for the next sample's rates (takhin dialect only). */
  baselineTopics: RateBaseline['topics'] | null;
  /** Messages and bytes produced per second over all topics, from the offsets. */
  producedMessages: number;
  producedBytes: number;
  /** Some topic's size went down, so bytes produced are unknown. */
  bytesShrank: boolean;
}

/**
 * Topic rows sorted by name with their rates, sharing the previous sample's equal rows; in the takhin
 * dialect also each topic's raw counters for the next sample (the previous record itself when no
 * topic's counters changed, as on the real Console, where they stay 0).
 */
function normalizeTopicStats(
  order: TopicOrder,
  previousStats: TopicStat[] | undefined,
  rates: TopicRates,
): NormalizedTopics {
  const { takhin, source, seconds, earlier, consumeByTopic, priorCounters } = rates;
  const { stats, aligned } = order;
  const fromOffsets = source === 'offsets';
  let keepCounters = takhin && priorCounters !== null && counterRecordSize(priorCounters) === stats.length;
  let baselineTopics: RateBaseline['topics'] | null = takhin && !keepCounters ? Object.create(null) : null;
  let allPrevious = previousStats !== undefined && previousStats.length === stats.length;
  const topicStats: TopicStat[] = [];
  let producedMessages = 0;
  let producedBytes = 0;
  let bytesShrank = false;
  for (let i = 0; i < stats.length; i++) {
    const s = stats[i];
    const before = aligned
      ? previousStats![i]
      : previousStats === undefined
        ? undefined
        : rowWithKey(previousStats, i, s.name, nameOf);
    const name = before === undefined ? s.name : before.name;
    let produceRate = 0;
    let fetchRate = 0;
    if (fromOffsets) {
      // A high-water mark that went down (topic recreated, server restarted) gives no rate, not a negative one.
      if (before !== undefined && s.totalMessages >= before.totalMessages) {
        produceRate = nonNegative((s.totalMessages - before.totalMessages) / seconds);
      }
      if (before !== undefined && s.totalBytes >= before.totalBytes) {
        producedBytes = addCapped(producedBytes, nonNegative((s.totalBytes - before.totalBytes) / seconds));
      } else if (before !== undefined) {
        bytesShrank = true; // retention or deletion: bytes produced are unknown, never negative
      }
      producedMessages = addCapped(producedMessages, produceRate);
      fetchRate = consumeByTopic![i];
    } else if (source === 'server' && !takhin) {
      produceRate = nonNegative(s.produceRate);
      fetchRate = nonNegative(s.fetchRate);
    } else if (earlier !== null) {
      const counters = earlier[name];
      produceRate = counters === undefined ? 0 : counterRate(s.produceRate, counters.produce, seconds);
      fetchRate = counters === undefined ? 0 : counterRate(s.fetchRate, counters.fetch, seconds);
    }
    if (keepCounters) {
      const kept = priorCounters![name];
      if (kept === undefined || kept.produce !== s.produceRate || kept.fetch !== s.fetchRate) {
        keepCounters = false;
        baselineTopics = Object.create(null) as RateBaseline['topics'];
        // The topics before this one had the same counters: their entries carry over.
        for (let j = 0; j < i; j++) baselineTopics[topicStats[j].name] = priorCounters![topicStats[j].name];
      }
    }
    if (baselineTopics !== null) baselineTopics[name] = { produce: s.produceRate, fetch: s.fetchRate };
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
  const rows = allPrevious ? previousStats! : topicStats;
  if (!keyPositions.has(rows)) keyPositions.set(rows, order.positions);
  if (baselineTopics !== null) counterRecordSizes.set(baselineTopics, stats.length);
  return {
    topicStats: rows,
    baselineTopics: keepCounters ? priorCounters : baselineTopics,
    producedMessages,
    producedBytes,
    bytesShrank,
  };
}

/** The cluster's throughput by the chosen source, and which of its figures are known. */
function normalizeThroughput(
  raw: Throughput,
  takhin: boolean,
  source: Metrics['throughputSource'],
  earlier: Throughput | null,
  seconds: number,
  topics: NormalizedTopics,
  consumeRate: number | null,
): { throughput: Throughput; throughputKnown: Metrics['throughputKnown'] } {
  if (source === 'offsets') {
    const { producedMessages, producedBytes, bytesShrank } = topics;
    return {
      throughput: {
        produceRate: producedMessages,
        fetchRate: consumeRate ?? 0,
        produceBytes: bytesShrank ? 0 : producedBytes,
        fetchBytes: 0,
      },
      throughputKnown: bytesShrank ? FROM_OFFSETS_NO_BYTES : FROM_OFFSETS,
    };
  }
  if (source === 'server' && !takhin) {
    return {
      throughput: {
        produceRate: nonNegative(raw.produceRate),
        fetchRate: nonNegative(raw.fetchRate),
        produceBytes: nonNegative(raw.produceBytes),
        fetchBytes: nonNegative(raw.fetchBytes),
      },
      throughputKnown: KNOWN,
    };
  }
  if (earlier !== null) {
    return {
      throughput: {
        produceRate: counterRate(raw.produceRate, earlier.produceRate, seconds),
        fetchRate: counterRate(raw.fetchRate, earlier.fetchRate, seconds),
        produceBytes: counterRate(raw.produceBytes, earlier.produceBytes, seconds),
        fetchBytes: counterRate(raw.fetchBytes, earlier.fetchBytes, seconds),
      },
      throughputKnown: KNOWN,
    };
  }
  return { throughput: ZERO_THROUGHPUT, throughputKnown: UNKNOWN };
}
