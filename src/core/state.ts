import type { TakhinError } from './errors.js';
import type {
  ClusterHealth,
  ConsumerLag,
  Dialect,
  GroupState,
  Latency,
  MonitoringMetrics,
  Throughput,
  TopicStat,
} from './protocol.js';

/**
 * Metrics after normalisation, whatever the dialect: rates per second, latency in milliseconds,
 * every array sorted by identity (topics by name, groups by id, partitions by number).
 */
export interface Metrics {
  throughput: Throughput;
  latency: Latency;
  topicStats: TopicStat[];
  consumerLags: ConsumerLag[];
  clusterHealth: ClusterHealth;
  /** Server time of the sample, integer Unix seconds. */
  timestamp: number;
  /** Client time the sample was received, ms since the epoch. */
  receivedAt: number;
  /** Sum of every group's lag. */
  totalLag: number;
  /**
   * False when rates could not be derived yet (the first `takhin` sample, or the first after a
   * counter reset): the rates are then 0, not measured.
   */
  ratesKnown: boolean;
  /** True when latency "percentiles" are estimates from a mean (the `takhin` dialect). */
  latencyEstimated: boolean;
}

/**
 * Lags of many series in one sample, as one column of numbers: `values[i]` is the lag of `keys[i]`.
 * Successive samples share one `keys` array while the set of keys is unchanged, so a series costs 8
 * bytes per sample. Read one value with `sampleLag`, a whole series with `lagSeries`.
 */
export interface LagValues {
  /** Group ids (`groupLag`) or `lagKey(groupId, topic)` (`topicLag`), each once; never mutated. */
  readonly keys: readonly string[];
  /** Never mutated. */
  readonly values: Float64Array;
}

/** One point of the bounded time series kept for charts and trends. */
export interface MetricsSample {
  /** Client time, ms since the epoch. */
  time: number;
  throughput: Throughput;
  latency: Latency;
  ratesKnown: boolean;
  totalLag: number;
  /** Lag of every group in the sample, keyed by group id. */
  groupLag: LagValues;
  /**
   * Lag per group and topic, keyed by `lagKey(groupId, topic)`, for the tracked pairs only: every topic
   * of the groups tracked with `trackGroupLag` (or `useTrackGroupLag`), plus the `topicLagPairs` pairs
   * with the highest lag in this sample.
   */
  topicLag: LagValues;
}

export interface TopicEvent {
  /** Monotonic sequence number, unique within a client. */
  seq: number;
  type: 'topic_created' | 'topic_deleted';
  name: string;
  /** Present on `topic_created`. */
  partitions?: number;
  /** Server time in integer Unix seconds, when the server sent one. */
  timestamp?: number;
  /** Client time, ms since the epoch. */
  receivedAt: number;
}

export interface GroupEvent {
  seq: number;
  type: 'group_updated' | 'group_created' | 'group_deleted';
  groupId: string;
  state?: GroupState;
  members?: number;
  timestamp?: number;
  receivedAt: number;
}

export interface TopicInfo {
  name: string;
  partitions: number;
}

export interface GroupInfo {
  groupId: string;
  /** Last state reported by `group_updated`; undefined when only metrics mentioned the group. */
  state?: GroupState;
  members?: number;
  /** Latest total lag from metrics; 0 when unknown. */
  totalLag: number;
}

export type ConnectionStatusName = 'idle' | 'connecting' | 'open' | 'reconnecting' | 'closed';

export interface ConnectionState {
  status: ConnectionStatusName;
  /** Consecutive failed attempts since the last stable connection. */
  attempt: number;
  /** When the next attempt is scheduled (ms since the epoch), or null. */
  nextRetryAt: number | null;
  /** When the last message of any type arrived (ms since the epoch), or null. */
  lastMessageAt: number | null;
  /** When the current socket opened, or null. */
  openedAt: number | null;
  /** Code of the last close, or null. */
  lastCloseCode: number | null;
  /** Last error of any kind (parse, connection, send), or null. */
  lastError: TakhinError | null;
}

export interface Counters {
  frames: number;
  messages: number;
  bytes: number;
  parseErrors: number;
  reconnects: number;
}

/** Raw cumulative counters of the previous `takhin` sample, used to derive rates. */
export interface RateBaseline {
  /** Client time the counters were received, ms since the epoch. */
  time: number;
  /** Server time of the counters (integer Unix seconds); the clock of last resort when `time` did not advance. */
  serverTimestamp?: number;
  throughput: Throughput;
  topics: Record<string, { produce: number; fetch: number }>;
}

export interface TakhinState {
  dialect: Dialect;
  metrics: Metrics | null;
  /** Oldest first, at most `historySize` samples. */
  history: MetricsSample[];
  historySize: number;
  /** Pairs with the highest lag kept in each sample's `topicLag`, besides those of tracked groups. */
  topicLagPairs: number;
  /**
   * Groups whose every topic's lag the history keeps, with how many holders asked (`trackGroupLag`).
   * Prototype-free.
   */
  trackedGroups: Record<string, number>;
  /** Oldest first, at most `eventBufferSize` events. */
  topicEvents: TopicEvent[];
  groupEvents: GroupEvent[];
  eventBufferSize: number;
  /** Current topics by name: metrics reconcile it, events update it between ticks. */
  topics: Record<string, TopicInfo>;
  /** Current groups by id: metrics reconcile it, events update it between ticks. */
  groups: Record<string, GroupInfo>;
  connection: ConnectionState;
  counters: Counters;
  /** Next event sequence number. */
  nextSeq: number;
  rateBaseline: RateBaseline | null;
}

/** Builds the history key of one group's lag on one topic. */
export function lagKey(groupId: string, topic: string): string {
  return `${groupId}\u0000${topic}`;
}

export type { MonitoringMetrics };
