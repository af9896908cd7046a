/**
 * Builders of protocol data for tests (core, react, sim and components may all use them). Everything is
 * deterministic: the "random" order of arrays comes from a seeded generator.
 */
import type {
  ClusterHealth,
  ConsumerLag,
  GroupState,
  Latency,
  MonitoringMetrics,
  PartitionLag,
  Throughput,
  TopicLag,
  TopicStat,
} from '../../src/core/protocol.js';
import type { TakhinState } from '../../src/core/state.js';
import { createCluster } from '../../src/sim/cluster.js';
import { metricsFor } from '../../src/sim/metrics.js';
import { createRandom } from '../../src/sim/random.js';

/** A shuffled copy of `items` (Fisher–Yates with the simulator's seeded generator); the input is left alone. */
export function shuffled<T>(items: readonly T[], seed = 1): T[] {
  return createRandom(seed).shuffle(items.slice());
}

export interface MetricsOverrides {
  throughput?: Partial<Throughput>;
  latency?: Partial<Latency>;
  topicStats?: TopicStat[];
  consumerLags?: ConsumerLag[];
  clusterHealth?: Partial<ClusterHealth>;
  timestamp?: number;
}

/** Default timestamp of the builders: 2024-01-02T20:00:00Z in Unix seconds. */
export const BASE_TIMESTAMP = 1704225600;

/** A valid `metrics` payload of an empty cluster (all zeros, empty arrays), with overrides merged in. */
export function makeMetrics(partial: MetricsOverrides = {}): MonitoringMetrics {
  return {
    throughput: { produceRate: 0, fetchRate: 0, produceBytes: 0, fetchBytes: 0, ...partial.throughput },
    latency: {
      produceP50: 0,
      produceP95: 0,
      produceP99: 0,
      fetchP50: 0,
      fetchP95: 0,
      fetchP99: 0,
      ...partial.latency,
    },
    topicStats: partial.topicStats ?? [],
    consumerLags: partial.consumerLags ?? [],
    clusterHealth: {
      activeConnections: 0,
      totalTopics: partial.topicStats?.length ?? 0,
      totalPartitions: partial.topicStats?.reduce((sum, t) => sum + t.partitions, 0) ?? 0,
      totalConsumers: partial.consumerLags?.length ?? 0,
      diskUsageBytes: 0,
      memoryUsageBytes: 0,
      goroutineCount: 0,
      ...partial.clusterHealth,
    },
    timestamp: partial.timestamp ?? BASE_TIMESTAMP,
  };
}

/** One `topicStats` row. */
export function makeTopicStat(name: string, partial: Partial<Omit<TopicStat, 'name'>> = {}): TopicStat {
  return { name, partitions: 1, totalMessages: 0, totalBytes: 0, produceRate: 0, fetchRate: 0, ...partial };
}

/** One partition lag; `lag` defaults to `logEndOffset − currentOffset`. */
export function makePartitionLag(
  partition: number,
  currentOffset: number,
  logEndOffset: number,
  lag = logEndOffset - currentOffset,
): PartitionLag {
  return { partition, currentOffset, logEndOffset, lag };
}

/**
 * One consumer group, from its lag per topic and partition: `{ orders: [5, 0, 12] }` gives partitions
 * 0..2 with those lags (offsets derived from them), and consistent totals.
 */
export function makeConsumerLag(groupId: string, lags: Record<string, number[]>): ConsumerLag {
  const topicLags: TopicLag[] = Object.entries(lags).map(([topic, perPartition]) => {
    const partitionLags = perPartition.map((lag, partition) =>
      makePartitionLag(partition, 1000, 1000 + lag, lag),
    );
    return { topic, totalLag: perPartition.reduce((a, b) => a + b, 0), partitionLags };
  });
  return { groupId, totalLag: topicLags.reduce((a, t) => a + t.totalLag, 0), topicLags };
}

export interface BigClusterOptions {
  /** @default 1000 */
  topics?: number;
  /** Partitions per topic. @default 12 */
  partitions?: number;
  /** @default 200 */
  groups?: number;
  /** Topics each group consumes, each with every partition committed. @default 5 */
  topicsPerGroup?: number;
  /** Seed of the simulated cluster and of the (shuffled) order of every array. @default 1 */
  seed?: number;
  /** @default BASE_TIMESTAMP */
  timestamp?: number;
}

/**
 * A big cluster's metrics (over a megabyte of JSON at the defaults, the simulator's `huge` size), every
 * array shuffled: the simulator's seeded cluster model after a minute of traffic, instrumented, in the
 * `takhin` dialect (cumulative counters, latency in seconds).
 */
export function makeBigClusterMetrics(options: BigClusterOptions = {}): MonitoringMetrics {
  const { topics = 1000, partitions = 12, groups = 200, topicsPerGroup = 5, seed = 1 } = options;
  const model = createCluster({
    seed,
    size: { topics, partitionsPerTopic: partitions, groups, topicsPerGroup },
    startTime: (options.timestamp ?? BASE_TIMESTAMP) * 1000 - 60_000,
  }).advance(60_000);
  return metricsFor(model, 'takhin', model.shuffleRandom, true);
}

/**
 * A server envelope; without `timestamp` (undefined) it is shaped like the quick reference's events, with
 * one like the real server's messages.
 */
export function envelope(type: string, data: unknown, timestamp: number | undefined): object {
  return timestamp === undefined ? { type, data } : { type, data, timestamp };
}

export const metricsMessage = (data: MonitoringMetrics, timestamp = data.timestamp): object =>
  envelope('metrics', data, timestamp);
export const topicCreated = (name: string, partitions: number, timestamp?: number): object =>
  envelope('topic_created', { name, partitions }, timestamp);
export const topicDeleted = (name: string, timestamp?: number): object =>
  envelope('topic_deleted', { name }, timestamp);
export const groupUpdated = (
  groupId: string,
  state: GroupState,
  members: number,
  timestamp?: number,
): object => envelope('group_updated', { groupId, state, members }, timestamp);
export const pong = (timestamp: number = BASE_TIMESTAMP): object => envelope('pong', null, timestamp);

/** One text frame: each message as a JSON line (strings are taken as raw lines), joined with `\n`. */
export function frame(...messages: (object | string)[]): string {
  return messages.map((m) => (typeof m === 'string' ? m : JSON.stringify(m))).join('\n');
}

function isSortedBy<T>(items: readonly T[], key: (item: T) => string | number): boolean {
  for (let i = 1; i < items.length; i++) if (!(key(items[i - 1]) < key(items[i]))) return false;
  return true;
}

/**
 * Checks the store invariants that must hold after every action and returns the violations (empty when
 * all hold): arrays sorted by identity, bounded history and event buffers, no negative rate or lag,
 * increasing event sequence numbers, records keyed by their own identity.
 */
export function storeInvariantViolations(state: TakhinState): string[] {
  const problems: string[] = [];
  const negative = (label: string, value: number) => {
    if (!(value >= 0)) problems.push(`${label} is ${value}`);
  };
  if (state.history.length > state.historySize) problems.push('history exceeds historySize');
  if (state.topicEvents.length > state.eventBufferSize) problems.push('topicEvents exceed eventBufferSize');
  if (state.groupEvents.length > state.eventBufferSize) problems.push('groupEvents exceed eventBufferSize');
  if (!isSortedBy(state.topicEvents, (e) => e.seq)) problems.push('topicEvents out of order');
  if (!isSortedBy(state.groupEvents, (e) => e.seq)) problems.push('groupEvents out of order');
  for (const e of [...state.topicEvents, ...state.groupEvents]) {
    if (e.seq >= state.nextSeq) problems.push(`event seq ${e.seq} not below nextSeq`);
  }
  const m = state.metrics;
  if (m !== null) {
    if (!isSortedBy(m.topicStats, (t) => t.name)) problems.push('topicStats not sorted');
    if (!isSortedBy(m.consumerLags, (g) => g.groupId)) problems.push('consumerLags not sorted');
    for (const [k, v] of Object.entries(m.throughput)) negative(`throughput.${k}`, v);
    for (const [k, v] of Object.entries(m.latency)) negative(`latency.${k}`, v);
    for (const t of m.topicStats) {
      negative(`${t.name}.produceRate`, t.produceRate);
      negative(`${t.name}.fetchRate`, t.fetchRate);
    }
    negative('totalLag', m.totalLag);
    let sum = 0;
    for (const g of m.consumerLags) {
      negative(`${g.groupId}.totalLag`, g.totalLag);
      sum += g.totalLag;
      if (!isSortedBy(g.topicLags, (t) => t.topic)) problems.push(`${g.groupId}.topicLags not sorted`);
      for (const t of g.topicLags) {
        negative(`${g.groupId}/${t.topic}.totalLag`, t.totalLag);
        if (!isSortedBy(t.partitionLags, (p) => p.partition))
          problems.push(`${g.groupId}/${t.topic} partitions not sorted`);
        for (const p of t.partitionLags) negative(`${g.groupId}/${t.topic}/${p.partition}.lag`, p.lag);
      }
    }
    if (Math.abs(sum - m.totalLag) > 1e-6 * Math.max(1, sum))
      problems.push('totalLag is not the sum of the groups');
  }
  for (const s of state.history) {
    for (const [k, v] of Object.entries(s.throughput)) negative(`sample.throughput.${k}`, v);
    negative('sample.totalLag', s.totalLag);
    for (const v of s.groupLag.values) negative('sample.groupLag', v);
    for (const v of s.topicLag.values) negative('sample.topicLag', v);
  }
  for (const [name, info] of Object.entries(state.topics))
    if (info.name !== name) problems.push(`topics[${name}] misnamed`);
  for (const [id, info] of Object.entries(state.groups)) {
    if (info.groupId !== id) problems.push(`groups[${id}] misnamed`);
    negative(`groups[${id}].totalLag`, info.totalLag);
  }
  return problems;
}
