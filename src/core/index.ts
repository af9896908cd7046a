/**
 * takhin-react/vanilla: the framework-free core, for building your own UI without React (another
 * framework, a worker, Node): the client and store, their one `DEFAULTS` object, the pure reducer,
 * selectors, lag helpers, the alert evaluator, parsing and the protocol's constants and types. Nothing
 * here imports React or the DOM beyond the standard `WebSocket` interface. React apps use `takhin-react`,
 * which re-exports what they need of this.
 */
export {
  DEFAULT_METRICS_INTERVAL_MS,
  GROUP_STATES,
  MAX_CLIENT_MESSAGE_BYTES,
  MONITORING_REST_PATH,
  MONITORING_WS_PATH,
  SERVER_MESSAGE_TYPES,
} from './protocol.js';
export type {
  ClientMessage,
  ClientMessageType,
  ClusterHealth,
  ConsumerLag,
  Dialect,
  GroupLifecycleData,
  GroupState,
  GroupUpdatedData,
  Latency,
  MonitoringMetrics,
  PartitionLag,
  ServerMessage,
  ServerMessageType,
  Throughput,
  TopicCreatedData,
  TopicDeletedData,
  TopicLag,
  TopicStat,
} from './protocol.js';
export { lagKey } from './state.js';
export type {
  ConnectionState,
  ConsumerLagRow,
  Counters,
  GroupEvent,
  GroupInfo,
  LagValues,
  Metrics,
  MetricsSample,
  PartitionLagRow,
  RateBaseline,
  TakhinState,
  TopicEvent,
  TopicInfo,
  TopicLagRow,
} from './state.js';
export { TakhinError, type TakhinErrorCode, type TakhinErrorDetails } from './errors.js';
export type { WebSocketLike, WebSocketFactory } from './socket.js';
export type { ReconnectOptions } from './backoff.js';
export { DEFAULTS } from './defaults.js';
export type { HeartbeatOptions, TakhinClientOptions, UrlSource } from './options.js';
export { createTakhinClient, type TakhinClient, type TakhinClientEvents } from './client.js';
export type { PersistHistoryOptions } from './persistHistory.js';
export {
  createTakhinStore,
  createInitialState,
  takhinReducer,
  type TakhinAction,
  type TakhinStore,
  type TakhinStoreOptions,
} from './store.js';
export { parseFrame, parseLine, type ParsedFrame } from './parse.js';
export { encodeClientMessage } from './encode.js';
export { normalizeMetrics } from './dialect.js';
export {
  estimateCatchUpSeconds,
  lagTrend,
  selectConnection,
  selectConsumerLag,
  selectCounters,
  selectGroup,
  selectGroupEvents,
  selectGroupList,
  selectHistory,
  selectMetrics,
  selectTopic,
  selectTopicEvents,
  selectTopicList,
  selectTopicStat,
  selectTotalLag,
} from './selectors.js';
export type { LagDirection, LagTrend, LagTrendOptions } from './selectors.js';
export { lagValues, lagEntries, sampleLag } from './lagValues.js';
export { lagSeries, type LagSeries } from './lagSeries.js';
export { trackGroupLag } from './trackGroupLag.js';
export {
  evaluateLagAlerts,
  type LagAlert,
  type LagAlertLevel,
  type LagAlertRule,
  type LagAlertSample,
  type LagAlertState,
  type LagAlertStep,
  type LagGrowthRule,
  type LagLevelRule,
  type LagStuckRule,
} from './lagAlerts.js';
