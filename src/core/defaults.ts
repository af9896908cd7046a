import type { ReconnectOptions } from './backoff.js';
import type { HeartbeatOptions } from './options.js';
import type { PersistHistoryOptions } from './persistHistory.js';
import type { Dialect } from './protocol.js';
import { DEFAULT_METRICS_INTERVAL_MS } from './protocol.js';

/**
 * Every default of the client and store options, in one place: what an option left out means.
 * `createTakhinClient` and `createTakhinStore` apply these once, when they are created.
 */
export const DEFAULTS = Object.freeze({
  /** `TakhinClientOptions.dialect` and `TakhinStoreOptions.dialect`. */
  dialect: 'takhin' as Dialect,
  /** `TakhinClientOptions.tokenParam`. */
  tokenParam: 'token',
  /** `TakhinClientOptions.reconnect`: retry after 0.5 s, doubling up to 30 s, ±50 %, forever. */
  reconnect: Object.freeze<ReconnectOptions>({
    enabled: true,
    initialDelayMs: 500,
    maxDelayMs: 30_000,
    factor: 2,
    jitter: 0.5,
    maxRetries: Number.POSITIVE_INFINITY,
    minUptimeMs: 5_000,
  }),
  /** `TakhinClientOptions.heartbeat`: stale after three metrics intervals, ping after one and a half. */
  heartbeat: Object.freeze<HeartbeatOptions>({
    staleAfterMs: 3 * DEFAULT_METRICS_INTERVAL_MS,
    pingAfterMs: 1.5 * DEFAULT_METRICS_INTERVAL_MS,
    pongTimeoutMs: 2_500,
  }),
  /** `historySize` of the client and the store: 10 minutes at one sample every 2 s. */
  historySize: 300,
  /** `TakhinStoreOptions.topicLagPairs`. */
  topicLagPairs: 100,
  /** `eventBufferSize` of the client and the store. */
  eventBufferSize: 200,
  /** `TakhinClientOptions.sendQueueSize`. */
  sendQueueSize: 100,
  /** `TakhinClientOptions.firstPaint`. */
  firstPaint: false as boolean | string,
  /** `TakhinClientOptions.batch`. */
  batch: 'frame' as 'frame' | 'sync' | number,
  /** `TakhinClientOptions.networkEvents`. */
  networkEvents: true,
  /** `TakhinClientOptions.pollGroups`. */
  pollGroups: false as boolean | number,
  /** The interval of `pollGroups: true`, ms. */
  pollGroupsIntervalMs: 10_000,
  /** `TakhinClientOptions.shareAcrossTabs`. */
  shareAcrossTabs: false as boolean | string,
  /** `TakhinClientOptions.persistHistory`. */
  persistHistory: false as boolean | PersistHistoryOptions,
});
