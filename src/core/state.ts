import type { TakhinError } from './errors.js';
import type {
  ClusterHealth,
  ConsumerLag,
  Dialect,
  GroupState,
  Latency,
  MonitoringMetrics,
  PartitionLag,
  Throughput,
  TopicLag,
  TopicStat,
} from './protocol.js';

/**
 * Metrics after normalization, whatever the dialect: rates per second, latency in milliseconds,
 * every array sorted by identity (topics by name, groups by id, partitions by number).
 */
export interface Metrics {
  throughput: Throughput;
  latency: Latency;
  topicStats: TopicStat[];
  consumerLags: ConsumerLagRow[];
  clusterHealth: ClusterHealth;
  /** Server time of the sample, integer Unix seconds. */
  timestamp: number;
  /** Client time the sample was received, ms since the epoch. */
  receivedAt: number;
  /** Sum of every group's lag. */
  totalLag: number;
  /**
   * False when rates could not be derived yet (the first sample of a connection when they must be
   * derived, or the first after a counter reset): the rates are then 0, not measured.
   */
  ratesKnown: boolean;
  /**
   * Where the throughput figures come from: `'server'` once the server's own counters have moved,
   * `'offsets'` while they stay at zero (as on the real Takhin Console) and rates are derived from the
   * change of high-water marks and committed offsets between samples; `null` until there are two
   * samples to compare.
   */
  throughputSource: 'server' | 'offsets' | null;
  /** Which throughput figures are known; e.g. bytes consumed cannot be derived from offsets. */
  throughputKnown: Readonly<Record<keyof Throughput, boolean>>;
  /** True when latency "percentiles" are estimates from a mean (the `takhin` dialect). */
  latencyEstimated: boolean;
  /** False while every latency value the server sent has been 0: the server does not measure latency. */
  latencyReported: boolean;
  /** False while `clusterHealth.activeConnections` has always been 0 (the real Console never counts). */
  connectionsReported: boolean;
}

/** One partition's lag, with the consume rate derived from its committed offset. */
export interface PartitionLagRow extends PartitionLag {
  /** Messages committed per second since the previous sample; null when unknown (new, reset, first). */
  consumeRate: number | null;
}

/** One group's lag on one topic. */
export interface TopicLagRow extends Omit<TopicLag, 'partitionLags'> {
  partitionLags: PartitionLagRow[];
  /** Sum of the known partition rates; null when none is known. */
  consumeRate: number | null;
}

/** One group's lag. */
export interface ConsumerLagRow extends Omit<ConsumerLag, 'topicLags'> {
  topicLags: TopicLagRow[];
  /** Sum of the known topic rates; null when none is known. */
  consumeRate: number | null;
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
  /**
   * Produce rate (msgs/s) of every topic, keyed by topic name; NaN while rates are unknown. Optional so
   * hand-built histories stay valid; a sample without it has no rate trend.
   */
  topicRate?: LagValues;
  /**
   * Set on a placeholder for a time without data (the page was away, see `persistHistory`): its rates
   * are unknown, its lag columns empty and `totalLag` NaN, so charts leave a gap there.
   */
  gap?: true;
}

export interface TopicEvent {
  /** Monotonic sequence number, unique within a client. */
  seq: number;
  /** `topic_updated` is only ever inferred: the partition count changed in the metrics. */
  type: 'topic_created' | 'topic_deleted' | 'topic_updated';
  name: string;
  /** Present on `topic_created` and `topic_updated`. */
  partitions?: number;
  /** Present on `topic_updated`: the count before. */
  previousPartitions?: number;
  /**
   * True when no message announced the change: it was seen in the metrics (or the group poll). A real
   * event that follows for the same change adds no second entry.
   */
  inferred?: true;
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
  /** See {@link TopicEvent.inferred}. */
  inferred?: true;
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
  /** Messages committed per second over all its partitions, derived from offsets; null when unknown. */
  consumeRate?: number | null;
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
  /**
   * False while this client follows another tab that owns the socket (`shareAcrossTabs`): `status`
   * and the fields above are then that tab's, and the data arrives through it. True otherwise (the
   * store always sets it; a hand-built state may leave it out, which counts as true).
   */
  leader?: boolean;
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
  /** The server's own throughput counters have been non-zero: they, not offsets, give the rates. */
  serverCounters: boolean;
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
  /**
   * True from the moment a socket opens until its first metrics: nothing is derived from that sample
   * against the one before the gap, and no change is inferred from it (everything would look new).
   */
  freshConnection: boolean;
}

/** Builds the history key of one group's lag on one topic. */
export function lagKey(groupId: string, topic: string): string {
  return `${groupId}\u0000${topic}`;
}

export type { MonitoringMetrics };
