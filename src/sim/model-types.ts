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
