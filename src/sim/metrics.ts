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
  const counters = instrumented;
  const topicStats: TopicStat[] = new Array(model.topics.length);
  let partitions = 0;
  for (let i = 0; i < model.topics.length; i++) {
    const t = model.topics[i];
    partitions += t.partitions;
    topicStats[i] = {
      name: t.name,
      partitions: t.partitions,
      totalMessages: t.totalMessages,
      totalBytes: t.totalBytes,
      produceRate: !counters ? 0 : takhin ? t.produced : round2(t.produceRate),
      fetchRate: !counters ? 0 : takhin ? t.fetched : round2(t.fetchRate),
    };
  }

  const consumerLags: ConsumerLag[] = [];
  let members = 0;
  for (const g of model.groups) {
    members += g.members;
    const topicLags: TopicLag[] = [];
    let groupLag = 0;
    for (const a of g.assignments) {
      const t = a.topic;
      const rows: PartitionLag[] = [];
      let topicLag = 0;
      for (let p = 0; p < t.partitions; p++) {
        const committed = a.committed[p];
        if (committed < 0) continue;
        const logEndOffset = t.logEnd[p];
        const lag = Math.max(0, logEndOffset - committed);
        topicLag += lag;
        rows.push({ partition: p, currentOffset: committed, logEndOffset, lag });
      }
      if (rows.length === 0) continue;
      groupLag += topicLag;
      topicLags.push({ topic: t.name, totalLag: topicLag, partitionLags: random.shuffle(rows) });
    }
    consumerLags.push({ groupId: g.groupId, totalLag: groupLag, topicLags: random.shuffle(topicLags) });
  }

  const totals = model.totals;
  const throughput: Throughput = !counters
    ? { produceRate: 0, fetchRate: 0, produceBytes: 0, fetchBytes: 0 }
    : takhin
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

  const v = model.vitals;
  return {
    throughput,
    latency: !counters ? { ...NO_LATENCY } : takhin ? takhinLatency(model) : specLatency(model),
    topicStats: random.shuffle(topicStats),
    consumerLags: random.shuffle(consumerLags),
    clusterHealth: {
      activeConnections:
        takhin || !counters ? 0 : model.clientConnections + members + Math.ceil(model.topics.length / 3),
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
