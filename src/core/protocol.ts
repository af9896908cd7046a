/**
 * Wire types of the Takhin monitoring WebSocket (`/api/monitoring/ws`).
 *
 * These describe what travels on the socket, in both directions. Values keep the meaning of the
 * server's dialect here; see `dialect.ts` for how they become per-second rates and milliseconds.
 */

/**
 * How a server fills the numeric fields of `metrics`.
 * - `spec`: the quick reference — `throughput.*` and topic rates are per-second rates, latency in ms.
 * - `takhin`: the real upstream server — rates are cumulative counters since server start, latency in
 *   seconds, and the "percentiles" are the mean × 0.8 / 1.5 / 2.0.
 */
export type Dialect = 'spec' | 'takhin';

export interface Throughput {
  produceRate: number;
  fetchRate: number;
  produceBytes: number;
  fetchBytes: number;
}

export interface Latency {
  produceP50: number;
  produceP95: number;
  produceP99: number;
  fetchP50: number;
  fetchP95: number;
  fetchP99: number;
}

export interface TopicStat {
  name: string;
  partitions: number;
  totalMessages: number;
  totalBytes: number;
  produceRate: number;
  fetchRate: number;
}

export interface PartitionLag {
  partition: number;
  currentOffset: number;
  logEndOffset: number;
  lag: number;
}

export interface TopicLag {
  topic: string;
  totalLag: number;
  partitionLags: PartitionLag[];
}

export interface ConsumerLag {
  groupId: string;
  totalLag: number;
  topicLags: TopicLag[];
}

export interface ClusterHealth {
  activeConnections: number;
  totalTopics: number;
  totalPartitions: number;
  /** Consumers per the quick reference; the number of consumer groups on the real server. */
  totalConsumers: number;
  diskUsageBytes: number;
  memoryUsageBytes: number;
  goroutineCount: number;
}

/** The `data` of a `metrics` message, exactly as the server sends it. */
export interface MonitoringMetrics {
  throughput: Throughput;
  latency: Latency;
  topicStats: TopicStat[];
  consumerLags: ConsumerLag[];
  clusterHealth: ClusterHealth;
  /** Integer Unix seconds. */
  timestamp: number;
}

/** Consumer group states the server can report. */
export type GroupState = 'Empty' | 'PreparingRebalance' | 'CompletingRebalance' | 'Stable' | 'Dead';

export const GROUP_STATES: readonly GroupState[] = [
  'Empty',
  'PreparingRebalance',
  'CompletingRebalance',
  'Stable',
  'Dead',
];

export interface TopicCreatedData {
  name: string;
  partitions: number;
}

export interface TopicDeletedData {
  name: string;
}

export interface GroupUpdatedData {
  groupId: string;
  state: GroupState;
  members: number;
}

/** `group_created` / `group_deleted` are declared upstream but not sent today; accepted if they appear. */
export interface GroupLifecycleData {
  groupId: string;
}

/**
 * Every server message. `timestamp` is integer Unix seconds on the real server; the quick reference
 * omits it on events, so it is optional here.
 */
export type ServerMessage =
  | { type: 'metrics'; data: MonitoringMetrics; timestamp?: number }
  | { type: 'topic_created'; data: TopicCreatedData; timestamp?: number }
  | { type: 'topic_deleted'; data: TopicDeletedData; timestamp?: number }
  | { type: 'group_updated'; data: GroupUpdatedData; timestamp?: number }
  | { type: 'group_created'; data: GroupLifecycleData; timestamp?: number }
  | { type: 'group_deleted'; data: GroupLifecycleData; timestamp?: number }
  | { type: 'error'; data: unknown; timestamp?: number }
  | { type: 'pong'; data: null; timestamp?: number };

export type ServerMessageType = ServerMessage['type'];

export const SERVER_MESSAGE_TYPES: readonly ServerMessageType[] = [
  'metrics',
  'topic_created',
  'topic_deleted',
  'group_updated',
  'group_created',
  'group_deleted',
  'error',
  'pong',
];

/** Every client message. `timestamp` must be an integer (a float makes the real server drop it). */
export type ClientMessage =
  | { type: 'subscribe'; data: string; timestamp: number }
  | { type: 'unsubscribe'; data: string; timestamp: number }
  | { type: 'ping'; data?: unknown; timestamp: number };

export type ClientMessageType = ClientMessage['type'];

/** Path of the monitoring WebSocket on a Takhin server. */
export const MONITORING_WS_PATH = '/api/monitoring/ws';
/** Path of the REST twin that returns the bare metrics object. */
export const MONITORING_REST_PATH = '/api/monitoring/metrics';
/** The real server closes the socket with 1009 past this many bytes in one client message. */
export const MAX_CLIENT_MESSAGE_BYTES = 512 * 1024;
/** Default interval of `metrics` messages on the real server, in milliseconds. */
export const DEFAULT_METRICS_INTERVAL_MS = 2000;
