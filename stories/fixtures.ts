/**
 * Deterministic data for stories and component tests: a synthetic cluster whose metrics and history
 * are pure functions of (shape, seed, tick), already normalized (rates per second, latency in ms,
 * arrays sorted), so every render of a story is the same.
 */
import type { TopicStat } from '../src/core/protocol.js';
import type {
  ConnectionState,
  ConsumerLagRow,
  GroupEvent,
  Metrics,
  MetricsSample,
  TopicEvent,
  TopicLagRow,
} from '../src/core/state.js';
import { TakhinError } from '../src/core/errors.js';
import { sampleFromMetrics } from '../src/core/history.js';

/** Sizes of a synthetic cluster. */
export interface FixtureShape {
  topics: number;
  partitionsPerTopic: number;
  groups: number;
  topicsPerGroup: number;
}

export const SHAPES = {
  empty: { topics: 0, partitionsPerTopic: 0, groups: 0, topicsPerGroup: 0 },
  small: { topics: 8, partitionsPerTopic: 4, groups: 5, topicsPerGroup: 2 },
  huge: { topics: 1000, partitionsPerTopic: 12, groups: 200, topicsPerGroup: 5 },
} as const satisfies Record<string, FixtureShape>;

/** 2025-01-15 12:00:00 UTC: fixed so fixtures never depend on the clock. */
export const BASE_TIME = Date.UTC(2025, 0, 15, 12, 0, 0);
export const INTERVAL_MS = 2000;

/** A hash of integers to [0, 1): the same inputs always give the same number. */
function noise(...values: number[]): number {
  let h = 0x9e3779b9;
  for (const value of values) {
    h = Math.imul(h ^ (value | 0), 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
  }
  return (h >>> 0) / 4294967296;
}

const DOMAINS = ['orders', 'payments', 'users', 'inventory', 'shipping', 'clicks', 'audit', 'billing'];
const SERVICES = [
  'indexer',
  'mailer',
  'fraud-check',
  'warehouse',
  'analytics',
  'ledger',
  'search',
  'notifier',
];

interface GroupModel {
  index: number;
  groupId: string;
  topics: number[];
  /** 0 caught up, 1 steady, 2 growing, 3 shrinking. */
  mode: number;
}

/** A cluster: names and per-entity parameters; metrics at any tick are derived from it. */
export interface FixtureCluster {
  shape: FixtureShape;
  seed: number;
  topicNames: string[];
  groups: GroupModel[];
}

export function makeCluster(shape: FixtureShape, seed = 1): FixtureCluster {
  const topicNames = Array.from({ length: shape.topics }, (_, i) => {
    const domain = DOMAINS[i % DOMAINS.length];
    return shape.topics <= DOMAINS.length
      ? `${domain}.events`
      : `${domain}.events.${String(i).padStart(4, '0')}`;
  });
  const groups = Array.from({ length: shape.groups }, (_, g) => {
    const service = SERVICES[g % SERVICES.length];
    const topics = Array.from(
      { length: Math.min(shape.topicsPerGroup, shape.topics) },
      (_, k) => (g * 7 + k * 13) % shape.topics,
    );
    return {
      index: g,
      groupId:
        shape.groups <= SERVICES.length ? `${service}-consumer` : `${service}-${String(g).padStart(3, '0')}`,
      topics: [...new Set(topics)],
      mode: g % 4,
    };
  });
  return { shape, seed, topicNames, groups };
}

function topicRate(cluster: FixtureCluster, topic: number, tick: number): number {
  const base = 5 + noise(cluster.seed, topic) * 1500;
  return base * (1 + 0.3 * Math.sin((tick + topic) / 6));
}

function partitionLag(
  cluster: FixtureCluster,
  group: GroupModel,
  topic: number,
  p: number,
  tick: number,
): number {
  const base = Math.floor(noise(cluster.seed, group.index, topic, p) * 2000) + 50 * (group.mode + 1);
  switch (group.mode) {
    case 0:
      return p === 0 ? Math.floor(noise(tick, topic) * 3) : 0;
    case 2:
      return base + tick * (40 + p * 5);
    case 3:
      return Math.max(0, base * 6 - tick * (30 + p * 4));
    default:
      return base + Math.floor(noise(cluster.seed, tick, p) * 4);
  }
}

function topicLag(cluster: FixtureCluster, group: GroupModel, topic: number, tick: number): TopicLagRow {
  const partitionLags = Array.from({ length: cluster.shape.partitionsPerTopic }, (_, p) => {
    const logEndOffset = 100_000 + Math.floor(topicRate(cluster, topic, 0) * 30) * (tick + 10) + p * 977;
    const lag = Math.min(logEndOffset, partitionLag(cluster, group, topic, p, tick));
    return { partition: p, currentOffset: logEndOffset - lag, logEndOffset, lag, consumeRate: null };
  });
  const totalLag = partitionLags.reduce((sum, p) => sum + p.lag, 0);
  return { topic: cluster.topicNames[topic], totalLag, partitionLags, consumeRate: null };
}

const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** How fixture metrics are made. */
export interface FixtureOptions {
  /** Latency percentiles flagged as estimates (the `takhin` dialect). Default true. */
  estimated?: boolean;
  /**
   * Metrics as the real Takhin Console gives them: the server's counters and latency all 0, so rates
   * are derived from offsets (`throughputSource: 'offsets'`, fetch bytes unknown, a `consumeRate` on
   * every group, topic and partition), `latencyReported: false`; tick 0 has no rates yet. Default false.
   */
  offsets?: boolean;
}

/** Normalized metrics of `cluster` at `tick` (one tick = one 2 s metrics interval). */
export function makeMetrics(cluster: FixtureCluster, tick: number, options: FixtureOptions = {}): Metrics {
  const measured = instrumentedMetrics(cluster, tick, options);
  return options.offsets
    ? derivedFromOffsets(measured, tick > 0 ? instrumentedMetrics(cluster, tick - 1) : null)
    : measured;
}

const perSecond = (now: number, before: number) => Math.max(0, now - before) / (INTERVAL_MS / 1000);

/**
 * What the store makes of the Console's metrics: every rate from the change of offsets against
 * `previous` (null for the first sample: nothing is known yet), latency all zero and not reported.
 */
function derivedFromOffsets(current: Metrics, previous: Metrics | null): Metrics {
  const consumeByTopic = new Map<string, number>();
  const consumerLags = current.consumerLags.map((group, g) => {
    let groupRate: number | null = null;
    const topicLags = group.topicLags.map((topic, t) => {
      let topicRate: number | null = null;
      const partitionLags = topic.partitionLags.map((p, i) => {
        const before = previous?.consumerLags[g].topicLags[t].partitionLags[i];
        const consumeRate = before ? perSecond(p.currentOffset, before.currentOffset) : null;
        if (consumeRate !== null) topicRate = (topicRate ?? 0) + consumeRate;
        return { ...p, consumeRate };
      });
      if (topicRate !== null) {
        groupRate = (groupRate ?? 0) + topicRate;
        consumeByTopic.set(topic.topic, (consumeByTopic.get(topic.topic) ?? 0) + topicRate);
      }
      return { ...topic, partitionLags, consumeRate: topicRate };
    });
    return { ...group, topicLags, consumeRate: groupRate };
  });
  // The Console's totalMessages is the sum of the high-water marks: make it agree with the groups' view.
  const hwm = highWaterMarks(current);
  const hwmBefore = previous === null ? null : highWaterMarks(previous);
  let produceBytes = 0;
  const topicStats = current.topicStats.map((topic, i) => {
    const bytesPerMessage = topic.totalMessages > 0 ? topic.totalBytes / topic.totalMessages : 0;
    const totalMessages = hwm.get(topic.name) ?? topic.totalMessages;
    const totalBytes = Math.round(totalMessages * bytesPerMessage);
    const before = previous?.topicStats[i];
    const messagesBefore = before ? (hwmBefore!.get(before.name) ?? before.totalMessages) : 0;
    produceBytes += before ? perSecond(totalBytes, Math.round(messagesBefore * bytesPerMessage)) : 0;
    return {
      ...topic,
      totalMessages,
      totalBytes,
      produceRate: before ? perSecond(totalMessages, messagesBefore) : 0,
      fetchRate: consumeByTopic.get(topic.name) ?? 0,
    };
  });
  const known = previous !== null;
  return {
    ...current,
    throughput: {
      produceRate: topicStats.reduce((sum, t) => sum + t.produceRate, 0),
      fetchRate: [...consumeByTopic.values()].reduce((sum, rate) => sum + rate, 0),
      produceBytes,
      fetchBytes: 0,
    },
    latency: { produceP50: 0, produceP95: 0, produceP99: 0, fetchP50: 0, fetchP95: 0, fetchP99: 0 },
    topicStats,
    consumerLags,
    ratesKnown: known,
    throughputSource: known ? 'offsets' : null,
    throughputKnown: { produceRate: known, fetchRate: known, produceBytes: known, fetchBytes: false },
    latencyEstimated: true,
    latencyReported: false,
    connectionsReported: false,
  };
}

/** Sum of the log-end offsets of each topic some group reads. */
function highWaterMarks(metrics: Metrics): Map<string, number> {
  const sums = new Map<string, number>();
  for (const group of metrics.consumerLags)
    for (const topic of group.topicLags)
      sums.set(
        topic.topic,
        topic.partitionLags.reduce((sum, p) => sum + p.logEndOffset, 0),
      );
  return sums;
}

function instrumentedMetrics(cluster: FixtureCluster, tick: number, options: FixtureOptions = {}): Metrics {
  const time = BASE_TIME + tick * INTERVAL_MS;
  const topicStats: TopicStat[] = cluster.topicNames
    .map((name, t) => {
      const produceRate = topicRate(cluster, t, tick);
      const totalMessages = Math.floor(topicRate(cluster, t, 0) * 3600 + produceRate * tick * 2);
      return {
        name,
        partitions: cluster.shape.partitionsPerTopic,
        totalMessages,
        totalBytes: totalMessages * (200 + Math.floor(noise(cluster.seed, t, 9) * 800)),
        produceRate,
        fetchRate: produceRate * (0.8 + noise(cluster.seed, t, 3) * 0.6),
      };
    })
    .sort(byName);
  const consumerLags: ConsumerLagRow[] = cluster.groups
    .map((group) => {
      const topicLags = group.topics
        .map((t) => topicLag(cluster, group, t, tick))
        .sort((a, b) => (a.topic < b.topic ? -1 : 1));
      const totalLag = topicLags.reduce((s, t) => s + t.totalLag, 0);
      return { groupId: group.groupId, totalLag, topicLags, consumeRate: null };
    })
    .sort((a, b) => (a.groupId < b.groupId ? -1 : 1));
  const produceRate = topicStats.reduce((s, t) => s + t.produceRate, 0);
  const fetchRate = topicStats.reduce((s, t) => s + t.fetchRate, 0);
  const wave = 1 + 0.25 * Math.sin(tick / 4);
  const mean = { produce: 3.2 * wave, fetch: 1.4 * wave };
  const totalPartitions = cluster.shape.topics * cluster.shape.partitionsPerTopic;
  return {
    throughput: { produceRate, fetchRate, produceBytes: produceRate * 512, fetchBytes: fetchRate * 512 },
    latency: {
      produceP50: mean.produce * 0.8,
      produceP95: mean.produce * 1.5,
      produceP99: mean.produce * 2,
      fetchP50: mean.fetch * 0.8,
      fetchP95: mean.fetch * 1.5,
      fetchP99: mean.fetch * 2,
    },
    topicStats,
    consumerLags,
    clusterHealth: {
      activeConnections: 0,
      totalTopics: cluster.shape.topics,
      totalPartitions,
      totalConsumers: cluster.shape.groups,
      diskUsageBytes: topicStats.reduce((s, t) => s + t.totalBytes, 0),
      memoryUsageBytes: 180_000_000 + totalPartitions * 40_000,
      goroutineCount: 40 + totalPartitions * 2,
    },
    timestamp: Math.floor(time / 1000),
    receivedAt: time,
    totalLag: consumerLags.reduce((s, g) => s + g.totalLag, 0),
    ratesKnown: true,
    throughputSource: 'server',
    throughputKnown: { produceRate: true, fetchRate: true, produceBytes: true, fetchBytes: true },
    latencyEstimated: options.estimated ?? true,
    latencyReported: true,
    connectionsReported: false,
  };
}

/** The history sample a store would keep for `metrics` (every group × topic pair: the clusters are small). */
export function sampleOf(metrics: Metrics): MetricsSample {
  return sampleFromMetrics(metrics);
}

/** Metrics at ticks 0…`ticks - 1` and their history, oldest first; `metrics` is the newest. */
export function makeSeries(cluster: FixtureCluster, ticks: number, options: FixtureOptions = {}) {
  const all = Array.from({ length: ticks }, (_, tick) => makeMetrics(cluster, tick, options));
  return { metrics: all[all.length - 1] ?? null, history: all.map(sampleOf), all };
}

export const smallCluster = makeCluster(SHAPES.small);
export const emptyCluster = makeCluster(SHAPES.empty);

let huge: ReturnType<typeof makeSeries> | undefined;
/** 1,000 topics × 12 partitions, 200 groups × 5 topics × 12 partitions; built once, on first use. */
export function hugeSeries() {
  huge ??= makeSeries(makeCluster(SHAPES.huge, 7), 30);
  return huge;
}

/** A topic name that would run script if anything rendered it as HTML. */
export const HOSTILE_NAME = '<img src=x onerror=alert(1)>';

export function makeEvents(count = 8): { topicEvents: TopicEvent[]; groupEvents: GroupEvent[] } {
  const topicEvents: TopicEvent[] = [];
  const groupEvents: GroupEvent[] = [];
  for (let i = 0; i < count; i += 1) {
    const receivedAt = BASE_TIME + i * 7000;
    if (i % 3 === 2) {
      groupEvents.push({
        seq: i,
        type: 'group_updated',
        groupId: `${SERVICES[i % 8]}-consumer`,
        state: 'Stable',
        members: 1 + (i % 4),
        receivedAt,
      });
    } else {
      const name = i === 1 ? HOSTILE_NAME : `${DOMAINS[i % 8]}.events`;
      topicEvents.push(
        i % 3 === 0
          ? { seq: i, type: 'topic_created', name, partitions: 6, receivedAt }
          : { seq: i, type: 'topic_deleted', name, receivedAt },
      );
    }
  }
  return { topicEvents, groupEvents };
}

/**
 * Events as a client of the real Console logs them: most changes seen in the metrics (`inferred`), a
 * partition count that grew (`topic_updated`), and one topic created through the REST API, announced.
 */
export function makeInferredEvents(): { topicEvents: TopicEvent[]; groupEvents: GroupEvent[] } {
  const at = (i: number) => BASE_TIME + i * 9000;
  return {
    topicEvents: [
      { seq: 0, type: 'topic_created', name: 'orders.events', partitions: 3, receivedAt: at(0) },
      {
        seq: 2,
        type: 'topic_created',
        name: 'clicks.events',
        partitions: 6,
        inferred: true,
        receivedAt: at(2),
      },
      {
        seq: 3,
        type: 'topic_updated',
        name: 'orders.events',
        partitions: 6,
        previousPartitions: 3,
        inferred: true,
        receivedAt: at(3),
      },
      { seq: 5, type: 'topic_deleted', name: HOSTILE_NAME, inferred: true, receivedAt: at(5) },
    ],
    groupEvents: [
      { seq: 1, type: 'group_created', groupId: 'indexer-consumer', inferred: true, receivedAt: at(1) },
      { seq: 4, type: 'group_deleted', groupId: 'mailer-consumer', inferred: true, receivedAt: at(4) },
    ],
  };
}

const IDLE: ConnectionState = {
  status: 'idle',
  attempt: 0,
  nextRetryAt: null,
  lastMessageAt: null,
  openedAt: null,
  lastCloseCode: null,
  lastError: null,
};

/** Connection states for every status; `reconnecting` counts down from `retryInMs` after creation. */
export const connections = {
  live: (): ConnectionState => ({
    ...IDLE,
    status: 'open',
    openedAt: Date.now() - 60_000,
    lastMessageAt: Date.now(),
  }),
  /** Open, but nothing has come through the socket yet. */
  waiting: (): ConnectionState => ({ ...IDLE, status: 'open', openedAt: Date.now() - 1000 }),
  /** Open, but the last message is `ageMs` old (a stalled server). */
  stale: (ageMs = 45_000): ConnectionState => ({
    ...IDLE,
    status: 'open',
    openedAt: Date.now() - 120_000,
    lastMessageAt: Date.now() - ageMs,
  }),
  connecting: (): ConnectionState => ({ ...IDLE, status: 'connecting' }),
  reconnecting: (retryInMs = 8000): ConnectionState => ({
    ...IDLE,
    status: 'reconnecting',
    attempt: 3,
    nextRetryAt: Date.now() + retryInMs,
    lastCloseCode: 1006,
    lastError: new TakhinError('connection_lost', 'The connection closed unexpectedly (code 1006).', {
      closeCode: 1006,
    }),
  }),
  offline: (): ConnectionState => ({ ...IDLE, status: 'closed', lastCloseCode: 1000 }),
  error: (): ConnectionState => ({
    ...IDLE,
    status: 'closed',
    attempt: 10,
    lastError: new TakhinError(
      'max_retries',
      'Gave up after 10 attempts: the server refused the connection.',
      {
        fatal: true,
      },
    ),
  }),
};
