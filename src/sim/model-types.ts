import type { ServerMessage } from '../core/protocol.js';
import type { ClusterSize, Scenario } from './presets.js';

/** Options of {@link createCluster}. */
export interface ClusterOptions {
  /** Seed of every random choice; the same seed and the same calls give the same cluster. @default 1 */
  seed?: number;
  /** How many topics, partitions and groups. @default 'small' ('huge' for the 'huge' scenario) */
  size?: ClusterSize;
  /** What the cluster does over time. @default 'steady' */
  scenario?: Scenario;
  /** Model time at creation, ms since the epoch. @default 1704067200000 (2024-01-01T00:00:00Z) */
  startTime?: number;
  /** Report group state changes as `group_updated` events (the upstream server does not today). @default true */
  groupEvents?: boolean;
  /**
   * How often each group commits its read positions, ms. Real consumers commit every few seconds, so the
   * committed offsets (all the real Console sees of consumption) move in steps. @default a random 1000–5000 per group
   */
  commitIntervalMs?: number;
  /** Longest single simulation step in ms; longer `advance` calls are split. @default 500 */
  maxStepMs?: number;
}

/** The events the model reports, as the server messages that carry them. */
export type ClusterEvent = Extract<
  ServerMessage,
  { type: 'topic_created' | 'topic_deleted' | 'group_updated' }
>;

/** Counters since the (simulated) server start, and smoothed per-second rates. */
export interface ClusterTotals {
  produced: number;
  producedBytes: number;
  fetched: number;
  fetchedBytes: number;
  produceRate: number;
  produceByteRate: number;
  fetchRate: number;
  fetchByteRate: number;
}

export function emptyTotals(): ClusterTotals {
  return {
    produced: 0,
    producedBytes: 0,
    fetched: 0,
    fetchedBytes: 0,
    produceRate: 0,
    produceByteRate: 0,
    fetchRate: 0,
    fetchByteRate: 0,
  };
}

/** How a topic change is made. */
export interface TopicChangeOptions {
  /**
   * Made by a Kafka client rather than the Console's REST API: no `topic_created`/`topic_deleted` is sent,
   * the topic just appears in or vanishes from the metrics. @default false
   */
  silent?: boolean;
}

/** Cumulative true counts at one model time (see `ClusterModel.truth`). */
export interface TruthSnapshot {
  /** Model time, ms since the epoch. */
  time: number;
  /** Messages written to each topic since it was created. */
  topics: Record<string, number>;
  /** Messages each group committed (sum of its committed offsets' advances) since it appeared. */
  groups: Record<string, number>;
}
