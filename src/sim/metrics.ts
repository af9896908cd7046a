import type {
  ConsumerLag,
  Dialect,
  Latency,
  MonitoringMetrics,
  PartitionLag,
  Throughput,
  TopicLag,
  TopicStat,
} from '../core/protocol.js';
import type { ClusterModel } from './cluster.js';
import type { Random } from './random.js';

/**
 * The `metrics` payload a Takhin server would send for the model right now.
 *
 * - `spec`: per-second rates, latency in ms with real-looking percentiles, consumers = group members.
 * - `takhin`: rates are cumulative counters since the (simulated) server start, latency in seconds with
 *   p50/p95/p99 = mean × 0.8/1.5/2.0 (0 without samples), `totalConsumers` = number of groups,
 *   `activeConnections` = 0.
 *
 * Uninstrumented (the default for `takhin`, as the real Console ships: it never feeds its counters), every
 * `throughput.*`, `topicStats[].produceRate/fetchRate` and `latency.*` is 0 and `activeConnections` is 0;
 * only sizes, high-water marks and committed offsets move. `spec` is instrumented unless told otherwise.
 *
 * In both, every array comes in a new random order (from `random`, by default the model's shuffle
 * generator, so shuffling never disturbs the model's own sequence), and only partitions with a committed
 * offset are listed, with lag = max(0, logEnd − committed).
 */
export function metricsFor(
  model: ClusterModel,
  dialect: Dialect = 'takhin',
  random: Random = model.shuffleRandom,
  instrumented: boolean = dialect === 'spec',
): MonitoringMetrics {
  const takhin = dialect === 'takhin';
  const { rows: topicStats, partitions } = topicRows(model, takhin, instrumented);
  const { rows: consumerLags, members } = groupLags(model, random);
  const v = model.vitals;
  return {
    throughput: throughputOf(model, takhin, instrumented),
    latency: !instrumented ? { ...NO_LATENCY } : takhin ? takhinLatency(model) : specLatency(model),
    topicStats: random.shuffle(topicStats),
    consumerLags: random.shuffle(consumerLags),
    clusterHealth: {
      activeConnections:
        takhin || !instrumented ? 0 : model.clientConnections + members + Math.ceil(model.topics.length / 3),
      totalTopics: model.topics.length,
      totalPartitions: partitions,
      totalConsumers: takhin ? model.groups.length : members,
      diskUsageBytes: v.diskUsageBytes,
      memoryUsageBytes: v.memoryUsageBytes,
      goroutineCount: v.goroutineCount,
    },
    timestamp: model.nowSeconds,
  };
}

/** One `topicStats` row per topic, and the partitions they add up to. */
function topicRows(
  model: ClusterModel,
  takhin: boolean,
  counters: boolean,
): { rows: TopicStat[]; partitions: number } {
  const rows: TopicStat[] = new Array(model.topics.length);
  let partitions = 0;
  for (let i = 0; i < model.topics.length; i++) {
    const t = model.topics[i];
    partitions += t.partitions;
    rows[i] = {
      name: t.name,
      partitions: t.partitions,
      totalMessages: t.totalMessages,
      totalBytes: t.totalBytes,
      produceRate: !counters ? 0 : takhin ? t.produced : round2(t.produceRate),
      fetchRate: !counters ? 0 : takhin ? t.fetched : round2(t.fetchRate),
    };
  }
  return { rows, partitions };
}

/** One `consumerLags` row per group (partitions without a committed offset left out), and their members. */
function groupLags(model: ClusterModel, random: Random): { rows: ConsumerLag[]; members: number } {
  const rows: ConsumerLag[] = [];
  let members = 0;
  for (const g of model.groups) {
    members += g.members;
    const topicLags: TopicLag[] = [];
    let groupLag = 0;
    for (const a of g.assignments) {
      const partitionLags = partitionRows(a.topic, a.committed);
      if (partitionLags.length === 0) continue;
      const totalLag = partitionLags.reduce((sum, p) => sum + p.lag, 0);
      groupLag += totalLag;
      topicLags.push({ topic: a.topic.name, totalLag, partitionLags: random.shuffle(partitionLags) });
    }
    rows.push({ groupId: g.groupId, totalLag: groupLag, topicLags: random.shuffle(topicLags) });
  }
  return { rows, members };
}

function partitionRows(topic: ClusterModel['topics'][number], committed: ArrayLike<number>): PartitionLag[] {
  const rows: PartitionLag[] = [];
  for (let p = 0; p < topic.partitions; p++) {
    const currentOffset = committed[p];
    if (currentOffset < 0) continue;
    const logEndOffset = topic.logEnd[p];
    rows.push({ partition: p, currentOffset, logEndOffset, lag: Math.max(0, logEndOffset - currentOffset) });
  }
  return rows;
}

function throughputOf(model: ClusterModel, takhin: boolean, counters: boolean): Throughput {
  const totals = model.totals;
  if (!counters) return { produceRate: 0, fetchRate: 0, produceBytes: 0, fetchBytes: 0 };
  return takhin
    ? {
        produceRate: totals.produced,
        fetchRate: totals.fetched,
        produceBytes: totals.producedBytes,
        fetchBytes: totals.fetchedBytes,
      }
    : {
        produceRate: round2(totals.produceRate),
        fetchRate: round2(totals.fetchRate),
        produceBytes: Math.round(totals.produceByteRate),
        fetchBytes: Math.round(totals.fetchByteRate),
      };
}

const NO_LATENCY: Latency = Object.freeze({
  produceP50: 0,
  produceP95: 0,
  produceP99: 0,
  fetchP50: 0,
  fetchP95: 0,
  fetchP99: 0,
});

function takhinLatency(model: ClusterModel): Latency {
  const v = model.vitals;
  const produce = v.produceSamples ? v.produceMeanMs / 1000 : 0;
  const fetch = v.fetchSamples ? v.fetchMeanMs / 1000 : 0;
  return {
    produceP50: produce * 0.8,
    produceP95: produce * 1.5,
    produceP99: produce * 2,
    fetchP50: fetch * 0.8,
    fetchP95: fetch * 1.5,
    fetchP99: fetch * 2,
  };
}

function specLatency(model: ClusterModel): Latency {
  const v = model.vitals;
  const produce = v.produceSamples ? v.produceMeanMs : 0;
  const fetch = v.fetchSamples ? v.fetchMeanMs : 0;
  return {
    produceP50: round3(produce * 0.85),
    produceP95: round3(produce * v.produceTail95),
    produceP99: round3(produce * v.produceTail99),
    fetchP50: round3(fetch * 0.85),
    fetchP95: round3(fetch * v.fetchTail95),
    fetchP99: round3(fetch * v.fetchTail99),
  };
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
