import type {
  ConsumerLag,
  Dialect,
  MonitoringMetrics,
  PartitionLag,
  TopicLag,
  TopicStat,
} from '../../src/core/protocol.js';

/** Deterministic pseudo-random numbers in [0, 1) (a 32-bit xorshift-multiply generator). */
export function random(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state = (state + 0x9e3779b9) >>> 0;
    let x = state;
    x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
    x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
    return ((x ^ (x >>> 16)) >>> 0) / 2 ** 32;
  };
}

export interface ClusterShape {
  topics: number;
  partitionsPerTopic: number;
  groups: number;
  topicsPerGroup: number;
}

export const SHAPES = {
  /** A mid-size cluster. */
  medium: { topics: 60, partitionsPerTopic: 6, groups: 24, topicsPerGroup: 3 },
  /** 1,000 topics × 12 partitions, 200 groups × 5 topics × 12 partitions of lag. */
  huge: { topics: 1000, partitionsPerTopic: 12, groups: 200, topicsPerGroup: 5 },
} as const satisfies Record<string, ClusterShape>;

interface Topic {
  name: string;
  /** Messages per second per partition. */
  rate: number;
  logEnd: number[];
  produced: number;
  bytesPerMessage: number;
}

interface Group {
  groupId: string;
  /** Fraction of the produce rate the group keeps up with. */
  speed: number;
  topics: Array<{ topic: Topic; committed: number[] }>;
}

/**
 * A small synthetic cluster for the benchmarks: every tick, partitions grow by their produce rate,
 * groups commit at their own speed (so some lag grows and some shrinks), counters accumulate, and the
 * metrics come out in either dialect with every array in a fresh random order, as the real server sends
 * them.
 */
export class BenchCluster {
  private readonly next: () => number;
  private readonly topics: Topic[] = [];
  private readonly groups: Group[] = [];
  private readonly partitionsPerTopic: number;
  /** Model time, Unix seconds. */
  time = 1_704_225_600;
  private fetched = 0;

  constructor(shape: ClusterShape, seed = 7) {
    this.next = random(seed);
    this.partitionsPerTopic = shape.partitionsPerTopic;
    for (let t = 0; t < shape.topics; t++)
      this.addTopic(`topic-${String(t).padStart(5, '0')}`, shape.partitionsPerTopic);
    for (let g = 0; g < shape.groups; g++) {
      const topics = [];
      for (let k = 0; k < shape.topicsPerGroup && this.topics.length > 0; k++) {
        const topic = this.topics[(g * shape.topicsPerGroup + k) % this.topics.length];
        topics.push({
          topic,
          committed: topic.logEnd.map((end) => Math.max(0, end - Math.floor(this.next() * 5000))),
        });
      }
      this.groups.push({
        groupId: `group-${String(g).padStart(4, '0')}`,
        speed: 0.9 + this.next() * 0.2,
        topics,
      });
    }
  }

  get topicCount(): number {
    return this.topics.length;
  }

  addTopic(name: string, partitions = this.partitionsPerTopic): void {
    this.topics.push({
      name,
      rate: 1 + Math.floor(this.next() * 500),
      logEnd: Array.from({ length: partitions }, () => Math.floor(this.next() * 1e9)),
      produced: 0,
      bytesPerMessage: 100 + Math.floor(this.next() * 900),
    });
  }

  /** Moves the model `seconds` forward. */
  advance(seconds = 2): this {
    this.time += seconds;
    for (const topic of this.topics) {
      for (let p = 0; p < topic.logEnd.length; p++) {
        const n = Math.round(topic.rate * seconds * (0.5 + this.next()));
        topic.logEnd[p] += n;
        topic.produced += n;
      }
    }
    for (const group of this.groups) {
      for (const assignment of group.topics) {
        const { topic, committed } = assignment;
        for (let p = 0; p < committed.length; p++) {
          const n = Math.round(topic.rate * seconds * group.speed * (0.5 + this.next()));
          committed[p] = Math.min(topic.logEnd[p], committed[p] + n);
          this.fetched += n;
        }
      }
    }
    return this;
  }

  metrics(dialect: Dialect): MonitoringMetrics {
    const spec = dialect === 'spec';
    let produceRate = 0;
    let produceBytes = 0;
    let produced = 0;
    let partitions = 0;
    const topicStats: TopicStat[] = this.topics.map((t) => {
      const rate = t.rate * t.logEnd.length;
      produceRate += rate;
      produceBytes += rate * t.bytesPerMessage;
      produced += t.produced;
      partitions += t.logEnd.length;
      const totalMessages = t.logEnd.reduce((a, b) => a + b, 0);
      return {
        name: t.name,
        partitions: t.logEnd.length,
        totalMessages,
        totalBytes: totalMessages * t.bytesPerMessage,
        produceRate: spec ? rate : t.produced,
        fetchRate: spec ? rate * 0.98 : Math.floor(t.produced * 0.98),
      };
    });
    const consumerLags: ConsumerLag[] = this.groups.map((g) => {
      const topicLags: TopicLag[] = g.topics.map(({ topic, committed }) => {
        const partitionLags: PartitionLag[] = committed.map((offset, partition) => ({
          partition,
          currentOffset: offset,
          logEndOffset: topic.logEnd[partition],
          lag: Math.max(0, topic.logEnd[partition] - offset),
        }));
        return {
          topic: topic.name,
          totalLag: partitionLags.reduce((a, p) => a + p.lag, 0),
          partitionLags: this.shuffle(partitionLags),
        };
      });
      return {
        groupId: g.groupId,
        totalLag: topicLags.reduce((a, t) => a + t.totalLag, 0),
        topicLags: this.shuffle(topicLags),
      };
    });
    const meanMs = 2 + this.next() * 3;
    const latency = spec
      ? {
          produceP50: meanMs,
          produceP95: meanMs * 2.4,
          produceP99: meanMs * 4,
          fetchP50: meanMs / 2,
          fetchP95: meanMs * 1.2,
          fetchP99: meanMs * 2,
        }
      : {
          produceP50: (meanMs / 1000) * 0.8,
          produceP95: (meanMs / 1000) * 1.5,
          produceP99: (meanMs / 1000) * 2,
          fetchP50: (meanMs / 2000) * 0.8,
          fetchP95: (meanMs / 2000) * 1.5,
          fetchP99: (meanMs / 2000) * 2,
        };
    return {
      throughput: spec
        ? { produceRate, fetchRate: produceRate * 0.98, produceBytes, fetchBytes: produceBytes * 0.98 }
        : {
            produceRate: produced,
            fetchRate: this.fetched,
            produceBytes: produced * 500,
            fetchBytes: this.fetched * 500,
          },
      latency,
      topicStats: this.shuffle(topicStats),
      consumerLags: this.shuffle(consumerLags),
      clusterHealth: {
        activeConnections: spec ? 3 : 0,
        totalTopics: this.topics.length,
        totalPartitions: partitions,
        totalConsumers: this.groups.length,
        diskUsageBytes: topicStats.reduce((a, t) => a + t.totalBytes, 0),
        memoryUsageBytes: 512 * 2 ** 20,
        goroutineCount: 400,
      },
      timestamp: this.time,
    };
  }

  /**
   * A metrics message as the server frames it. `console`: as the real Takhin Console sends it, every
   * throughput counter, topic rate and latency at 0 (only offsets, sizes and totals move).
   */
  frame(dialect: Dialect, options: { console?: boolean } = {}): string {
    const data = this.metrics(dialect);
    if (options.console) {
      data.throughput = { produceRate: 0, fetchRate: 0, produceBytes: 0, fetchBytes: 0 };
      for (const key of Object.keys(data.latency) as (keyof typeof data.latency)[]) data.latency[key] = 0;
      for (const topic of data.topicStats) topic.produceRate = topic.fetchRate = 0;
      data.clusterHealth.activeConnections = 0;
    }
    return JSON.stringify({ type: 'metrics', data, timestamp: this.time });
  }

  private shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const item = items[i];
      items[i] = items[j];
      items[j] = item;
    }
    return items;
  }
}
